import { createError, type H3Event } from 'h3'
import type { HttpOnlyAnswer } from '../../core/http-only'
import type { ResolvedOptions } from '../../core/options'
import { readTokenResponse } from '../../core/tokens/tokens'
import { apiFor } from '../lib/api-client'
import { routeCookies } from '../lib/route-cookies'

/** A login the API answered: the pair stored (and the answer for the page), or the API's refusal as it came. */
export type LoginOutcome = { ok: true, answer: HttpOnlyAnswer } | { ok: false, status: number, body: unknown }

/**
 * Posts the credentials (and nothing else) to the API's login endpoint and keeps the pair in the route's cookies
 * (`remember: false`: until the browser closes). A failure that is not the API's refusal is a 502 whose `data.error`
 * names it.
 */
export async function logInAtApi(event: H3Event, config: ResolvedOptions, credentials: unknown, remember: boolean): Promise<LoginOutcome> {
  const response = await apiFor(event, config).api.post(config.endpoints.login, credentials, { validateStatus: () => true }).catch(() => {
    throw createError({ statusCode: 502, statusMessage: 'The login endpoint could not be reached', data: { error: 'login_unavailable' } })
  })
  if (response.status >= 300 && response.status < 400) {
    throw createError({ statusCode: 502, statusMessage: `The login endpoint answered a redirect (${response.status}), which the module does not follow with credentials. Point \`axiosJwt.endpoints.login\` at the final address.`, data: { error: 'login_redirected' } })
  }
  if (response.status >= 400) return { ok: false, status: response.status, body: response.data }
  const result = readTokenResponse(response.data, config.tokens)
  if (!result.ok) {
    throw createError({ statusCode: 502, statusMessage: `Login failed: ${result.problem}. Check \`axiosJwt.tokens.*.path\`.`, data: { error: 'bad_token_response' } })
  }
  const cookies = routeCookies(event, config)
  try {
    await cookies.set(result.tokens, { remember })
  }
  catch (error) {
    throw createError({ statusCode: 502, statusMessage: error instanceof Error ? error.message : String(error), data: { error: 'tokens_not_stored' } })
  }
  return { ok: true, answer: cookies.answer(result.tokens.accessToken) }
}
