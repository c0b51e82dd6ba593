/** The time claims of a JWT, in seconds since the epoch; absent when the token is opaque or malformed. */
export interface TokenTimes {
  exp?: number
  iat?: number
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0

/**
 * The JSON payload of a JWT, or `undefined` when the token is not three parts or its payload is not base64url JSON.
 * `latin1` is enough for the numeric claims and cheaper; `utf8` reads every claim as written.
 */
function jwtPayload(token: string | null | undefined, encoding: 'latin1' | 'utf8'): unknown {
  // A signed JWT has exactly three parts; anything else is opaque to us.
  if (!token || token.split('.', 4).length !== 3) return undefined
  const base64 = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')
  try {
    if (typeof Buffer === 'function') return JSON.parse(Buffer.from(base64, 'base64').toString(encoding))
    const binary = atob(base64)
    return JSON.parse(encoding === 'latin1' ? binary : new TextDecoder().decode(Uint8Array.from(binary, c => c.charCodeAt(0))))
  }
  catch {
    return undefined
  }
}

// Server renders of one user ask about the same token again and again; the times depend on the token alone.
const known = new Map<string, TokenTimes>()
const KNOWN_MAX = 500

/** Reads `exp` and `iat` of a JWT; never throws: a token that is not a JWT has no known times. */
export function readTokenTimes(token: string | null | undefined): TokenTimes {
  if (!token) return {}
  const cached = known.get(token)
  if (cached) return cached
  const payload = jwtPayload(token, 'latin1')
  const { exp, iat } = payload && typeof payload === 'object' ? payload as Record<string, unknown> : {}
  const times: TokenTimes = { exp: isTime(exp) ? exp : undefined, iat: isTime(iat) ? iat : undefined }
  if (known.size >= KNOWN_MAX) known.clear()
  known.set(token, times)
  return times
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

/** Every claim of a JWT's payload (UTF-8), for display; `undefined` when the token is not a readable JWT. */
export function readClaims(token: string | null | undefined): Record<string, unknown> | undefined {
  const payload = jwtPayload(token, 'utf8')
  return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload as Record<string, unknown> : undefined
}
