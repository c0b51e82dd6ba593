import { defineEventHandler, sendNoContent } from 'h3'
import { headerValueOf } from '../../../core/options'
import { forgetServerRefresh } from '../../../core/shared-refresh'
import { apiFor, assertSameSite, routeCookies, useServerOptions } from '../../utils/session'

/** Tells the API (errors ignored) and clears the token cookies, the HttpOnly one included. */
export default defineEventHandler(async (event) => {
  assertSameSite(event)
  const config = useServerOptions(event)
  const cookies = routeCookies(event, config)
  const { accessToken, refreshToken } = cookies.get()
  if (config.endpoints.logout && accessToken) {
    const headers = { [config.header.name]: headerValueOf(config.header, accessToken) }
    await apiFor(event, config).api.post(config.endpoints.logout, { [config.tokens.refresh.bodyField]: refreshToken }, { headers }).catch(() => undefined)
  }
  if (refreshToken) await forgetServerRefresh(refreshToken)
  await cookies.clear()
  return sendNoContent(event)
})
