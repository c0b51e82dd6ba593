import { createError, defineEventHandler, getQuery, readBody, setResponseStatus } from 'h3'
import { readTokenResponse } from '../../../core/tokens'
import { apiFor } from '../../utils/api-client'
import { routeCookies } from '../../utils/route-cookies'
import { assertSameSite } from '../../utils/same-origin'
import { useRouteSessionOptions } from '../../utils/server-options'

/** Logs in at the API with the posted credentials (and nothing else), keeps the tokens in cookies, answers the access token. */
export default defineEventHandler(async (event) => {
  assertSameSite(event)
  const config = useRouteSessionOptions(event)
  const credentials = await readBody(event)
  const response = await apiFor(event, config).api.post(config.endpoints.login, credentials, { validateStatus: () => true }).catch(() => {
    throw createError({ statusCode: 502, statusMessage: 'The login endpoint could not be reached', data: { error: 'login_unavailable' } })
  })
  if (response.status >= 300 && response.status < 400) {
    throw createError({ statusCode: 502, statusMessage: `The login endpoint answered a redirect (${response.status}), which the module does not follow with credentials. Point \`axiosJwt.endpoints.login\` at the final address.`, data: { error: 'login_redirected' } })
  }
  // The API's refusal (wrong credentials) reaches the login form as it was.
  if (response.status >= 400) {
    setResponseStatus(event, response.status)
    return response.data
  }
  const result = readTokenResponse(response.data, config.tokens)
  if (!result.ok) {
    throw createError({ statusCode: 502, statusMessage: `Login failed: ${result.problem}. Check \`axiosJwt.tokens.*.path\`.`, data: { error: 'bad_token_response' } })
  }
  const cookies = routeCookies(event, config)
  try {
    // `?remember=0`: cookies that last until the browser closes.
    await cookies.set(result.tokens, { remember: getQuery(event).remember !== '0' })
  }
  catch (error) {
    throw createError({ statusCode: 502, statusMessage: error instanceof Error ? error.message : String(error), data: { error: 'tokens_not_stored' } })
  }
  return cookies.answer(result.tokens.accessToken)
})
