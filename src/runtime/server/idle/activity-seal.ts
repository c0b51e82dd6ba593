import { activityAttributes, activityCookie, cookieNames, httpOnlyTokens, readTokenCookie, withPrefixRules, type CookieValues, type CookieWrite } from '../../core/cookies/cookie-policy'
import type { CookieJar } from '../../core/cookies/cookie-store'
import { activityTime, type IdleOptions } from '../../core/cookies/idle'
import { sameValue } from '../oidc/pkce'
import { hmac } from '../lib/hmac'

/**
 * The server's own copy of the last activity, in the modes that keep the refresh token from the page (httpOnly,
 * proxy): an `HttpOnly` cookie sealed with an HMAC-SHA-256 keyed by the refresh token, which page scripts cannot read.
 * A script can move the tabs' readable activity cookie, never this one; the server believes only this one there. Each
 * new refresh token carries the time over under its own key.
 */
const macOf = (at: number, refreshToken: string): Promise<string> => hmac(refreshToken, `activity:${at}`)

/** Whether the server keeps a sealed copy: the idle timeout is on and page scripts cannot read the refresh token. */
export const sealsActivity = (options: IdleOptions): boolean => options.session.idleTimeout > 0 && httpOnlyTokens(options).refresh

/** The cookie that seals activity at `at` for the holders of `refreshToken`. */
export async function activitySealCookie(options: IdleOptions, at: number, refreshToken: string): Promise<CookieWrite> {
  return withPrefixRules({ name: cookieNames(options).activitySeal, value: `${at}.${await macOf(at, refreshToken)}`, attributes: { ...activityAttributes(options), httpOnly: true } })
}

/** The last activity the sealed copy holds for the refresh token among `cookies`; `undefined` when none is this token's. */
export async function sealedActivity(options: IdleOptions, cookies: CookieValues, now = Date.now()): Promise<number | undefined> {
  const refreshToken = readTokenCookie(cookies, cookieNames(options).refresh)
  const [time, mac] = (cookies[cookieNames(options).activitySeal] ?? '').split('.')
  const at = activityTime(time, now)
  return refreshToken && at !== undefined && mac && sameValue(mac, await macOf(Number(time), refreshToken)) ? at : undefined
}

/** The last activity the server believes: the sealed copy where there is one, else the tabs' cookie. */
export const trustedActivity = async (options: IdleOptions, cookies: CookieValues, now = Date.now()): Promise<number | undefined> =>
  sealsActivity(options) ? sealedActivity(options, cookies, now) : activityTime(cookies[cookieNames(options).activity], now)

/** Records activity at `now` in `jar`: the tabs' cookie, and the sealed copy for the refresh token the jar holds. */
export async function touchActivity(options: IdleOptions, jar: CookieJar, now = Date.now()): Promise<void> {
  await jar.write(activityCookie(options, now))
  const refreshToken = readTokenCookie(jar.read(), cookieNames(options).refresh)
  if (sealsActivity(options) && refreshToken) await jar.write(await activitySealCookie(options, now, refreshToken))
}
