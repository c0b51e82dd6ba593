import axios, { type AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import type { ApiRequests } from './api-requests'
import { isOffline, OfflineError, SessionExpiredError } from '../errors'
import { headerValueOf, type ClientOptions } from '../options'
import type { AttemptMark } from './refresh-attempts'
import type { Refresher } from './refresher'
import type { TokenClock } from './token-clock'
import type { TokenStore } from '../tokens/tokens'

export interface InterceptorSetup {
  header: ClientOptions['header']
  /** The API's statuses that mean "refresh and retry" (`refresh.statuses`). */
  refreshStatuses: number[]
  store: TokenStore
  clock: TokenClock
  refresher: Refresher
  requests: ApiRequests
}

/** What the interceptors remember of one request between sending it and its answer; it travels on the config. */
interface RequestState {
  /** The refresh attempts started before this request was signed. */
  attempts?: AttemptMark
  retried?: boolean
}

type FlaggedConfig = InternalAxiosRequestConfig & { _axiosJwt?: RequestState }

const state = (config: FlaggedConfig): RequestState => (config._axiosJwt ??= {})
// The token a request was signed with, kept off the config so that error logs and `toJSON()` do not repeat it.
const sentTokens = new WeakMap<RequestState, string>()

/** Signs the API's requests with the access token, refreshing first when it is due, and retries once after a refresh a request the API answered with one of `refresh.statuses` (401). */
export function installInterceptors(api: AxiosInstance, { header, refreshStatuses, store, clock, refresher, requests }: InterceptorSetup): void {
  const signs = (config: InternalAxiosRequestConfig): boolean =>
    !requests.optedOut(config) && requests.isApiRequest(config) && !requests.isRefreshRequest(config)

  // Axios drops `Authorization` on a redirect to another origin (on the server); a header of another name needs saying.
  const custom = header.name.toLowerCase() !== 'authorization'

  function sign(config: FlaggedConfig, token: string | undefined): InternalAxiosRequestConfig {
    const requestState = state(config)
    requestState.attempts = refresher.attempts.mark()
    if (token) sentTokens.set(requestState, token)
    else sentTokens.delete(requestState)
    if (token) config.headers.set(header.name, headerValueOf(header, token))
    else config.headers.delete(header.name)
    if (custom) config.sensitiveHeaders = [...new Set([...config.sensitiveHeaders ?? [], header.name])]
    return config
  }

  async function refreshThenSign(config: InternalAxiosRequestConfig, accessToken: string | undefined): Promise<InternalAxiosRequestConfig> {
    try {
      return sign(config, await refresher.replace(accessToken))
    }
    catch (error) {
      // A token that still works is better than no request at all while the refresh endpoint is down.
      if (error instanceof SessionExpiredError || !accessToken || clock.hasExpired(accessToken)) throw error
      return sign(config, accessToken)
    }
  }

  // Synchronous unless a refresh is due: most requests then cost no extra promise.
  api.interceptors.request.use((config) => {
    if (!signs(config)) return config
    // Offline, a request cannot reach the API and a due refresh would fail: both wait for the network.
    if (isOffline()) throw new OfflineError()
    const tokens = store.get()
    return clock.isDue(tokens) ? refreshThenSign(config, tokens.accessToken) : sign(config, tokens.accessToken)
  })

  api.interceptors.response.use(undefined, async (error: AxiosError) => {
    const config = error?.config as FlaggedConfig | undefined
    if (!axios.isAxiosError(error) || !config || !refreshStatuses.includes(error.response?.status ?? 0)) throw error
    if (state(config).retried || !signs(config)) throw error
    const { attempts: before = 0 } = state(config)
    const sent = sentTokens.get(state(config))
    // Sent without a token: the user is anonymous and there is no session to refresh or end.
    if (!sent) throw error
    // A refresh that started after this request was sent already failed: that is this request's answer too.
    const failure = refresher.attempts.failedSince(before)
    if (failure) throw failure
    const current = store.get().accessToken
    // Another request may already have refreshed since this one was sent.
    const token = current && current !== sent ? current : await refresher.replace(sent)
    state(config).retried = true
    return api.request(sign(config, token))
  })
}
