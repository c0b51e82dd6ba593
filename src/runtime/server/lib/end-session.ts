import type { H3Event } from 'h3'
import { revocableTokens } from '../../core/client/client'
import { logoutRequest, type ResolvedOptions } from '../../core/options'
import { unsigned } from '../../core/client/request-options'
import { serverSharing } from '../../core/server-only/shared-refresh'
import type { TokenStore } from '../../core/tokens/tokens'
import { logoutAtProvider } from '../oidc/logout'
import { markSignOut } from '../oidc/sign-out-mark'
import { signedApiFor } from './api-client'

/**
 * Tells `endpoints.logout` of the logout (errors ignored): with a valid pair, refreshed first when due, or with
 * `refresh: false` with the pair as stored. The refresh token it ends with.
 */
async function logoutAtApi(event: H3Event, config: ResolvedOptions, cookies: TokenStore, refresh: boolean): Promise<string | undefined> {
  const { api, client } = signedApiFor(event, config, cookies)
  const { accessToken, refreshToken } = refresh ? await revocableTokens(client, cookies) : cookies.get()
  if (config.endpoints.logout && refreshToken) {
    const { data, headers } = logoutRequest(config, { accessToken, refreshToken })
    await api.post(config.endpoints.logout, data, { ...unsigned, headers }).catch(() => undefined)
  }
  return refreshToken
}

/**
 * Ends the session of this request on the server, as `logout()` does: revoked (errors ignored) at the API, or signed in
 * with an identity provider at the provider (never the provider's tokens at the API), forgotten by the refreshes
 * shared across instances, its cookies cleared (the HttpOnly ones included). Resolves to the provider's logout page,
 * when there is one, for the browser to visit. `refresh: false` (an idle session) revokes without refreshing first.
 */
export async function endServerSession(event: H3Event, config: ResolvedOptions, cookies: TokenStore, { refresh = true } = {}): Promise<string | undefined> {
  const spent = cookies.get().refreshToken
  const atProvider = Boolean(config.oidc && !config.ownSession)
  const endSession = atProvider ? await logoutAtProvider(event, config, cookies.get()) : undefined
  // The provider's own session may outlive this one (its logout page unvisited): the next sign-in asks again.
  if (atProvider) markSignOut(event, config)
  const last = atProvider ? spent : await logoutAtApi(event, config, cookies, refresh)
  // On every instance that shares refreshes through the store, too.
  for (const token of new Set([spent, last])) if (token) await serverSharing(event.context).forget(token)
  await cookies.clear()
  return endSession
}
