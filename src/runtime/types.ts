import type { AxiosBasicCredentials, AxiosError, AxiosInstance, AxiosRequestConfig, AxiosResponse, AxiosResponseDefault } from 'axios'
import type { ComputedRef, MaybeRefOrGetter, Ref, WatchSource } from 'vue'
import type { RefreshError, SessionExpiredError } from './core/errors'
import type { NuxtApp, NuxtError } from 'nuxt/app'

export type { RequestOptions } from './core/request-options'

export interface AxiosJwtOptions {
  /**
   * Base URL of the API. Only requests to this origin carry the token. A path (`/api`) means the site's own origin:
   * the browser calls it there, the server in-process (never at the Host the request names).
   * @default ''
   */
  baseURL: string
  /**
   * Address of the API for the server, when it differs from the browser's `baseURL` (a private address such as
   * `http://api.internal:8080`). Server-only: kept out of the page (`NUXT_AXIOS_JWT_SERVER_BASE_URL`). Without it the
   * server uses `baseURL`; a path there is served by the app itself, in-process.
   * @default ''
   */
  serverBaseURL: string
  /**
   * More APIs: `{ billing: { baseURL } }` gives `useApi('billing')`, `useApiData(url, { api: 'billing' })` and
   * `useServerApi(event, 'billing')`. Each is signed only for its own origin. A path as `baseURL` is the site's own
   * origin, served in-process on the server; `baseURL` is runtime-configurable
   * (`NUXT_PUBLIC_AXIOS_JWT_APIS_BILLING_BASE_URL`).
   * - Without `endpoints` the API accepts the same access token (a second audience): a 401 there refreshes the one
   *   session, shared with `$api`.
   * - With `endpoints` it has a session of its own (`OwnSessionOptions`): its own login, refresh and logout, tokens and
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
  sharedRefresh: {
    /**
     * A Nitro storage mount (unstorage's `redis` driver) through which several server instances share each refresh, so
     * that renders of one expired pair on different instances make one exchange. `''` shares within an instance only.
     * Server-only (`NUXT_AXIOS_JWT_SHARED_REFRESH_STORAGE`).
     * @default ''
     */
    storage: string
  }
  /**
   * Proxy mode (backend for frontend): no token in the page at all. The browser calls the API through a route of the
   * app (`path`), which forwards each request to `to` signed with the access token from an HttpOnly cookie, refreshing
   * when due. Both token cookies are HttpOnly; login and logout go through the module's routes.
   */
  proxy: {
    /**
     * Path of the proxy route on the app (`/api`): requests to `path/**` go to `to`. `''` turns proxy mode off.
     * @default ''
     */
    path: string
    /**
     * The API's address the proxy forwards to, and the server calls during SSR (`https://api.example.com`).
     * Server-only, like `serverBaseURL` (`NUXT_AXIOS_JWT_PROXY_TO`).
     * @default ''
     */
    to: string
    /**
     * Milliseconds a proxied request may take, refresh and retry included, before it fails with 504.
     * @default 30000
     */
    timeout: number
    /**
     * Bytes of a request body the proxy takes (it keeps the body to replay it after a refresh); larger ones get 413.
     * @default 10485760
     */
    maxBodySize: number
    /**
     * Bytes of an answer the proxy streams to the browser: a larger `Content-Length` gets 502, a longer stream is cut.
     * @default 52428800
     */
    maxResponseSize: number
    /**
     * Milliseconds an answer may stream (an event stream, a slow download) before the proxy ends it; `timeout` bounds
     * the wait for its start.
     * @default 600000
     */
    maxDuration: number
    /**
     * Paths under the proxy that a browser may open as a page or embed (`['/files/']`, prefixes): a link to a download,
     * an image. Every other navigation or embedding (`Sec-Fetch-Mode: navigate`, a `Sec-Fetch-Dest` other than
     * `empty`) gets 403, so a file the API serves as uploaded never opens as a page of the app; every answer carries
     * `Content-Security-Policy: sandbox` and `X-Content-Type-Options: nosniff` either way.
     * @default []
     */
    navigation: string[]
    /**
     * Request headers the API gets beside the usual ones (content negotiation, conditional and range requests,
     * tracing, `Idempotency-Key`), lower case. Cookies, credentials and headers that speak for the proxy
     * (`X-Forwarded-*`, `X-Real-IP`, `X-Original-URL`) are never forwarded; `X-Forwarded-For` is the client's address
     * as the proxy's socket saw it.
     * @default []
     */
    forwardHeaders: string[]
  }
  /** Endpoints on the API: paths relative to `baseURL`, or absolute URLs. */
  endpoints: {
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
  tokens: {
    access: {
      /**
       * Cookie that holds the access token.
       * @default 'access_token'
       */
      cookie: string
      /**
       * Dot path of the access token in the login and refresh response bodies.
       * @default 'data.accessToken'
       */
      path: string
      /**
       * Dot path of the access token's lifetime in seconds in those bodies (OAuth2's `expires_in`), for access tokens
       * that are not JWTs with `exp`; `''` reads none.
       * @default ''
       */
      expiresInPath: string
    }
    refresh: {
      /**
       * Cookie that holds the refresh token.
       * @default 'refresh_token'
       */
      cookie: string
      /**
       * Dot path of the refresh token in the login and refresh response bodies.
       * @default 'data.refreshToken'
       */
      path: string
      /**
       * Field of the refresh request's JSON body that carries the refresh token.
       * @default 'refreshToken'
       */
      bodyField: string
      /**
       * Body of the refresh request: `json`, or `form` (`application/x-www-form-urlencoded`, as OAuth2 token endpoints take).
       * @default 'json'
       */
      bodyFormat: 'json' | 'form'
      /**
       * Static fields sent with the refresh token, e.g. `{ grant_type: 'refresh_token', client_id: 'web' }` for OAuth2.
       * @default {}
       */
      extraFields: Record<string, string>
      /**
       * Dot path of the refresh token's lifetime in seconds in the login and refresh response bodies
       * (`refresh_expires_in`, as Keycloak answers), for refresh tokens that are not JWTs with `exp`: the cookies live
       * that long, and `useSessionExpiry()` tells it (in httpOnly mode too). `''` reads none.
       * @default ''
       */
      expiresInPath: string
      /**
       * Seconds the cookies live when the refresh token's own expiry is unknown (it is not a JWT with `exp`).
       * @default 2592000
       */
      maxAge: number
      /**
       * Also send the refresh token in the auth header of the refresh call.
       * @default false
       */
      header: boolean
      /**
       * Keep the refresh token in an `HttpOnly` cookie that only the Nuxt server reads: the browser logs in, refreshes
       * and logs out through the module's routes under `/api/_axios-jwt/`, which call the API and set the cookies.
       * @default false
       */
      httpOnly: boolean
    }
  }
  user: {
    /**
     * Dot path of the user object in the `endpoints.user` response; `''` is the whole body.
     * @default 'data'
     */
    path: string
  }
  header: {
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
  /**
   * Seconds before a JWT access token's `exp` at which it is refreshed before sending; `0` refreshes before sending only
   * a token whose `exp` has passed, and one still valid on a 401.
   * Capped at half the token's lifetime, so short-lived tokens are not refreshed on every request.
   * @default 30
   */
  refreshBeforeExpiry: number
  /**
   * Also refresh in the browser on a timer, `refreshBeforeExpiry` before the access token expires, while the tab is
   * visible, so requests never wait for a refresh.
   * @default false
   */
  refreshInBackground: boolean
  /**
   * Milliseconds the refresh call may take before it fails as a transient error.
   * @default 10000
   */
  refreshTimeout: number
  /**
   * Statuses of the refresh endpoint that end the session (clear the tokens and go to login).
   * Every other failure is transient and keeps the session. Replaces the default list.
   * @default [401, 403]
   */
  sessionEndStatuses?: number[]
  /**
   * `error` codes in the refresh response body that end the session whatever the status (OAuth2's `invalid_grant`
   * arrives with 400). Replaces the default list.
   * @default ['invalid_grant']
   */
  sessionEndErrors?: string[]
  /**
   * Statuses of the API's answers (not the refresh endpoint's) that make the client refresh the pair and retry the
   * request once, e.g. `[401, 403]` for an API that answers 403 to an expired token. Replaces the default list.
   * @default [401]
   */
  refreshStatuses?: number[]
  /** Options for both cookies. */
  cookie: {
    /**
     * @default '/'
     */
    path: string
    /**
     * @default undefined
     */
    domain?: string
    /**
     * @default 'lax'
     */
    sameSite: 'lax' | 'strict' | 'none'
    /**
     * Send the cookies over HTTPS only.
     * @default true in production, false in development
     */
    secure?: boolean
  }
  /**
   * Pages the session sends users to: paths, or named route locations (`{ name: 'login' }`). With `@nuxtjs/i18n` they
   * are taken in the locale of the page the user is on.
   */
  redirect: {
    /**
     * Page to send users to when they are not logged in; gets `?redirect=<path>`.
     * @default '/login'
     */
    login: RedirectTarget
    /**
     * Page after login when there is no same-site `redirect` query parameter.
     * @default '/'
     */
    home: RedirectTarget
    /**
     * Page after logout.
     * @default '/login'
     */
    logout: RedirectTarget
    /**
     * Page for a signed-in user whom a page's `auth: { roles, scopes, allow }` does not admit; `false` shows Nuxt's
     * error page with a 403.
     * @default false
     */
    forbidden: RedirectTarget | false
  }
  /**
   * Where the page guards (`definePageMeta({ auth: { roles, scopes } })`) and `useAuth()` find roles and scopes: dot
   * paths into the access token's claims, else (an opaque token, a claim the token lacks) into the user object. A
   * claim is an array of names or a space-separated string. The browser reads claims without verifying signatures:
   * the guards steer navigation, the API stays the authority.
   */
  claims: {
    /**
     * Keycloak: `'realm_access.roles'`; Cognito: `'cognito:groups'`; Auth0: the namespaced claim
     * (`'https://example.com/roles'`); Entra ID: `'roles'`.
     * @default 'roles'
     */
    roles: string
    /**
     * `'scope'` (OAuth2's space-separated string) or `'scp'` (an array, Entra ID and Okta).
     * @default 'scope'
     */
    scopes: string
  }
  /**
   * Protect every page; a page opts out with `definePageMeta({ auth: false })`.
   * @default false
   */
  globalMiddleware: boolean
  /** The main session's life beside its tokens. */
  session: {
    /**
     * Seconds without user activity (pointer, keyboard, touch, a tab shown again, a page requested) in any tab of the
     * app after which the session ends in every tab, revoked at the API as `logout()` does; a server render past that
     * deadline (a laptop woken from sleep) ends it too, without refreshing. `0` turns it off.
     * @default 0
     */
    idleTimeout: number
    /**
     * Seconds before the session ends (the idle deadline, or the refresh token's own expiry when it is a JWT) at which
     * `axios-jwt:session-expiring` is called and `useSessionExpiry().expiring` turns true. `0` turns the warning off.
     * @default 0
     */
    warnBefore: number
  }
  /**
   * Sign in with an identity provider (OpenID Connect: the authorization-code flow with PKCE) instead of posting
   * credentials: `useAuth().login()` sends the browser to the provider, the module's callback route exchanges the code on
   * the server, checks the ID token and keeps the pair as in httpOnly mode. On when `issuer` (or
   * `endpoints.authorization`) is set at build time.
   */
  oidc: OidcOptions
}

/** `axiosJwt.oidc`: the identity provider the app signs in with. */
export interface OidcOptions {
  /**
   * The provider's issuer URL: its endpoints come from `<issuer>/.well-known/openid-configuration` and ID tokens must name
   * it in `iss`. Server-only, runtime-configurable (`NUXT_AXIOS_JWT_OIDC_ISSUER`). `''` with no hand-given endpoints
   * turns the flow off.
   * @default ''
   */
  issuer: string
  /**
   * The app's client id at the provider (`NUXT_AXIOS_JWT_OIDC_CLIENT_ID`).
   * @default ''
   */
  clientId: string
  /**
   * The client secret of a confidential client, sent to the token endpoint from the server only (HTTP Basic); `''` for a
   * public client. Set it through `NUXT_AXIOS_JWT_OIDC_CLIENT_SECRET`, never in the page.
   * @default ''
   */
  clientSecret: string
  /**
   * Scopes asked for; `openid` is always sent. Most providers return a refresh token only for `offline_access`.
   * @default ['openid', 'profile', 'email', 'offline_access']
   */
  scopes?: string[]
  /**
   * Sent as the `audience` parameter of the authorization request (Auth0's API identifier); `''` sends none.
   * @default ''
   */
  audience: string
  /**
   * More parameters of the authorization request, e.g. `{ resource: 'https://api.example.com' }` (RFC 8707) or
   * `{ prompt: 'login' }`.
   * @default {}
   */
  authorizationParams: Record<string, string>
  /**
   * Path of the module's callback route on the site, registered at the provider as the redirect URI
   * (`<siteURL><callbackPath>`).
   * @default '/auth/callback'
   */
  callbackPath: string
  /**
   * Page the provider sends the user back to after its logout (`post_logout_redirect_uri`, registered at the provider).
   * @default '/'
   */
  logoutRedirect: string
  /**
   * The site's public origin (`https://app.example.com`) for the redirect URIs. `''`: the origin of the request, which
   * the provider checks against the URIs registered for the client. Server-only (`NUXT_AXIOS_JWT_OIDC_SITE_URL`).
   * @default ''
   */
  siteURL: string
  /**
   * Where `useAuth().user` comes from: the claims of the ID token (no request), or the provider's userinfo endpoint.
   * @default 'id_token'
   */
  user: 'id_token' | 'userinfo'
  /**
   * Seconds of clock difference with the provider accepted in the ID token's `exp`, `iat` and `nbf`.
   * @default 60
   */
  clockSkew: number
  /**
   * Seconds the discovery document is kept before it is read again (a failed read keeps the last one).
   * @default 3600
   */
  discoveryTtl: number
  /**
   * Endpoints given by hand, for plain OAuth2 servers without discovery or to override what it says; each `''` comes
   * from the discovery document. Server-only (`NUXT_AXIOS_JWT_OIDC_ENDPOINTS_TOKEN`, …).
   */
  endpoints: {
    /** @default '' */
    authorization: string
    /** @default '' */
    token: string
    /** @default '' */
    userinfo: string
    /** @default '' */
    jwks: string
    /** RP-initiated logout (`end_session_endpoint`). @default '' */
    endSession: string
    /** Token revocation (RFC 7009), told of the refresh token at logout. @default '' */
    revocation: string
  }
}

/**
 * Why a sign-in failed, as the login page gets it (`useLoginError()`), from a fixed list:
 * - `invalid_credentials`: the API refused the username and password of a login form posted before the page ran its
 *   scripts (httpOnly and proxy modes); `login_unavailable`: the API could not be asked.
 * - The identity provider's `access_denied`, `login_required`, `consent_required`, `interaction_required`,
 *   `account_selection_required`.
 * - `state_mismatch`: the callback's `state` is not the one this browser started with (tampered, replayed, or the
 *   sign-in took longer than ten minutes).
 * - `code_rejected`: the provider refused the authorization code (already used, expired).
 * - `issuer_mismatch`: the authorization response names another issuer, or none where the provider always names
 *   itself (RFC 9207: a mix-up of providers).
 * - `id_token_invalid`: the ID token failed a check (signature, issuer, audience, nonce, expiry).
 * - `provider_unavailable`: the provider's discovery document or token endpoint could not be read.
 * - `sign_in_failed`: any other failure, and any value the module did not put there.
 * What went wrong in detail goes to the server's log, never into the page's URL.
 */
export type LoginErrorCode = 'invalid_credentials' | 'login_unavailable' | 'access_denied' | 'login_required' | 'consent_required' | 'interaction_required' | 'account_selection_required' | 'state_mismatch' | 'code_rejected' | 'issuer_mismatch' | 'id_token_invalid' | 'provider_unavailable' | 'sign_in_failed'

/** A failed sign-in, on the login page. */
export interface LoginError {
  code: LoginErrorCode
  /** The module's text for `code`, for the user (never text from the URL). */
  description: string
}

/** What an API of `axiosJwt.apis` with a session of its own sets for itself; the rest it takes from the main API's options. */
export type OwnSessionOptions = Pick<AxiosJwtOptions, 'endpoints' | 'tokens' | 'header' | 'user' | 'claims' | 'refreshBeforeExpiry' | 'refreshTimeout' | 'sessionEndStatuses' | 'sessionEndErrors' | 'refreshStatuses'>
  & {
    /** Attributes of its cookies (their names are `tokens.access.cookie` and `tokens.refresh.cookie`). */
    cookie?: Partial<AxiosJwtOptions['cookie']>
  }

/**
 * An API of `axiosJwt.apis`. Naming `endpoints` (even `{}`: the main API's paths on this `baseURL`) gives it a session
 * of its own; its cookies are then `<name>_access_token` and `<name>_refresh_token` unless `tokens` names others.
 */
export type ApiOptions = { baseURL: string } & Partial<OwnSessionOptions>

/** A page the session sends users to: a path starting with `/`, or a named route location such as `{ name: 'login' }`. */
export type RedirectTarget = string | {
  name: string
  params?: Record<string, string | string[]>
  query?: Record<string, string | string[]>
  hash?: string
}

/**
 * The names of the APIs in `axiosJwt.apis`, which the module writes into the app's types:
 * `useApi('billing')` then type-checks, and a name the options lack does not.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the module's type template
export interface NamedApis {}

/** A name of `axiosJwt.apis`. */
export type ApiName = keyof NamedApis & string

/** The names of the APIs in `axiosJwt.apis` with a session of their own, which the module writes into the app's types. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the module's type template
export interface OwnSessionApis {}

/** A name of an API of `axiosJwt.apis` with a session of its own: `useAuth('partner')`. */
export type OwnSessionName = keyof OwnSessionApis & string

/** `T` with every field optional at any depth, as options are written in `nuxt.config`. */
export type DeepPartial<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends readonly unknown[] ? T[K] : NonNullable<T[K]> extends object ? DeepPartial<NonNullable<T[K]>> : T[K]
}

