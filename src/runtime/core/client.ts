import axios from 'axios'
import type { AxiosError, AxiosInstance, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios'
import { RefreshError, SessionExpiredError } from './errors'
import { readTokenTimes } from './jwt'
import { lastValue } from './memo'
import { headerValueOf } from './options'
import { readTokenResponse, type FullTokenPair, type TokenPair, type TokenPaths } from './tokens'
import { originOf } from './url'

/** The tokens currently held; either may be missing. */
export interface StoredTokens {
  accessToken?: string
  refreshToken?: string
}

/** Where tokens live (cookies in Nuxt, anything in tests). Reads must be fresh: other tabs may write too. */
export interface TokenStore {
  get: () => StoredTokens
  /** Stores a pair; a missing `refreshToken` removes the stored one. */
  set: (tokens: TokenPair) => void | Promise<void>
  clear: () => void | Promise<void>
}

export interface JwtClientOptions extends TokenPaths {
  store: TokenStore
  /** Refresh endpoint, relative to the instance's `baseURL` or absolute. */
  refreshURL: string
  /** Origin that relative URLs resolve against (the page's or the incoming request's). */
  origin?: string
  bodyField: string
  /** `form` posts `application/x-www-form-urlencoded` (OAuth2, RFC 6749 §6) instead of JSON. */
  bodyFormat?: 'json' | 'form'
  /** Static fields sent along with the refresh token (`grant_type`, `client_id`). */
  extraFields?: Record<string, string>
  refreshHeader: boolean
  headerName: string
  headerType: string
  /** Seconds before `exp` at which a JWT access token is refreshed before sending; 0 turns it off. */
  refreshBeforeExpiry: number
  /** Milliseconds the refresh call may take. */
  refreshTimeout: number
  /** Refresh response statuses that mean the refresh token is no longer valid. */
  sessionEndStatuses: number[]
  /** `error` codes in a refresh response body that end the session whatever the status (`invalid_grant`). */
  sessionEndErrors?: string[]
  onRefreshed?: (tokens: FullTokenPair) => void | Promise<void>
  /**
   * Lets callers holding the same refresh token share one exchange (concurrent SSR renders of one user).
   * Must only hand an outcome to holders of that same refresh token.
   */
  shareRefresh?: (refreshToken: string, exchange: () => Promise<RefreshOutcome>) => Promise<RefreshOutcome>
  onSessionEnd?: (error: SessionExpiredError) => void | Promise<void>
  /** Called once for every refresh attempt that fails, transient or final. */
  onRefreshFailed?: (error: RefreshError | SessionExpiredError) => void | Promise<void>
  /** May change the refresh request (headers, body, URL) before it is sent. */
  beforeRefresh?: (request: AxiosRequestConfig) => void | Promise<void>
  /** Builds the refresh request instead of the default body from `bodyField`, `bodyFormat` and `extraFields`. */
  refreshRequest?: (refreshToken: string) => AxiosRequestConfig
  now?: () => number
}

export interface JwtClient {
  /**
   * Refreshes the pair once however many callers ask at the same time; resolves to the new access token. With `stale`,
   * the access token the caller could not use (`null`: none), a good token stored meanwhile is taken instead.
   */
  refresh: (stale?: string | null) => Promise<string>
  /** Whether the access token is missing, or is a JWT that expires within the refresh margin. */
  needsRefresh: () => boolean
  /** Milliseconds until the stored access token is due for a refresh (0: now); `undefined` when unknown or no session. */
  refreshDueIn: () => number | undefined
  /** Whether the request goes to the API's origin and may carry the token. */
  isApiRequest: (config: AxiosRequestConfig) => boolean
  /** The header value for a token (`Bearer <token>`). */
  headerValue: (token: string) => string
}

/** What one exchange of a refresh token came to. */
export type RefreshOutcome
  = | { kind: 'ok', tokens: FullTokenPair }
    | { kind: 'ended', reason: string, status?: number }
    | { kind: 'transient', reason: string, status?: number, code?: string }

/** Clock differences below this many seconds are network latency and whole-second `iat`, not skew. */
const SKEW_TOLERANCE = 5

interface RequestState {
  token?: string
  /** Refresh attempts started before this request was signed. */
  attempts?: number
  retried?: boolean
}

type FlaggedConfig = AxiosRequestConfig & { _axiosJwt?: RequestState }

const state = (config: FlaggedConfig): RequestState => (config._axiosJwt ??= {})
const optedOut = (config: AxiosRequestConfig): boolean => (config as { auth?: unknown }).auth === false

/** The OAuth2-style `error` code of a failed response, if its body has one. */
function errorCode(error: unknown): string | undefined {
  const data = axios.isAxiosError(error) ? error.response?.data : undefined
  const code = data && typeof data === 'object' ? (data as { error?: unknown }).error : undefined
  return typeof code === 'string' ? code : undefined
}

function describeFailure(error: unknown): { reason: string, status?: number, code?: string } {
  if (!axios.isAxiosError(error)) return { reason: error instanceof Error ? error.message : String(error) }
  const status = error.response?.status
  if (status) return { reason: `the refresh endpoint answered ${status}`, status, code: error.code }
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return { reason: 'the refresh endpoint did not answer in time', code: error.code }
  return { reason: `the refresh endpoint could not be reached (${error.code || 'network error'})`, code: error.code }
}

/**
 * Signs requests to the API with the access token and refreshes it when it expires or is rejected.
 * Holds no state beyond the instance it is installed on, so each SSR request gets its own.
 */
export function installJwtClient(api: AxiosInstance, options: JwtClientOptions): JwtClient {
  const { store } = options
  const now = options.now ?? Date.now
  // Made on the first refresh: most SSR requests never need one.
  let refresher: AxiosInstance | undefined
  const refreshClient = (): AxiosInstance => refresher ??= axios.create({
    baseURL: api.defaults.baseURL,
    timeout: options.refreshTimeout,
    withCredentials: api.defaults.withCredentials,
  })
  let inflight: Promise<string> | undefined
  let attempts = 0
  // The last attempt's transient failure: requests signed before it started share it instead of retrying at once.
  let lastFailure: { attempt: number, error: RefreshError } | undefined
  // Seconds the API's clock is ahead of this one, learned from the tokens it issues.
  let skew = 0
  const apiNow = (): number => now() / 1000 + skew
  // A token that already looks due when it arrives (unknown lifetime shorter than the margin, a clock
  // we could not correct) is refreshed on 401 only, so it cannot turn into a refresh per request.
  let dueOnArrival: string | undefined

  const headerValue = (token: string): string => headerValueOf(options.headerType, token)

  // Axios' own test for an absolute URL (protocol-relative included); the rest resolve against the base URL.
  const ABSOLUTE = /^(?:[a-z][a-z\d+\-.]*:)?\/\//i
  // Every request asks about the same token: decode it once (per client, so nothing outlives a request on the server).
  const jwtTimes = lastValue(readTokenTimes)
  // Expiry (API clock) of opaque access tokens, from the `expires_in` they came with.
  const opaqueExpiry = new Map<string, number>()
  const tokenTimes = (token: string) => {
    const times = jwtTimes(token)
    return times.exp === undefined && opaqueExpiry.has(token) ? { exp: opaqueExpiry.get(token) } : times
  }
  const baseOrigin = lastValue((base: string) => originOf(base || '/', options.origin))
  const apiOrigin = (): string | undefined => baseOrigin(api.defaults.baseURL || '')
  const isApiRequest = (config: AxiosRequestConfig): boolean => {
    const url = config.url || ''
    const origin = ABSOLUTE.test(url) && config.allowAbsoluteUrls !== false
      ? originOf(url, options.origin)
      : baseOrigin(config.baseURL ?? api.defaults.baseURL ?? '')
    return origin !== undefined && origin === apiOrigin()
  }
  const refreshName = options.refreshURL.split('?')[0]!.split('/').filter(Boolean).at(-1) ?? ''
  const isRefreshRequest = (config: AxiosRequestConfig): boolean =>
    (config.url || '').includes(refreshName)
    && api.getUri({ ...config, params: undefined }) === api.getUri({ url: options.refreshURL })

  /** When (the API's clock, seconds) `token` is `margin` seconds from expiry, margin capped at half its lifetime. */
  function dueAt(token: string, margin: number): number | undefined {
    const { exp, iat } = tokenTimes(token)
    if (exp === undefined) return undefined
    const lifetime = iat !== undefined && iat < exp ? exp - iat : undefined
    return exp - (lifetime === undefined ? margin : Math.min(margin, lifetime / 2))
  }

  function expiresWithin(token: string, margin: number): boolean {
    const at = dueAt(token, margin)
    return at !== undefined && at <= apiNow()
  }

  function refreshDueIn({ accessToken, refreshToken }: Partial<TokenPair> = store.get()): number | undefined {
    if (!refreshToken) return undefined
    if (!accessToken) return 0
    const at = accessToken === dueOnArrival ? undefined : dueAt(accessToken, options.refreshBeforeExpiry)
    return at === undefined ? undefined : Math.max(0, (at - apiNow()) * 1000)
  }

  function needsRefresh({ accessToken, refreshToken }: Partial<TokenPair> = store.get()): boolean {
    if (!refreshToken) return false
    if (!accessToken) return true
    return accessToken !== dueOnArrival && expiresWithin(accessToken, options.refreshBeforeExpiry)
  }

  async function endSession(reason: string, status?: number): Promise<SessionExpiredError> {
    await store.clear()
    dueOnArrival = undefined
    const error = new SessionExpiredError(reason, status)
    await options.onSessionEnd?.(error)
    return error
  }

  /** Trades a refresh token for a new pair; never throws, so the outcome can be shared. */
  async function exchange(refreshToken: string): Promise<RefreshOutcome> {
    const headers: Record<string, string> = {}
    if (options.refreshHeader) headers[options.headerName] = headerValue(refreshToken)
    let body: unknown
    try {
      const fields = { ...options.extraFields, [options.bodyField]: refreshToken }
      const request: AxiosRequestConfig = options.refreshRequest?.(refreshToken) ?? {
        method: 'post',
        url: options.refreshURL,
        data: options.bodyFormat === 'form' ? new URLSearchParams(fields) : fields,
        headers,
      }
      await options.beforeRefresh?.(request)
      body = (await refreshClient().request(request)).data
    }
    catch (error) {
      const { reason, status, code } = describeFailure(error)
      if (status && options.sessionEndStatuses.includes(status)) return { kind: 'ended', reason: `the refresh token was rejected with ${status}`, status }
      const grantError = errorCode(error)
      if (status && grantError && options.sessionEndErrors?.includes(grantError)) {
        return { kind: 'ended', reason: `the refresh token was rejected with ${status} ${grantError}`, status }
      }
      return { kind: 'transient', reason, status, code }
    }
    const result = readTokenResponse(body, options)
    if (!result.ok) return { kind: 'transient', reason: result.problem }
    return { kind: 'ok', tokens: { ...result.tokens, refreshToken: result.tokens.refreshToken ?? refreshToken } }
  }

  async function runRefresh(stale?: string | null): Promise<string> {
    const current = store.get()
    // The caller found `stale` (or, with `null`, no token) unusable; another tab may have stored a good pair since.
    if (stale !== undefined && current.accessToken && current.accessToken !== stale && !needsRefresh(current)) return current.accessToken
    const { refreshToken } = current
    if (!refreshToken) throw await endSession('no refresh token')
    const outcome = options.shareRefresh
      ? await options.shareRefresh(refreshToken, () => exchange(refreshToken))
      : await exchange(refreshToken)
    if (outcome.kind === 'transient') throw new RefreshError(outcome.reason, outcome.status, outcome.code)
    if (outcome.kind === 'ended') {
      // Another tab or process may have rotated the pair while this call was on its way.
      const current = store.get()
      if (current.accessToken && current.refreshToken && current.refreshToken !== refreshToken) return current.accessToken
      throw await endSession(outcome.reason, outcome.status)
    }
    const { tokens } = outcome
    await store.set(tokens)
    if (tokens.expiresIn && jwtTimes(tokens.accessToken).exp === undefined) {
      opaqueExpiry.clear()
      opaqueExpiry.set(tokens.accessToken, apiNow() + tokens.expiresIn)
    }
    // The API's clock, judged from when the token says it was issued; a skewed client clock then
    // neither refreshes too early nor too late.
    const { iat } = tokenTimes(tokens.accessToken)
    const offset = iat === undefined ? 0 : iat - now() / 1000
    skew = Math.abs(offset) > SKEW_TOLERANCE ? offset : 0
    dueOnArrival = expiresWithin(tokens.accessToken, options.refreshBeforeExpiry) ? tokens.accessToken : undefined
    await options.onRefreshed?.(tokens)
    return tokens.accessToken
  }

  /** `stale`: the access token the caller could not use (`null`: it had none); without it the pair is always refreshed. */
  function refresh(stale?: string | null): Promise<string> {
    if (inflight) return inflight
    const attempt = ++attempts
    inflight = runRefresh(stale).then((token) => {
      lastFailure = undefined
      return token
    }, async (error) => {
      if (error instanceof RefreshError) lastFailure = { attempt, error }
      if (error instanceof RefreshError || error instanceof SessionExpiredError) await options.onRefreshFailed?.(error)
      throw error
    }).finally(() => {
      inflight = undefined
    })
    return inflight
  }

  function sign(config: InternalAxiosRequestConfig, token: string | undefined): InternalAxiosRequestConfig {
    state(config).token = token
    state(config).attempts = attempts
    if (token) config.headers.set(options.headerName, headerValue(token))
    else config.headers.delete(options.headerName)
    return config
  }

  async function refreshThenSign(config: InternalAxiosRequestConfig, accessToken: string | undefined): Promise<InternalAxiosRequestConfig> {
    try {
      return sign(config, await refresh(accessToken ?? null))
    }
    catch (error) {
      // A token that still works is better than no request at all while the refresh endpoint is down.
      const { exp } = tokenTimes(accessToken ?? '')
      if (error instanceof SessionExpiredError || !accessToken || (exp !== undefined && exp <= apiNow())) throw error
      return sign(config, accessToken)
    }
  }

  // Synchronous unless a refresh is due: most requests then cost no extra promise.
  api.interceptors.request.use((config) => {
    if (optedOut(config) || !isApiRequest(config) || isRefreshRequest(config)) return config
    const tokens = store.get()
    return needsRefresh(tokens) ? refreshThenSign(config, tokens.accessToken) : sign(config, tokens.accessToken)
  })

  api.interceptors.response.use(undefined, async (error: AxiosError) => {
    const config = error?.config as (InternalAxiosRequestConfig & FlaggedConfig) | undefined
    if (!axios.isAxiosError(error) || !config || error.response?.status !== 401) throw error
    if (optedOut(config) || state(config).retried || !isApiRequest(config) || isRefreshRequest(config)) throw error
    // Sent without a token: the user is anonymous and there is no session to refresh or end.
    if (!state(config).token) throw error
    const { token: sent, attempts: before = 0 } = state(config)
    // A refresh that started after this request was sent already failed: that is this request's answer too.
    if (lastFailure && lastFailure.attempt > before) throw lastFailure.error
    const current = store.get().accessToken
    // Another request may already have refreshed since this one was sent.
    const token = current && current !== sent ? current : await refresh(sent)
    state(config).retried = true
    return api.request(sign(config, token))
  })

  return { refresh, needsRefresh, refreshDueIn, isApiRequest, headerValue }
}
