import { activityCookie, cookieNames, type CookiePolicyOptions, type CookieValues, type CookieWrite } from './cookie-policy'
import type { ResolvedOptions } from './options'

export type IdleOptions = CookiePolicyOptions & Pick<ResolvedOptions, 'session'>

/** The idle rule (`session.idleTimeout`) over the cookie of the last activity, which every tab and the server share. */
export interface IdleRule {
  /** When (ms since the epoch) the session ends for want of activity; `undefined` when off or no activity is known. */
  deadline: (cookies: CookieValues, now?: number) => number | undefined
  /** Whether that deadline has passed. */
  isIdle: (cookies: CookieValues, now?: number) => boolean
  /** The cookie that records activity at `now`. */
  touch: (now?: number) => CookieWrite
}

/**
 * The last activity the cookie records. A value that is not a time is none; one in the future (a clock ahead, or a
 * forged value) counts as now, so it cannot push the deadline out.
 */
function lastActivity(cookies: CookieValues, name: string, now: number): number | undefined {
  const at = Number(cookies[name])
  if (!Number.isFinite(at) || at <= 0) return undefined
  return Math.min(at, now)
}

export function idleRule(options: IdleOptions): IdleRule {
  const name = cookieNames(options).activity
  const timeoutMs = options.session.idleTimeout * 1000
  const deadline = (cookies: CookieValues, now = Date.now()) => {
    const at = timeoutMs > 0 ? lastActivity(cookies, name, now) : undefined
    return at === undefined ? undefined : at + timeoutMs
  }
  return {
    deadline,
    isIdle: (cookies, now = Date.now()) => {
      const at = deadline(cookies, now)
      return at !== undefined && now >= at
    },
    touch: (now = Date.now()) => activityCookie(options, now),
  }
}
