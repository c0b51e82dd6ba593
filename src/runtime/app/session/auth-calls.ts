import { isAxiosError, type AxiosInstance } from 'axios'
import { AxiosJwtError, CREDENTIALS_REFUSED, InvalidCredentialsError, refusalMessage } from '../../core/errors'
import { CSRF_HEADER, httpOnlyPaths, proxyAnswerPaths } from '../../core/http-only'
import { logoutRequest, type ResolvedOptions } from '../../core/options'
import { unsigned } from '../../core/client/request-options'
import { holdsSession, readTokenResponse, type StoredTokens, type TokenPair } from '../../core/tokens/tokens'
import { serverRefreshMode, oidcMode, proxyMode } from '#axios-jwt/options'

/** The module's server routes, in httpOnly mode: they hold the refresh token, so login and logout go through them. */
export type SessionRoutes = Record<'login' | 'logout', string>

const sameSiteOnly = { [CSRF_HEADER]: '1' }

/** The API's refusal of the credentials as an `InvalidCredentialsError`; any other failure as it was. */
function asRefusal(error: unknown): unknown {
  const response = isAxiosError(error) ? error.response : undefined
  return response && CREDENTIALS_REFUSED.has(response.status) ? new InvalidCredentialsError(refusalMessage(response.data), response.status) : error
}

/** Posts the credentials to the API (or the module's route) and reads the pair from the answer. */
export async function postLogin(api: AxiosInstance, config: ResolvedOptions, routes: SessionRoutes | undefined, credentials: Record<string, unknown>, remember?: boolean): Promise<TokenPair> {
  // The route keeps the cookies, so it hears of "remember me" too.
  const { data } = await (routes
    ? api.post(routes.login, credentials, { ...unsigned, headers: sameSiteOnly, params: remember === false ? { remember: 0 } : undefined })
    : api.post(config.endpoints.login, credentials, unsigned)
  ).catch((error) => {
    throw asRefusal(error)
  })
  // In proxy mode the route answers no token: the browser keeps nothing but the session value it can see. The
  // build-time constants leave the routes' answer shapes out of apps in readable mode.
  const result = readTokenResponse(data, !serverRefreshMode || !routes ? config.tokens : proxyMode ? proxyAnswerPaths : httpOnlyPaths)
  if (!result.ok) throw new AxiosJwtError(`Login failed: ${result.problem}. Check \`axiosJwt.tokens.*.path\`.`)
  return result.tokens
}

/** The provider's logout page in the logout route's answer, when it names one. */
function providerLogoutPage(answer: unknown): string | undefined {
  const page = (answer as { endSession?: unknown } | undefined)?.endSession
  return typeof page === 'string' && /^https?:\/\//.test(page) ? page : undefined
}

/**
 * Tells the API of a logout (errors ignored): through the module's route in httpOnly mode, else at `endpoints.logout`.
 * Signed in with an identity provider, resolves to the provider's logout page when it has one.
 */
export async function postLogout(api: AxiosInstance, config: ResolvedOptions, routes: SessionRoutes | undefined, tokens: StoredTokens): Promise<string | undefined> {
  const quiet = { ...unsigned, timeout: config.refresh.timeout }
  if (routes) {
    const answer = await api.post(routes.logout, undefined, { ...quiet, headers: sameSiteOnly }).catch(() => undefined)
    // The build-time constant: apps that do not sign in with a provider leave this out.
    if (oidcMode) return providerLogoutPage(answer?.data)
  }
  else if (config.endpoints.logout && holdsSession(tokens)) {
    const { data, headers } = logoutRequest(config, tokens)
    await api.post(config.endpoints.logout, data, { ...quiet, headers }).catch(() => undefined)
  }
}
