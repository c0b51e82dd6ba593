import type { AxiosRequestConfig } from 'axios'
import type { H3Event } from 'h3'
import type { ResolvedOptions } from '../../core/options'
import { oidcSettings } from './settings'

/**
 * The main session's refresh request in an app that signs in with an identity provider: at the provider's token
 * endpoint, with the client's secret, built on the server only (its code loads at the first refresh). The settings are
 * read now, while the request's context is current.
 */
export function providerRefreshRequest(event: H3Event, config: ResolvedOptions): ((refreshToken: string) => Promise<AxiosRequestConfig>) | undefined {
  if (!config.oidc || config.ownSession) return undefined
  const settings = oidcSettings(event, config)
  return async refreshToken => (await import('./token-endpoint')).refreshRequest(settings, refreshToken)
}
