import { readTokenTimes, type TokenTimes } from '../tokens/jwt'
import { lastValue } from './memo'
import type { StoredTokens, TokenPair } from '../tokens/tokens'

/**
 * The due rule: seconds before its expiry at which a token is refreshed. The margin (`refresh.beforeExpiry`), capped at
 * half the token's lifetime when that is known, so a short-lived token is not due as soon as it arrives. The clock
 * and the cookie of an opaque token both follow it.
 */
export function dueBeforeExpiry(margin: number, lifetime: number | undefined): number {
  return lifetime === undefined ? margin : Math.min(margin, lifetime / 2)
}

/**
 * Seconds the cookie of an opaque access token lives: its `expires_in` until the token is due, so the cookie is gone
 * when the token is due and the next request, in any tab or during SSR, refreshes first. `undefined` for a JWT (its
 * `exp` tells) or without `expires_in`.
 */
export function opaqueCookieLifetime({ accessToken, expiresIn }: TokenPair, margin: number): number | undefined {
  if (!expiresIn || readTokenTimes(accessToken).exp !== undefined) return undefined
  return Math.max(1, Math.floor(expiresIn - dueBeforeExpiry(margin, expiresIn)))
}

/** Clock differences below this many seconds are network latency and whole-second `iat`, not skew. */
const SKEW_TOLERANCE = 5

/** When access tokens are due for a refresh, judged on the API's clock. */
export interface TokenClock {
  /** Whether the pair should be refreshed before sending: no access token, or one within the margin of its expiry. */
  isDue: (tokens: StoredTokens) => boolean
  /** Milliseconds until the pair is due (0: now); `undefined` when unknown or without a session. */
  dueIn: (tokens: StoredTokens) => number | undefined
  /** Whether the access token has expired; a token of unknown expiry never has. */
  hasExpired: (token: string) => boolean
  /** Learns from a pair the API just issued: its clock (from `iat`) and an opaque token's lifetime (`expires_in`). */
  learn: (tokens: TokenPair) => void
  /** Forgets what it learnt of the session's tokens. */
  forget: () => void
}

/**
 * `margin`: seconds before expiry at which a token is due, capped at half its lifetime. Holds no state beyond the
 * session it serves, so on the server each request gets its own.
 */
export function createTokenClock(margin: number, now: () => number = Date.now): TokenClock {
  // Seconds the API's clock is ahead of this one, learned from the tokens it issues.
  let skew = 0
  // A token that already looks due when it arrives (unknown lifetime shorter than the margin, a clock
  // we could not correct) is refreshed on 401 only, so it cannot turn into a refresh per request.
  let dueOnArrival: string | undefined
  // Every request asks about the same token: decode it once.
  const jwtTimes = lastValue(readTokenTimes)
  // Times (API clock) of the opaque access token: when it arrived and the `expires_in` it came with.
  let opaque: { token: string, times: Required<TokenTimes> } | undefined

  const apiNow = (): number => now() / 1000 + skew
  const timesOf = (token: string): TokenTimes => {
    const times = jwtTimes(token)
    return times.exp === undefined && opaque?.token === token ? opaque.times : times
  }
  /** When (API clock, seconds) `token` is due, or `undefined` when its expiry is unknown. */
  const dueAt = (token: string): number | undefined => {
    const { exp, iat } = timesOf(token)
    if (exp === undefined) return undefined
    return exp - dueBeforeExpiry(margin, iat !== undefined && iat < exp ? exp - iat : undefined)
  }
  const looksDue = (token: string): boolean => {
    const at = dueAt(token)
    return at !== undefined && at <= apiNow()
  }

  return {
    isDue: ({ accessToken, refreshToken }) => {
      if (!refreshToken) return false
      if (!accessToken) return true
      return accessToken !== dueOnArrival && looksDue(accessToken)
    },
    dueIn: ({ accessToken, refreshToken }) => {
      if (!refreshToken) return undefined
      if (!accessToken) return 0
      const at = accessToken === dueOnArrival ? undefined : dueAt(accessToken)
      return at === undefined ? undefined : Math.max(0, (at - apiNow()) * 1000)
    },
    hasExpired: (token) => {
      const { exp } = timesOf(token)
      return exp !== undefined && exp <= apiNow()
    },
    learn: ({ accessToken, expiresIn }) => {
      if (expiresIn && jwtTimes(accessToken).exp === undefined) opaque = { token: accessToken, times: { iat: apiNow(), exp: apiNow() + expiresIn } }
      // A skewed client clock then neither refreshes too early nor too late.
      const { iat } = jwtTimes(accessToken)
      const offset = iat === undefined ? 0 : iat - now() / 1000
      skew = Math.abs(offset) > SKEW_TOLERANCE ? offset : 0
      dueOnArrival = looksDue(accessToken) ? accessToken : undefined
    },
    forget: () => {
      dueOnArrival = undefined
    },
  }
}
