import axios, { type AxiosInstance } from 'axios'
import { nitroLocalFetch } from '../../core/server-only/in-process'
import { browserBaseURL, serverAddress, type ResolvedOptions } from '../../core/options'
import { createServerApi, type ServerApi } from '../../core/server-only/server-api'
import { useRuntimeConfig } from '#imports'

/**
 * The axios instance of one app instance: in the browser on `baseURL` (the proxy route in proxy mode) relative to the
 * page; on the server on `server.baseURL` or `baseURL`, a path there served in-process, never at the host
 * the request names. An API's own session (`config.ownSession`) is on its `baseURL` alone.
 */
export function useApiInstance(config: ResolvedOptions): ServerApi {
  if (import.meta.server) {
    return createServerApi({ baseURL: config.baseURL, serverBaseURL: serverAddress(config, useRuntimeConfig()) }, nitroLocalFetch())
  }
  const origin = window.location.origin
  return { api: axios.create({ baseURL: new URL(browserBaseURL(config) || '/', origin).href }), origin }
}

/** The instance of another API of `axiosJwt.apis`: in the browser relative to the page; on the server a path there served in-process. */
export function otherApiInstance(baseURL: string): AxiosInstance {
  if (import.meta.server) return createServerApi({ baseURL }, nitroLocalFetch()).api
  return axios.create({ baseURL: new URL(baseURL, window.location.origin).href })
}