/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors axios' own signatures */
/** Per-request options `$api` understands beyond axios' own. */
export interface ApiRequestConfig<D = any, P = any> extends Omit<AxiosRequestConfig<D, P>, 'auth'> {
  /**
   * `false`: send no token and never refresh for this request, as `axiosJwt: { sign: false }` says on any axios
   * config. Basic credentials still work as in axios.
   */
  auth?: AxiosBasicCredentials | false
}

/** What a request resolves to, as axios types it: the response, or the type given as `R`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- axios' own default for the headers type
type ApiResponse<T, R, D, P> = R extends AxiosResponseDefault ? AxiosResponse<T, D, {}, P> : R

type ApiUrlMethod = <T = any, R = AxiosResponseDefault, D = any, P = any>(url: string, config?: ApiRequestConfig<D, P>) => Promise<ApiResponse<T, R, D, P>>
type ApiBodyMethod = <T = any, R = AxiosResponseDefault, D = any, P = any>(url: string, data?: D, config?: ApiRequestConfig<D, P>) => Promise<ApiResponse<T, R, D, P>>

/**
 * The `$api` instance: axios, with `auth: false` accepted per request. It is an `AxiosInstance`, so it can be handed to
 * anything that takes one (`useAxios`, generated API clients).
 */
export interface ApiInstance extends Omit<AxiosInstance, 'request' | 'get' | 'delete' | 'head' | 'options' | 'post' | 'put' | 'patch' | 'postForm' | 'putForm' | 'patchForm'> {
  <T = any, R = AxiosResponseDefault, D = any, P = any>(config: ApiRequestConfig<D, P>): Promise<ApiResponse<T, R, D, P>>
  <T = any, R = AxiosResponseDefault, D = any, P = any>(url: string, config?: ApiRequestConfig<D, P>): Promise<ApiResponse<T, R, D, P>>
  request: <T = any, R = AxiosResponseDefault, D = any, P = any>(config: ApiRequestConfig<D, P>) => Promise<ApiResponse<T, R, D, P>>
  get: ApiUrlMethod
  delete: ApiUrlMethod
  head: ApiUrlMethod
  options: ApiUrlMethod
  post: ApiBodyMethod
  put: ApiBodyMethod
  patch: ApiBodyMethod
  postForm: ApiBodyMethod
  putForm: ApiBodyMethod
  patchForm: ApiBodyMethod
}

