import { SignJWT } from 'jose'

/** The key `makeJwt` signs with unless given one: tokens for tests, never for an API that trusts them. */
const TEST_KEY = new TextEncoder().encode('nuxt-axios-jwt test tokens, never trusted')

export interface MakeJwtOptions {
  /** Seconds until `exp` (negative: already expired), unless the claims give `exp`. @default 3600 */
  expiresIn?: number
  /** The HS256 key, for an API in the test that checks the signature. */
  secret?: string | Uint8Array
}

/**
 * A signed JWT (HS256) for tests: `makeJwt({ sub: '1', roles: ['admin'] })`, or with `exp` in the claims
 * (seconds since the epoch). The module reads a token's claims without checking its signature, as a browser must.
 */
export async function makeJwt(claims: Record<string, unknown> = {}, { expiresIn = 3600, secret = TEST_KEY }: MakeJwtOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
  return new SignJWT({ iat: now, exp: now + expiresIn, ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key)
}
