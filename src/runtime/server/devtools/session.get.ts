import { defineEventHandler, parseCookies } from 'h3'
import { cookieNames, readTokenCookie } from '../../core/cookie-policy'
import { readClaims, readTokenTimes } from '../../core/jwt'
import { assertSameSite } from '../utils/same-origin'
import { useServerOptions } from '../utils/server-options'

/**
 * Development only: the session the asking browser holds, for the DevTools tab. The access token's claims and times;
 * of the refresh token only whether it is there and when it expires, never the token.
 */
export default defineEventHandler((event) => {
  assertSameSite(event)
  const config = useServerOptions(event)
  const names = cookieNames(config)
  const cookies = parseCookies(event)
  const access = readTokenCookie(cookies, names.access) || undefined
  const refresh = readTokenCookie(cookies, names.refresh) || undefined
  const now = Math.floor(Date.now() / 1000)
  const claims = readClaims(access)
  const accessExp = readTokenTimes(access).exp
  const refreshExp = readTokenTimes(refresh).exp
  return {
    now,
    accessToken: access
      ? { present: true, jwt: claims !== undefined, claims: claims ?? null, expiresIn: accessExp === undefined ? null : accessExp - now }
      : { present: false },
    refreshToken: {
      present: Boolean(refresh),
      httpOnly: config.tokens.refresh.httpOnly,
      session: config.tokens.refresh.httpOnly ? Boolean(cookies[names.session]) : undefined,
      expiresIn: refreshExp === undefined ? null : refreshExp - now,
    },
    options: {
      baseURL: config.baseURL,
      endpoints: config.endpoints,
      refreshBeforeExpiry: config.refreshBeforeExpiry,
      refreshInBackground: config.refreshInBackground,
      httpOnly: config.tokens.refresh.httpOnly,
    },
  }
})
