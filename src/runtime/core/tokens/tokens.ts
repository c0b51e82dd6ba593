import { getByPath } from './paths'

/** Both tokens as the API returned them; `refreshToken` is absent when the API does not rotate it. */
export interface TokenPair {
  accessToken: string
  refreshToken?: string
  /** The access token's lifetime in seconds, when the response says it (`expires_in`). */
  expiresIn?: number
  /** The refresh token's lifetime in seconds, when the response says it (`refresh_expires_in`). */
  refreshExpiresIn?: number
  /** The ID token of a sign-in with an identity provider: kept `HttpOnly` on the server beside the pair. */
  idToken?: string
}

/** A pair with its refresh token, as the client holds it. */
export type FullTokenPair = TokenPair & { refreshToken: string }

/** The tokens currently held; either may be missing. */
export interface StoredTokens {
  accessToken?: string
  refreshToken?: string
}

/** Whether the stored tokens are a session: either token will do (a refresh can bring back the access token). */
export const holdsSession = ({ accessToken, refreshToken }: StoredTokens): boolean => Boolean(accessToken || refreshToken)

/**
 * What the user chose when a session starts, given only by a login (a refresh keeps the session's choices): how the
 * pair is kept, `remember: false` until the browser closes.
 */
export interface PairChoice {
  remember?: boolean
}

/** Where tokens live (cookies in Nuxt, anything in tests). Reads must be fresh: other tabs may write too. */
export interface TokenStore {
  get: () => StoredTokens
  /** Stores a pair; a missing `refreshToken` removes the stored one. */
  set: (tokens: TokenPair, choice?: PairChoice) => void | Promise<void>
  clear: () => void | Promise<void>
}

/** Where the tokens sit in a login or refresh response body (dot paths), as `tokens` in the options says. */
export interface TokenPaths {
  access: { path: string, /** `''` or absent reads no lifetime. */ expiresInPath?: string }
  refresh: { path: string, /** `''` or absent reads no lifetime. */ expiresInPath?: string }
}

export type TokenResult = { ok: true, tokens: TokenPair } | { ok: false, problem: string }

const describeBody = (body: unknown): string =>
  typeof body === 'string' ? (body.trim() ? 'a body that is not JSON' : 'an empty body') : 'JSON'

/** A lifetime in seconds at `path` of the body; none where there is no path, or no positive number at it. */
function secondsAt(body: unknown, path: string | undefined): number | undefined {
  const seconds = path ? Number(getByPath(body, path)) : Number.NaN
  return seconds > 0 && Number.isFinite(seconds) ? seconds : undefined
}

/** Takes the tokens out of a response body; says what is missing instead of throwing. */
export function readTokenResponse(body: unknown, { access, refresh }: TokenPaths): TokenResult {
  const accessToken = getByPath(body, access.path)
  if (typeof accessToken !== 'string' || !accessToken) {
    return { ok: false, problem: `the response (${describeBody(body)}) has no access token string at "${access.path || '(body)'}"` }
  }
  const refreshToken = getByPath(body, refresh.path)
  if (refreshToken !== undefined && refreshToken !== null && (typeof refreshToken !== 'string' || !refreshToken)) {
    return { ok: false, problem: `the response has a refresh token at "${refresh.path}" that is not a string` }
  }
  const expiresIn = secondsAt(body, access.expiresInPath)
  const refreshExpiresIn = secondsAt(body, refresh.expiresInPath)
  return { ok: true, tokens: { accessToken, refreshToken: refreshToken || undefined, ...expiresIn && { expiresIn }, ...refreshExpiresIn && { refreshExpiresIn } } }
}
