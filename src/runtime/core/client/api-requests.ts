import type { AxiosInstance, AxiosRequestConfig } from 'axios'
import { lastValue } from './memo'
import { optedOut } from './request-options'
import { goesToOwnURL, originOf } from '../url'

/** Which requests of an instance go to the API and may carry its token. */
export interface ApiRequests {
  /** Whether the request goes to the API's origin. */
  isApiRequest: (config: AxiosRequestConfig) => boolean
  /** Whether the request is the call to the refresh endpoint itself. */
  isRefreshRequest: (config: AxiosRequestConfig) => boolean
  /** Whether the request opted out of the token (`axiosJwt: { sign: false }`, or `auth: false`). */
  optedOut: (config: AxiosRequestConfig) => boolean
}

/** The last path segment of the refresh endpoint: a cheap first test. The same for every render of an app. */
const lastSegmentOf = lastValue((url: string) => url.split('?')[0]!.split('/').filter(Boolean).at(-1) ?? '')

/** `origin`: what relative URLs resolve against (the page's, or the incoming request's). */
export function apiRequests(api: AxiosInstance, refreshURL: string, origin?: string): ApiRequests {
  const baseOrigin = lastValue((base: string) => originOf(base || '/', origin))
  const apiOrigin = (): string | undefined => baseOrigin(api.defaults.baseURL || '')
  const refreshName = lastSegmentOf(refreshURL)
  return {
    isApiRequest: (config) => {
      const target = goesToOwnURL(config)
        ? originOf(config.url!, origin)
        : baseOrigin(config.baseURL ?? api.defaults.baseURL ?? '')
      return target !== undefined && target === apiOrigin()
    },
    isRefreshRequest: config => (config.url || '').includes(refreshName)
      && api.getUri({ ...config, params: undefined }) === api.getUri({ url: refreshURL }),
    optedOut,
  }
}
