import type { H3Event } from 'h3'
import { withQuery } from 'ufo'
import type { ResolvedOptions } from '../../core/options'
import type { StoredTokens } from '../../core/tokens/tokens'
import { requestJar } from '../lib/request-jar'
import { keptIdToken } from './id-token-cookie'
import { providerEndpoints } from './provider'
import { oidcSettings, siteAddress } from './settings'
import { revokeAtProvider } from './token-endpoint'

/**
 * Ends the session at the identity provider: revokes the refresh token (RFC 7009, errors ignored) and answers the
 * provider's logout page (RP-initiated logout: `id_token_hint`, `post_logout_redirect_uri`) for the browser to visit,
 * when the provider has one. A provider that cannot be reached leaves no address: the cookies are cleared all the same.
 */
export async function logoutAtProvider(event: H3Event, config: ResolvedOptions, { refreshToken }: StoredTokens): Promise<string | undefined> {
  const settings = oidcSettings(event, config)
  const endpoints = await providerEndpoints(settings).catch(() => undefined)
  if (!endpoints) return undefined
  if (refreshToken) await revokeAtProvider(settings, endpoints, refreshToken)
  if (!endpoints.endSession) return undefined
  const idToken = keptIdToken(requestJar(event), config)
  return withQuery(endpoints.endSession, {
    client_id: settings.clientId,
    post_logout_redirect_uri: siteAddress(event, settings, settings.logoutRedirect),
    ...idToken && { id_token_hint: idToken },
  })
}