/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The user object as `endpoints.user` returns it. Type your own by augmenting it:
 * `declare module '#axios-jwt' { interface AuthUser { id: number, name: string } }`.
 */
export interface AuthUser {
  [key: string]: unknown
}

export interface LoginOptions {
  /**
   * `false`: keep the session only until the browser closes (cookies without `Max-Age`); refreshes keep the choice.
   * @default true
   */
  remember?: boolean
  /** Where to go after login: a same-site path, or `false` to stay. Defaults to the `redirect` query parameter, then `redirect.home`. */
  redirect?: string | false
}

export interface LogoutOptions {
  /** Where to go after logout, or `false` to stay. Defaults to `redirect.logout`. */
  redirect?: string | false
}

/** What `useAuth()` returns. */
export interface UseAuthReturn {
  /** The user loaded from `endpoints.user`, or `null`. */
  user: Ref<AuthUser | null>
  /** Whether the browser holds a session (an access or a refresh token). */
  loggedIn: ComputedRef<boolean>
  /**
   * Posts the credentials to `endpoints.login`, stores both tokens, loads the user and navigates. Signed in with an
   * identity provider (`axiosJwt.oidc`), `login()` without credentials sends the browser to the provider's sign-in,
   * to come back to `options.redirect` (else the `redirect` query parameter, then `redirect.home`).
   */
  login: (credentials?: Record<string, unknown>, options?: LoginOptions) => Promise<void>
  /**
   * Tells `endpoints.logout` (errors ignored), clears the tokens and the user, and navigates. Signed in with an identity
   * provider: revokes the refresh token there and goes to the provider's logout page, which returns to
   * `oidc.logoutRedirect` (`redirect: false` stays, leaving the provider's session).
   */
  logout: (options?: LogoutOptions) => Promise<void>
  /**
   * Refreshes the pair now (shared with any refresh already running); resolves to the new access token (in proxy mode
   * to `''`: the server refreshed the pair it holds, and the page sees no token).
   */
  refresh: () => Promise<string>
  /** Loads the user from `endpoints.user`. */
  fetchUser: () => Promise<AuthUser | null>
  /**
   * A valid access token for clients other than `$api` (a WebSocket, an EventSource, a `fetch` upload, an SDK):
   * refreshed first when due, sharing the refresh with `$api` and the other tabs; `null` without a session.
   * Rejects with `RefreshError` when a due refresh fails transiently, and with `AxiosJwtError` in proxy mode, where the
   * page holds no token.
   */
  getAccessToken: () => Promise<string | null>
  /**
   * The claims of the current access token (reactive; they follow each refresh), or the user object when the token is
   * opaque or stays on the server (proxy mode). Read without verifying the signature: for display and navigation.
   */
  claims: ComputedRef<Record<string, unknown>>
  /** Whether the session has at least one of `roles` (at `claims.roles`). */
  hasRole: (...roles: string[]) => boolean
  /** Whether the session has every one of `scopes` (at `claims.scopes`). */
  hasScope: (...scopes: string[]) => boolean
}

