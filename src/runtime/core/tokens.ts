import { getByPath } from './paths'

/** Both tokens as the API returned them; `refreshToken` is absent when the API does not rotate it. */
export interface TokenPair {
  accessToken: string
  refreshToken?: string
  /** The access token's lifetime in seconds, when the response says it (`expires_in`). */
  expiresIn?: number
}

/** A pair with its refresh token, as the client holds it. */
export type FullTokenPair = TokenPair & { refreshToken: string }

/** Where the tokens sit in a login or refresh response body (dot paths). */
export interface TokenPaths {
  accessPath: string
  refreshPath: string
  /** Dot path of the access token's lifetime in seconds; absent or `''` reads none. */
  expiresInPath?: string
}

export type TokenResult = { ok: true, tokens: TokenPair } | { ok: false, problem: string }

const describeBody = (body: unknown): string =>
  typeof body === 'string' ? (body.trim() ? 'a body that is not JSON' : 'an empty body') : 'JSON'

/** Takes the tokens out of a response body; says what is missing instead of throwing. */
export function readTokenResponse(body: unknown, { accessPath, refreshPath, expiresInPath }: TokenPaths): TokenResult {
  const accessToken = getByPath(body, accessPath)
  if (typeof accessToken !== 'string' || !accessToken) {
    return { ok: false, problem: `the response (${describeBody(body)}) has no access token string at "${accessPath || '(body)'}"` }
  }
  const refreshToken = getByPath(body, refreshPath)
  if (refreshToken !== undefined && refreshToken !== null && (typeof refreshToken !== 'string' || !refreshToken)) {
    return { ok: false, problem: `the response has a refresh token at "${refreshPath}" that is not a string` }
  }
  const expiresIn = expiresInPath ? Number(getByPath(body, expiresInPath)) : Number.NaN
  return { ok: true, tokens: { accessToken, refreshToken: refreshToken || undefined, ...(expiresIn > 0 && Number.isFinite(expiresIn) && { expiresIn }) } }
}
