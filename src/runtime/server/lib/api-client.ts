import type { AxiosInstance, CreateAxiosDefaults } from 'axios'
import type { H3Event } from 'h3'
import { installJwtClient, type JwtClient } from '../../core/client/client'
import { nitroLocalFetch } from '../../core/server-only/in-process'
import { serverAddress, type ResolvedOptions } from '../../core/options'
import { createServerApi, type ServerApi } from '../../core/server-only/server-api'
import { serverSharing } from '../../core/server-only/shared-refresh'
import type { TokenStore } from '../../core/tokens/tokens'
import { providerRefreshRequest } from '../oidc/refresh-request'
import { useRuntimeConfig } from '#imports'

/**
 * The API's client on the server: `server.baseURL` or `baseURL`, a path served in-process; never the
 * request's Host.
 * The module's own routes give each call `refresh.timeout` and follow no redirect, so neither credentials nor tokens
 * are re-sent to where a 3xx points.
 */
export function apiFor(event: H3Event, config: ResolvedOptions, defaults: CreateAxiosDefaults = { timeout: config.refresh.timeout, maxRedirects: 0 }): ServerApi {
  return createServerApi({ baseURL: config.baseURL, serverBaseURL: serverAddress(config, useRuntimeConfig(event)) }, nitroLocalFetch(), defaults)
}

/**
 * The API's client for one request, signed with its token cookies and refreshing them (shared as the server shares).
 * `first` gets the instance before the client's interceptors, so that its own run before theirs.
 */
export function signedApiFor(event: H3Event, config: ResolvedOptions, cookies: TokenStore, defaults?: CreateAxiosDefaults, first?: (api: AxiosInstance) => void): { api: AxiosInstance, client: JwtClient } {
  const { api, origin } = apiFor(event, config, defaults)
  first?.(api)
  const client = installJwtClient(api, { options: config, store: cookies, origin, share: serverSharing(event.context).share, refreshRequest: providerRefreshRequest(event, config) })
  return { api, client }
}
