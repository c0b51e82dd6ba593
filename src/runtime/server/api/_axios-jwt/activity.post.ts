import { createError, defineEventHandler, sendNoContent } from 'h3'
import { SESSION_ENDED } from '../../../core/http-only'
import { holdsSession } from '../../../core/tokens/tokens'
import { touchActivity } from '../../idle/activity-seal'
import { requestJar } from '../../lib/request-jar'
import { routeCookies } from '../../lib/route-cookies'
import { assertSameSite } from '../../utils/same-origin'
import { useServerOptions } from '../../lib/server-options'

/**
 * With `session.idleTimeout` in httpOnly and proxy modes: the user is active in a tab, so the server seals a new last
 * activity (the tabs call it at most every 30 s, or a quarter of the timeout). A session already idle was ended before
 * this handler: 401.
 */
export default defineEventHandler(async (event) => {
  assertSameSite(event)
  const config = useServerOptions(event)
  if (!holdsSession(routeCookies(event, config).get())) throw createError({ statusCode: 401, statusMessage: 'The session is over', data: { error: SESSION_ENDED } })
  await touchActivity(config, requestJar(event))
  return sendNoContent(event)
})
