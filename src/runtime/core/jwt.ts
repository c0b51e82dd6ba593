import { jwtDecode } from 'jwt-decode'

/** The time claims of a JWT, in seconds since the epoch; absent when the token is opaque or malformed. */
export interface TokenTimes {
  exp?: number
  iat?: number
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0

/** Reads `exp` and `iat` of a JWT; never throws: a token that is not a JWT has no known times. */
export function readTokenTimes(token: string | null | undefined): TokenTimes {
  // A signed JWT has exactly three parts; anything else is opaque to us.
  if (!token || token.split('.').length !== 3) return {}
  let payload: unknown
  try {
    payload = jwtDecode(token)
  }
  catch {
    return {}
  }
  if (!payload || typeof payload !== 'object') return {}
  const { exp, iat } = payload as Record<string, unknown>
  return { exp: isTime(exp) ? exp : undefined, iat: isTime(iat) ? iat : undefined }
}

/**
 * Seconds the token is meant to live, judged from its own claims (immune to a skewed client clock),
 * or from `exp` against `now` when it has no `iat`.
 */
export function tokenLifetime(token: string | null | undefined, nowSeconds: number): number | undefined {
  const { exp, iat } = readTokenTimes(token)
  if (exp === undefined) return undefined
  return Math.max(0, Math.floor(exp - (iat !== undefined && iat < exp ? iat : nowSeconds)))
}
