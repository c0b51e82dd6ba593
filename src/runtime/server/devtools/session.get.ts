import { defineEventHandler, parseCookies } from 'h3'
import { cookieNames, readTokenCookie } from '../../core/cookies/cookie-policy'
import { readClaims, readTokenTimes } from '../../core/tokens/jwt'
import type { ResolvedOptions } from '../../core/options'
import { ownSessionOptions } from '../../core/own-sessions'
import { assertSameSite } from '../utils/same-origin'
import { useServerOptions } from '../lib/server-options'
import { refreshOnServer } from '../../core/mode'

/** One session as the tab shows it: the access token's claims and times; of the refresh token only whether it is there. */
function sessionView(config: ResolvedOptions, cookies: Record<string, string>, now: number) {
  const names = cookieNames(config)
  const access = readTokenCookie(cookies, names.access) || undefined
  const refresh = readTokenCookie(cookies, names.refresh) || undefined
  const claims = readClaims(access)
  const accessExp = readTokenTimes(access).exp
  const refreshExp = readTokenTimes(refresh).exp
  return {
    accessToken: access
      ? { present: true, jwt: claims !== undefined, claims: claims ?? null, expiresIn: accessExp === undefined ? null : accessExp - now }
      : { present: false },
    refreshToken: {
      present: Boolean(refresh),
      httpOnly: refreshOnServer(config),
      session: refreshOnServer(config) ? Boolean(cookies[names.session]) : undefined,
      expiresIn: refreshExp === undefined ? null : refreshExp - now,
    },
    options: {
      baseURL: config.baseURL,
      endpoints: config.endpoints,
      mode: config.mode,
      refresh: { beforeExpiry: config.refresh.beforeExpiry, inBackground: config.refresh.inBackground },
    },
  }
}

/**
 * Development only: the sessions the asking browser holds, for the DevTools tab: the main one, and under `apis` those
 * of the APIs with an own session. Never a refresh token.
 */
export default defineEventHandler((event) => {
  assertSameSite(event)
  const config = useServerOptions(event)
  const cookies = parseCookies(event)
  const now = Math.floor(Date.now() / 1000)
  const apis = Object.fromEntries(Object.keys(config.ownSessions).map(name => [name, sessionView(ownSessionOptions(config, name), cookies, now)]))
  return { now, ...sessionView(config, cookies, now), apis }
})
