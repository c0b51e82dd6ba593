import { activityCookie, cookieNames, type CookiePolicyOptions, type CookieValues, type CookieWrite } from './cookie-policy'
import type { ResolvedOptions } from '../options'

export type IdleOptions = CookiePolicyOptions & { session: Pick<ResolvedOptions['session'], 'idleTimeout' | 'warnBefore'> }

/** The idle rule (`session.idleTimeout`) over the cookie of the last activity, which every tab and the server share. */
export interface IdleRule {
  /**
   * When (ms since the epoch) the session ends for want of activity; `0` (long passed) when no activity can be read;
   * `undefined` when the timeout is off.
   */
  deadline: (cookies: CookieValues, now?: number) => number | undefined
  /** Whether that deadline has passed: a session without a readable activity time is idle. */
  isIdle: (cookies: CookieValues, now?: number) => boolean
  /** The same for a last activity read elsewhere (the server's sealed copy): `undefined`, none that can be trusted. */
  isIdleSince: (at: number | undefined, now?: number) => boolean
  /** The cookie that records activity at `now`. */
  touch: (now?: number) => CookieWrite
}

/**
 * How far ahead of the reader's clock a recorded activity may be: the tabs and the server write it, each with its own
 * clock. Further ahead (a forged value, a clock far off) is no activity at all.
 */
export const ACTIVITY_CLOCK_SKEW_MS = 5 * 60_000

/**
 * The last activity a cookie value records, or `undefined` when it records none that can be trusted: missing (deleted, or
 * gone with a browser restart past its lifetime), not a time, or further ahead than clocks differ. A time a little
 * ahead counts as now, so it cannot push the deadline out.
 */
export function activityTime(value: string | undefined, now: number): number | undefined {
  const at = value && /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(at) || at <= 0 || at > now + ACTIVITY_CLOCK_SKEW_MS) return undefined
  return Math.min(at, now)
}

export function idleRule(options: IdleOptions): IdleRule {
  const name = cookieNames(options).activity
  const timeoutMs = options.session.idleTimeout * 1000
  const deadlineAfter = (at: number | undefined) => timeoutMs <= 0 ? undefined : at === undefined ? 0 : at + timeoutMs
  const deadline = (cookies: CookieValues, now = Date.now()) => deadlineAfter(activityTime(cookies[name], now))
  const passed = (at: number | undefined, now: number) => at !== undefined && now >= at
  return {
    deadline,
    isIdle: (cookies, now = Date.now()) => passed(deadline(cookies, now), now),
    isIdleSince: (at, now = Date.now()) => passed(deadlineAfter(at === undefined ? undefined : Math.min(at, now)), now),
    touch: (now = Date.now()) => activityCookie(options, now),
  }
}
