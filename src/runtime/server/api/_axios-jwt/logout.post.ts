import { defineEventHandler, sendNoContent, type H3Event } from 'h3'
import { revocableTokens } from '../../../core/client'
import { logoutRequest, type ResolvedOptions } from '../../../core/options'
import { unsigned } from '../../../core/request-options'
import { serverSharing } from '../../../core/shared-refresh'
import type { TokenStore } from '../../../core/tokens'
import { logoutAtProvider } from '../../oidc/logout'
import { signedApiFor } from '../../utils/api-client'
import { routeCookies } from '../../utils/route-cookies'
import { assertSameSite } from '../../utils/same-origin'
import { useRouteSessionOptions } from '../../utils/server-options'

/** Tells `endpoints.logout` of the logout (errors ignored) with a valid pair; the refresh token it ends with. */
async function logoutAtApi(event: H3Event, config: ResolvedOptions, cookies: TokenStore): Promise<string | undefined> {
  const { api, client } = signedApiFor(event, config, cookies)
  const { accessToken, refreshToken } = await revocableTokens(client, cookies)
  if (config.endpoints.logout && refreshToken) {
    const { data, headers } = logoutRequest(config, { accessToken, refreshToken })
    await api.post(config.endpoints.logout, data, { ...unsigned, headers }).catch(() => undefined)
  }
  return refreshToken
}

/**
 * Revokes the session (errors ignored) and clears the token cookies, the HttpOnly one included. Signed in with an
 * identity provider, it answers `{ endSession }`: the provider's logout page, for the browser to visit.
 */
export default defineEventHandler(async (event) => {
  assertSameSite(event)
  const config = useRouteSessionOptions(event)
  const cookies = routeCookies(event, config)
  const spent = cookies.get().refreshToken
  const atProvider = Boolean(config.oidc && !config.ownSession)
  const endSession = atProvider ? await logoutAtProvider(event, config, cookies.get()) : undefined
  const last = atProvider ? spent : await logoutAtApi(event, config, cookies)
  // On every instance that shares refreshes through the store, too.
  for (const token of new Set([spent, last])) if (token) await serverSharing(event.context).forget(token)
  await cookies.clear()
  return endSession ? { endSession } : sendNoContent(event)
})
