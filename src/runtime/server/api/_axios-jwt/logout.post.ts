import { defineEventHandler, sendNoContent } from 'h3'
import { revocableTokens } from '../../../core/client'
import { logoutRequest } from '../../../core/options'
import { unsigned } from '../../../core/request-options'
import { serverSharing } from '../../../core/shared-refresh'
import { signedApiFor } from '../../utils/api-client'
import { routeCookies } from '../../utils/route-cookies'
import { assertSameSite } from '../../utils/same-origin'
import { useRouteSessionOptions } from '../../utils/server-options'

/** Revokes the session at the API (errors ignored) and clears the token cookies, the HttpOnly one included. */
export default defineEventHandler(async (event) => {
  assertSameSite(event)
  const config = useRouteSessionOptions(event)
  const cookies = routeCookies(event, config)
  const spent = cookies.get().refreshToken
  const { api, client } = signedApiFor(event, config, cookies)
  const { accessToken, refreshToken } = await revocableTokens(client, cookies)
  if (config.endpoints.logout && refreshToken) {
    const { data, headers } = logoutRequest(config, { accessToken, refreshToken })
    await api.post(config.endpoints.logout, data, { ...unsigned, headers }).catch(() => undefined)
  }
  // On every instance that shares refreshes through the store, too.
  for (const token of new Set([spent, refreshToken])) if (token) await serverSharing(event.context).forget(token)
  await cookies.clear()
  return sendNoContent(event)
})
