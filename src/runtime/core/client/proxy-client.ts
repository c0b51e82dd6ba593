import axios, { type AxiosInstance } from 'axios'
import { apiRequests } from './api-requests'
import type { JwtClient } from './client'
import { AxiosJwtError, RefreshError } from '../errors'
import type { CallHook } from './hooks'
import { CSRF_HEADER, SESSION_ENDED } from '../http-only'
import { endedSession } from './refresher'
import { unsigned } from './request-options'
import type { TokenStore } from '../tokens/tokens'

export interface ProxyClientSetup {
  /** The module's refresh route, which refreshes the pair the server holds. */
  refreshRoute: string
  /** The page's origin. */
  origin: string
  store: TokenStore
  callHook?: CallHook
}

/** Whether a body is the module's "the session is over" answer (its routes' and the proxy's). */
const sessionEnded = (body: unknown): boolean =>
  (body as { data?: { error?: unknown } } | undefined)?.data?.error === SESSION_ENDED

/**
 * The browser's client in proxy mode: the page holds no token, so it signs nothing and refreshes nothing on its own
 * (the proxy does both). It marks the requests to the proxy as the app's own, with the header a page of another site
 * cannot send without a CORS preflight, and turns the proxy's "the session is over" into the end of the session.
 */
export function installProxyClient(api: AxiosInstance, { refreshRoute, origin, store, callHook }: ProxyClientSetup): JwtClient {
  const requests = apiRequests(api, refreshRoute, origin)
  const endSession = () => endedSession({ store, callHook }, 'the server found the session over', 401)

  api.interceptors.request.use((config) => {
    if (requests.isApiRequest(config)) config.headers.set(CSRF_HEADER, '1')
    return config
  })
  api.interceptors.response.use(undefined, async (error) => {
    if (axios.isAxiosError(error) && error.response?.status === 401 && sessionEnded(error.response.data)) throw await endSession()
    throw error
  })

  /** Asks the server to refresh the pair it holds; there is no token to hand back. */
  const refresh = async (): Promise<string> => {
    const { status } = await api.post(refreshRoute, undefined, { ...unsigned, headers: { [CSRF_HEADER]: '1' }, validateStatus: () => true })
    if (status === 401) throw await endSession()
    if (status >= 300) throw new RefreshError(`the refresh route answered ${status}`, status)
    return ''
  }
  // No token in the page to sign another API with: the server can (`useServerApi(event, name)`, SSR).
  const signAlso = () => {
    throw new AxiosJwtError('In proxy mode the page holds no token to sign another API of `axiosJwt.apis` with: call it from a server route with `useServerApi(event, name)`.')
  }
  return { refresh, refreshDue: refresh, needsRefresh: () => false, refreshDueIn: () => undefined, isApiRequest: requests.isApiRequest, signAlso }
}
