import type { AxiosInstance } from 'axios'
import { installJwtClient, type JwtClient } from '../../core/client/client'
import type { CallHook } from '../../core/client/hooks'
import { CSRF_HEADER, httpOnlyURLs } from '../../core/http-only'
import type { ResolvedOptions } from '../../core/options'
import { installProxyClient } from '../../core/client/proxy-client'
import { renderSupport } from '../../core/server-only/render-support'
import { serverSharing } from '../../core/server-only/shared-refresh'
import type { TokenStore } from '../../core/tokens/tokens'
import { shareTabRefresh } from '../tabs/tab-refresh'
import { httpOnlyClientOptions } from './http-only-client'
import { refreshWhenBack } from './refresh-when-back'
import { serverRefreshMode, proxyMode } from '#axios-jwt/options'
import { useRequestEvent, useRuntimeConfig } from '#imports'

export interface ClientSetup {
  config: ResolvedOptions
  store: TokenStore
  origin: string
  callHook: CallHook
}

/** The client of one app instance, and in the browser in httpOnly and proxy modes the module's routes. */
export interface ClientSide {
  client: JwtClient
  /** The module's routes: login, refresh and logout go through them. */
  routes?: ReturnType<typeof httpOnlyURLs>
}

/**
 * What the client of a session (the main API's, or an API's own: `config.ownSession`) does by side and mode. On the server it signs with the request's cookies and shares each refresh
 * across instances when `server.sharedRefresh` is on, else within this one. In the browser it shares across tabs; in httpOnly
 * mode it refreshes through the module's route, which holds the refresh token; in proxy mode it holds no token at all.
 */
export function installClientSide(api: AxiosInstance, { config, store, origin, callHook }: ClientSetup): ClientSide {
  if (import.meta.server) {
    const event = useRequestEvent()!
    return { client: installJwtClient(api, { options: config, store, origin, share: serverSharing(event.context).share, callHook, refreshRequest: renderSupport(event).providerRefreshRequest?.(event, config) }) }
  }
  // The build-time constants, not `config`: the bundler then leaves out the other modes' code.
  if (!serverRefreshMode) return { client: whenBack(installJwtClient(api, { options: config, store, origin, share: shareTabRefresh(config.ownSession), callHook })) }
  const routes = httpOnlyURLs(origin, useRuntimeConfig().app.baseURL, config.ownSession)
  if (proxyMode) return { client: installProxyClient(api, { refreshRoute: routes.refresh, origin, store, callHook }), routes }
  const client = installJwtClient(api, {
    options: httpOnlyClientOptions(config, routes.refresh),
    refreshRequest: () => ({ method: 'post', url: routes.refresh, headers: { [CSRF_HEADER]: '1' } }),
    store,
    origin,
    share: shareTabRefresh(config.ownSession),
    callHook,
  })
  return { client: whenBack(client), routes }
}

/** The browser's client refreshes once when back online, if a refresh fell due while it was offline. */
function whenBack(client: JwtClient): JwtClient {
  refreshWhenBack(client)
  return client
}
