import { createError, defineEventHandler } from 'h3'
import { SessionExpiredError } from '../../../core/errors'
import { SESSION_ENDED } from '../../../core/http-only'
import { signedApiFor } from '../../lib/api-client'
import { routeCookies } from '../../lib/route-cookies'
import { assertSameSite } from '../../utils/same-origin'
import { useRouteSessionOptions } from '../../lib/server-options'

/**
 * Refreshes with the HttpOnly refresh token: 200 with the new access token, 401 when the session is over (cookies
 * cleared), 503 when the API failed and the session is kept.
 */
export default defineEventHandler(async (event) => {
  assertSameSite(event)
  const config = useRouteSessionOptions(event)
  const cookies = routeCookies(event, config)
  const { client } = signedApiFor(event, config, cookies)
  try {
    return cookies.answer(await client.refresh())
  }
  catch (error) {
    // The answer holds a code only: what failed (addresses of the API or the provider) stays in the server's log.
    if (error instanceof SessionExpiredError) {
      throw createError({ statusCode: 401, statusMessage: 'The session is over', data: { error: SESSION_ENDED } })
    }
    console.warn(`[nuxt-axios-jwt] A refresh through ${event.path} failed; the session is kept: ${error instanceof Error ? error.message : String(error)}`)
    throw createError({ statusCode: 503, statusMessage: 'The refresh failed; the session is kept', data: { error: 'refresh_unavailable' } })
  }
})