/** When the main session ends, as `useSessionExpiry()` tells it in the browser (every second). */
export interface SessionExpiry {
  /** Seconds until the session ends for want of activity (`session.idleTimeout`); `null` when off or signed out. */
  idleSecondsLeft: Ref<number | null>
  /**
   * Seconds until the refresh token expires (its `exp` when it is a JWT the page can read, else the lifetime the API
   * gave it at `tokens.refresh.expiresInPath`); `null` when unknown.
   */
  refreshSecondsLeft: Ref<number | null>
  /** The sooner of both, `null` when neither is known. */
  secondsLeft: ComputedRef<number | null>
  /** Whether `secondsLeft` is within `session.warnBefore`. */
  expiring: ComputedRef<boolean>
  /** Counts as activity, and refreshes the pair when the refresh token's expiry is the nearer end: "stay signed in". */
  extend: () => Promise<void>
}

/** What `useApiData` puts in `error`: the request's own error, as `$api` rejected with it. */
export type ApiDataError = AxiosError | SessionExpiredError | RefreshError

/** Options of `useApiData`: those of an axios request (`url`, `params`, `data` may be refs or getters) and of `useAsyncData`. */
export interface UseApiDataOptions<ResT, DataT = ResT, PickKeys extends keyof DataT = never, DefaultT = undefined>
  extends Omit<ApiRequestConfig, 'url' | 'params' | 'data' | 'signal'> {
  /** Key of the data in the payload; derived from the API, the method, URL, params and body unless given. */
  key?: MaybeRefOrGetter<string>
  /** The API of `axiosJwt.apis` to call instead of `$api`'s. */
  api?: ApiName
  /** Query parameters; their values may be refs too. A change refetches. */
  params?: MaybeRefOrGetter<UseApiDataParams | undefined>
  /** Request body; a change refetches. */
  data?: MaybeRefOrGetter<unknown>
  /** Fetch during SSR. @default true */
  server?: boolean
  /** Do not block client-side navigation on the request. @default false */
  lazy?: boolean
  /** Fetch at once; `false` waits for `execute()` or `refresh()`. @default true */
  immediate?: boolean
  /** Value of `data` before the response arrives and after an error. */
  default?: () => DefaultT | Ref<DefaultT>
  /** Maps the response body to what `data` holds. */
  transform?: (body: ResT) => DataT | Promise<DataT>
  /** Keeps only these fields of the body. */
  pick?: PickKeys[]
  /** More sources whose change refetches; `false` also stops refetching when the URL, params or body change. */
  watch?: WatchSource[] | false
  /** Deeply reactive `data`. */
  deep?: boolean
  /** A second fetch of the same key while one runs: `cancel` aborts the first, `defer` joins it. @default 'cancel' */
  dedupe?: 'cancel' | 'defer'
  /** Returns cached data for a key, `undefined` to fetch. */
  getCachedData?: (key: string, nuxtApp: NuxtApp, context: { cause: 'initial' | 'refresh:hook' | 'refresh:manual' | 'watch' }) => DataT | undefined
}

