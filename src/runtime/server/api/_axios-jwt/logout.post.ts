import { defineEventHandler, sendNoContent } from 'h3'
import { endServerSession } from '../../lib/end-session'
import { routeCookies } from '../../lib/route-cookies'
import { assertSameSite } from '../../utils/same-origin'
import { useRouteSessionOptions } from '../../lib/server-options'

/**
 * Revokes the session (errors ignored) and clears the token cookies, the HttpOnly one included. Signed in with an
 * identity provider, it answers `{ endSession }`: the provider's logout page, for the browser to visit.
 */
export default defineEventHandler(async (event) => {
  assertSameSite(event)
  const config = useRouteSessionOptions(event)
  const endSession = await endServerSession(event, config, routeCookies(event, config))
  return endSession ? { endSession } : sendNoContent(event)
})
