import type { AxiosInstance, AxiosRequestConfig } from 'axios'
import { apiRequests } from './api-requests'
import { createExchange } from './exchange'
import type { CallHook } from './hooks'
import { installInterceptors } from './interceptors'
import { lazyExchange } from './lazy-exchange'
import type { ClientOptions } from '../options'
import { createRefresher, type ShareRefresh } from './refresher'
import { createTokenClock } from './token-clock'
import type { StoredTokens, TokenStore } from '../tokens/tokens'

export interface JwtClientOptions {
  options: ClientOptions
  store: TokenStore
  /** Origin that relative URLs resolve against (the page's or the incoming request's). */
  origin?: string
  share?: ShareRefresh
  /** Receives the client's reports (`nuxtApp.callHook` in an app). */
  callHook?: CallHook
  /** Builds the refresh request instead of the default one from `tokens.refresh`. */
  refreshRequest?: (refreshToken: string) => AxiosRequestConfig | Promise<AxiosRequestConfig>
  now?: () => number
}

export interface JwtClient {
  /** Refreshes the pair now, once however many callers ask at the same time; resolves to the new access token. */
  refresh: () => Promise<string>
  /** Refreshes because the stored access token is due, unless another tab or request stores a good one first. */
  refreshDue: () => Promise<string>
  /** Whether a refresh is due before the next request (no access token, or one about to expire). */
  needsRefresh: () => boolean
  /** Milliseconds until the stored access token is due for a refresh (0: now); `undefined` when unknown or no session. */
  refreshDueIn: () => number | undefined
  /** Whether the request goes to the API's origin and may carry the token. */
  isApiRequest: (config: AxiosRequestConfig) => boolean
  /**
   * Signs `other`, the instance of another API that accepts the same token (`axiosJwt.apis`), for its own origin
   * only; its 401s refresh through this client, so the session has one refresh whichever API asks.
   */
  signAlso: (other: AxiosInstance) => void
}

/**
 * Signs requests to the API with the access token and refreshes it when it expires or is rejected.
 * Holds no state beyond the instance it is installed on, so each SSR request gets its own.
 */
export function installJwtClient(api: AxiosInstance, { options, store, origin, share, callHook, refreshRequest, now }: JwtClientOptions): JwtClient {
  const clock = createTokenClock(options.refresh.beforeExpiry, now)
  // In the browser the exchange's code loads at the first refresh; the bundler leaves the other branch out.
  const exchange = (import.meta.client ? lazyExchange : createExchange)({ options, api, callHook, request: refreshRequest })
  const refresher = createRefresher({ store, clock, exchange, share, callHook })
  const signing = { header: options.header, refreshStatuses: options.refresh.statuses, store, clock, refresher }
  const requests = apiRequests(api, options.endpoints.refresh, origin)
  installInterceptors(api, { ...signing, requests })
  const tokens = (): StoredTokens => store.get()
  return {
    refresh: refresher.refresh,
    refreshDue: () => refresher.replace(tokens().accessToken),
    needsRefresh: () => clock.isDue(tokens()),
    refreshDueIn: () => clock.dueIn(tokens()),
    isApiRequest: requests.isApiRequest,
    signAlso: other => installInterceptors(other, { ...signing, requests: apiRequests(other, options.endpoints.refresh, origin) }),
  }
}

export type { RefreshOutcome } from './exchange'
export type { ShareRefresh } from './refresher'
export type { StoredTokens, TokenPair, TokenStore } from '../tokens/tokens'

/** The pair to revoke at logout: the API wants a valid access token, so an expired or missing one is refreshed first. */
export async function revocableTokens(client: JwtClient, store: TokenStore): Promise<StoredTokens> {
  if (client.needsRefresh()) await client.refreshDue().catch(() => undefined)
  return store.get()
}