/** Query parameters of `useApiData`: an object whose values may be refs or getters, or `URLSearchParams`. */
export type UseApiDataParams = Record<string, MaybeRefOrGetter<unknown>> | URLSearchParams

/** What `useApiData` returns (also awaitable). */
export interface ApiData<DataT> {
  data: Ref<DataT>
  /**
   * The axios error (or `SessionExpiredError`, `RefreshError`) of the last request. An error rendered on the server is
   * rebuilt in the browser from the payload, with its message, `code`, `status` and response body. An error thrown by
   * `transform` stays Nuxt's `NuxtError`.
   */
  error: Ref<ApiDataError | NuxtError | undefined>
  status: Ref<'idle' | 'pending' | 'success' | 'error'>
  pending: Ref<boolean>
  /** Fetches again. */
  refresh: (options?: { dedupe?: 'cancel' | 'defer' }) => Promise<void>
  /** Same as `refresh`. */
  execute: (options?: { dedupe?: 'cancel' | 'defer' }) => Promise<void>
  /** Drops the data and the error, and aborts a request in flight. */
  clear: () => void
}

/** `DataT`, or the fields of it that `pick` names. */
export type PickedData<DataT, PickKeys extends keyof DataT> = [PickKeys] extends [never] ? DataT : Pick<DataT, PickKeys>
