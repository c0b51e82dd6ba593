import type { AxiosBasicCredentials, AxiosError, AxiosInstance, AxiosRequestConfig, AxiosResponse, AxiosResponseDefault } from 'axios'
import type { ComputedRef, MaybeRefOrGetter, Ref, WatchSource } from 'vue'
import type { RefreshError, SessionExpiredError } from '../core/errors'
import type { NuxtApp, NuxtError } from 'nuxt/app'

export type { RequestOptions } from '../core/client/request-options'

export type { AxiosJwtOptions, AxiosJwtMode, ApiOptions, OwnSessionOptions, RedirectTarget, OidcOptions } from './options'
export type { EndpointOptions, HeaderOptions, TokenOptions, UserOptions, RefreshOptions, SessionOptions, ServerOptions, ProxyOptions, CookieOptions, RedirectOptions, ClaimOptions } from './options'

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

/** A name of an API of `axiosJwt.apis` with an own session: `useAuth('partner')`. */
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
