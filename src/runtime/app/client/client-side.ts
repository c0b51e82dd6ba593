import type { AxiosRequestConfig } from 'axios'
import { CSRF_HEADER, httpOnlyURLs } from '../../core/http-only'
import type { ClientOptions, ResolvedOptions } from '../../core/options'
import type { ShareRefresh } from '../../core/refresher'
import { serverSharing } from '../../core/shared-refresh'
import { shareTabRefresh } from '../tabs/tab-refresh'
import { httpOnlyClientOptions } from './http-only-client'
import { useRequestEvent, useRuntimeConfig } from '#imports'

/** What the client of one app instance does by side and mode: where it refreshes, and with whom it shares. */
export interface ClientSide {
  options: ClientOptions
  /** The request to the module's refresh route, in httpOnly mode in the browser. */
  refreshRequest?: () => AxiosRequestConfig
  share: ShareRefresh
  /** The module's routes, in httpOnly mode in the browser: login and logout go through them too. */
  routes?: ReturnType<typeof httpOnlyURLs>
}

/**
 * On the server: the options as they are, sharing across instances when `sharedRefresh` is on, else within this one.
 * In the browser: sharing across tabs; in httpOnly mode refreshing through the module's route, which holds the
 * refresh token.
 */
export function useClientSide(config: ResolvedOptions, origin: string): ClientSide {
  if (import.meta.server) return { options: config, share: serverSharing(useRequestEvent()?.context).share }
  if (!config.tokens.refresh.httpOnly) return { options: config, share: shareTabRefresh() }
  const routes = httpOnlyURLs(origin, useRuntimeConfig().app.baseURL)
  return {
    options: httpOnlyClientOptions(config, routes.refresh),
    refreshRequest: () => ({ method: 'post', url: routes.refresh, headers: { [CSRF_HEADER]: '1' } }),
    share: shareTabRefresh(),
    routes,
  }
}
