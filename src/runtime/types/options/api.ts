import type { RefreshOptions } from './refresh'
import type { SessionOptions } from './session'
import type { CookieOptions, TokenOptions, UserOptions } from './tokens'
import type { ClaimOptions } from './pages'

export interface EndpointOptions {
  /**
   * Takes the credentials, answers with both tokens.
   * @default '/auth/login'
   */
  login: string
  /**
   * Takes the refresh token, answers with a new pair (or a new access token).
   * @default '/auth/refresh'
   */
  refresh: string
  /**
   * Told when the user logs out; `false` when the API has none.
   * @default '/auth/logout'
   */
  logout: string | false
  /**
   * Answers with the current user; `false` when the API has none.
   * @default '/auth/me'
   */
  user: string | false
}

export interface HeaderOptions {
  /**
   * Header that carries the access token.
   * @default 'Authorization'
   */
  name: string
  /**
   * Scheme put before the token; `''` sends the bare token.
   * @default 'Bearer'
   */
  type: string
}

/** What an API of `axiosJwt.apis` with an own session sets for itself; the rest it takes from the main API's options. */
export interface OwnSessionOptions {
  endpoints: EndpointOptions
  tokens: TokenOptions
  header: HeaderOptions
  user: UserOptions
  claims: ClaimOptions
  refresh: Pick<RefreshOptions, 'beforeExpiry' | 'timeout' | 'statuses'>
  session: Pick<SessionOptions, 'endStatuses' | 'endErrors'>
  /** Attributes of its cookies (their names are `tokens.access.cookie` and `tokens.refresh.cookie`). */
  cookie?: Partial<CookieOptions>
}

/**
 * An API of `axiosJwt.apis`. Naming `endpoints` (even `{}`: the main API's paths on this `baseURL`) gives it an own
 * session; its cookies are then `<name>_access_token` and `<name>_refresh_token` unless `tokens` names others.
 */
export type ApiOptions = { baseURL: string } & Partial<OwnSessionOptions>
