import type { H3Event } from 'h3'
import { getRequestURL } from 'h3'
import { AxiosJwtError } from '../../core/errors'
import { serverDeployOptions, type ResolvedOptions } from '../../core/options'
import type { OidcSettings } from './failure'
import { withBase } from '../lib/base-url'
import { useRuntimeConfig } from '#imports'

/** The identity provider's settings for a request, in an app that signs in with one. */
export function oidcSettings(event: H3Event, config: ResolvedOptions): OidcSettings {
  const server = serverDeployOptions(useRuntimeConfig(event)).oidc
  if (!config.oidc || !server) throw new AxiosJwtError('The app does not sign in with an identity provider: set `axiosJwt.oidc.issuer`.')
  return { ...config.oidc, ...server }
}

/**
 * The site's own address of `path` (under the app's base URL), for the redirect URIs the provider sends the browser to:
 * `oidc.siteURL`, else the request's origin, which the provider checks against the URIs registered for the client.
 */
export function siteAddress(event: H3Event, settings: OidcSettings, path: string): string {
  const origin = settings.siteURL || getRequestURL(event).origin
  return new URL(withBase(event, path), origin).href
}
