import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios'
import type { CallHook } from './hooks'
import { headerValueOf, type ClientOptions } from '../options'
import { readTokenResponse, type FullTokenPair } from '../tokens/tokens'

/** What one exchange of a refresh token came to. */
export type RefreshOutcome
  = | { kind: 'ok', tokens: FullTokenPair }
    | { kind: 'ended', reason: string, status?: number }
    | { kind: 'transient', reason: string, status?: number, code?: string }

/** Trades a refresh token for a new pair; never throws, so the outcome can be shared. */
export type Exchange = (refreshToken: string) => Promise<RefreshOutcome>

export interface ExchangeSetup {
  options: ClientOptions
  /** The instance whose base URL and credentials mode the refresh call shares. */
  api: AxiosInstance
  callHook?: CallHook
  /** Builds the refresh request instead of the default body from `tokens.refresh` (a failure is transient). */
  request?: (refreshToken: string) => AxiosRequestConfig | Promise<AxiosRequestConfig>
}

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

/** Whether a failed refresh call means the refresh token is no longer valid, or may pass. */
function classifyFailure(error: unknown, options: ClientOptions): RefreshOutcome {
  const { reason, status, code } = describeFailure(error)
  if (status && options.session.endStatuses.includes(status)) return { kind: 'ended', reason: `the refresh token was rejected with ${status}`, status }
  const grantError = errorCode(error)
  if (status && grantError && options.session.endErrors.includes(grantError)) {
    return { kind: 'ended', reason: `the refresh token was rejected with ${status} ${grantError}`, status }
  }
  return { kind: 'transient', reason, status, code }
}

/** The refresh request `tokens.refresh` describes: the token in a JSON or form body, optionally in the header too. */
function defaultRequest(refreshToken: string, { endpoints, tokens, header }: ClientOptions): AxiosRequestConfig {
  const fields = { ...tokens.refresh.extraFields, [tokens.refresh.bodyField]: refreshToken }
  return {
    method: 'post',
    url: endpoints.refresh,
    data: tokens.refresh.bodyFormat === 'form' ? new URLSearchParams(fields) : fields,
    headers: tokens.refresh.header ? { [header.name]: headerValueOf(header, refreshToken) } : {},
  }
}

const TIMED_OUT: RefreshOutcome = { kind: 'transient', reason: 'the refresh endpoint did not answer in time', code: 'ETIMEDOUT' }

/** `promise`, or a rejection once `signal` aborts, whether or not the adapter heeds the signal. */
function until<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    promise.then(resolve, reject)
  })
}

/**
 * The client that sends refresh requests: the API's base URL, adapter and credentials mode, and no redirects, so the
 * refresh token is never re-posted to where a 307 points. In a browser only fetch can refuse a redirect (XHR follows).
 */
function refreshClientFor(api: AxiosInstance, options: ClientOptions): AxiosInstance {
  const { adapter } = api.defaults
  return axios.create({
    baseURL: api.defaults.baseURL,
    adapter: typeof adapter === 'function' || !('document' in globalThis) ? adapter : 'fetch',
    timeout: options.refresh.timeout,
    withCredentials: api.defaults.withCredentials,
    maxRedirects: 0,
  })
}

/** The call to the refresh endpoint and what its answer means. */
export function createExchange({ options, api, callHook, request }: ExchangeSetup): Exchange {
  // Made on the first refresh: most SSR requests never need one.
  let http: AxiosInstance | undefined
  return async (refreshToken) => {
    let body: unknown
    // A deadline for the whole call: `timeout` alone restarts whenever a byte of a slow answer arrives.
    const deadline = AbortSignal.timeout(options.refresh.timeout)
    try {
      const config = await (request?.(refreshToken) ?? defaultRequest(refreshToken, options))
      await callHook?.('axios-jwt:refresh-request', config)
      body = (await until((http ??= refreshClientFor(api, options)).request({ ...config, signal: deadline }), deadline)).data
    }
    catch (error) {
      return deadline.aborted ? TIMED_OUT : classifyFailure(error, options)
    }
    const result = readTokenResponse(body, options.tokens)
    if (!result.ok) return { kind: 'transient', reason: result.problem }
    return { kind: 'ok', tokens: { ...result.tokens, refreshToken: result.tokens.refreshToken ?? refreshToken } }
  }
}
