import type { ApiOptions, EndpointOptions, HeaderOptions } from './api'
import type { OidcOptions } from './oidc'
import type { ClaimOptions, RedirectOptions } from './pages'
import type { RefreshOptions } from './refresh'
import type { ProxyOptions, ServerOptions } from './server'
import type { SessionOptions } from './session'
import type { CookieOptions, TokenOptions, UserOptions } from './tokens'

export type { ApiOptions, EndpointOptions, HeaderOptions, OwnSessionOptions } from './api'
export type { OidcOptions } from './oidc'
export type { ClaimOptions, RedirectOptions, RedirectTarget } from './pages'
export type { RefreshOptions } from './refresh'
export type { ProxyOptions, ServerOptions } from './server'
export type { SessionOptions } from './session'
export type { CookieOptions, TokenOptions, UserOptions } from './tokens'

/**
 * Where the tokens live and who calls the API:
 * - `readable`: both tokens in cookies the page reads; the browser calls the API with the access token.
 * - `httpOnly`: the refresh token in an `HttpOnly` cookie that only the Nuxt server reads (login, refresh and logout go
 *   through the module's routes under `/api/_axios-jwt/`); the browser calls the API with the access token.
 * - `proxy`: no token in the page at all; the browser calls the API through the app's route `proxy.path`, which signs
 *   each request on the server (backend for frontend).
 */
export type AxiosJwtMode = 'readable' | 'httpOnly' | 'proxy'

/** `axiosJwt` in `nuxt.config`: each group answers one question. */
export interface AxiosJwtOptions {
  /**
   * Where the tokens live and who calls the API: `'readable'`, `'httpOnly'` or `'proxy'` (see `AxiosJwtMode`).
   * Signing in with an identity provider (`oidc`) needs `'httpOnly'` or `'proxy'`.
   * @default 'readable'
   */
  mode: AxiosJwtMode
  /**
   * Base URL of the API. Only requests to this origin carry the token. A path (`/api`) means the site's own origin:
   * the browser calls it there, the server in-process (never at the Host the request names). In proxy mode the
   * browser calls `proxy.path` instead, and the proxy forwards to `server.baseURL` (else to this).
   * @default ''
   */
  baseURL: string
  /**
   * More APIs: `{ billing: { baseURL } }` gives `useApi('billing')`, `useApiData(url, { api: 'billing' })` and
   * `useServerApi(event, 'billing')`. Each is signed only for its own origin. A path as `baseURL` is the site's own
   * origin, served in-process on the server; `baseURL` is runtime-configurable
   * (`NUXT_PUBLIC_AXIOS_JWT_APIS_BILLING_BASE_URL`).
   * - Without `endpoints` the API accepts the same access token (a second audience): a 401 there refreshes the one
   *   session, shared with `$api`.
   * - With `endpoints` it has an own session (`OwnSessionOptions`): its own login, refresh and logout, tokens and
   *   cookies, and `useAuth('partner')`; what it does not set it takes from the main API's options.
   * @default {}
   */
  apis: Record<string, ApiOptions>
  /**
   * Origins beside the APIs' own to which `useAuthWebSocket` and `useAuthEventSource` may carry the access token
   * (`['wss://live.example.com']`); a live connection to any other origin does not open. Unencrypted (`ws:`, `http:`)
   * only on this machine. Runtime-configurable (`NUXT_PUBLIC_AXIOS_JWT_LIVE_ORIGINS='["wss://live.example.com"]'`).
   * @default []
   */
  liveOrigins: string[]
  /** Endpoints on the API: paths relative to `baseURL`, or absolute URLs. */
  endpoints: EndpointOptions
  /** Where the tokens are in the API's answers, how the refresh call sends them, and their cookies' names. */
  tokens: TokenOptions
  /** Where the user is in the answer of `endpoints.user`. */
  user: UserOptions
  /** The header that carries the access token. */
  header: HeaderOptions
  /** When the pair is refreshed, and which answers of the API make the client refresh and retry. */
  refresh: RefreshOptions
  /** When the session ends: the refresh endpoint's final answers, inactivity, and the warning before. */
  session: SessionOptions
  /** Attributes of the token cookies. */
  cookie: CookieOptions
  /**
   * Pages the session sends users to: paths, or named route locations (`{ name: 'login' }`). With `@nuxtjs/i18n` they
   * are taken in the locale of the page the user is on.
   */
  redirect: RedirectOptions
  /**
   * Where the page guards (`definePageMeta({ auth: { roles, scopes } })`) and `useAuth()` find roles and scopes: dot
   * paths into the access token's claims, else (an opaque token, a claim the token lacks) into the user object. A
   * claim is an array of names or a space-separated string. The browser reads claims without verifying signatures:
   * the guards steer navigation, the API stays the authority.
   */
  claims: ClaimOptions
  /**
   * Protect every page; a page opts out with `definePageMeta({ auth: false })`.
   * @default false
   */
  globalMiddleware: boolean
  /** Proxy mode's route (`mode: 'proxy'`): its path and its bounds. */
  proxy: ProxyOptions
  /** Settings of the Nuxt server only, never sent to the page (`NUXT_AXIOS_JWT_SERVER_*`). */
  server: ServerOptions
  /**
   * Sign in with an identity provider (OpenID Connect: the authorization-code flow with PKCE) instead of posting
   * credentials: `useAuth().login()` sends the browser to the provider, the module's callback route exchanges the code on
   * the server, checks the ID token and keeps the pair on the server's side (`mode: 'httpOnly'` or `'proxy'`). On when
   * `issuer` (or `endpoints.authorization`) is set at build time.
   */
  oidc: OidcOptions
}
