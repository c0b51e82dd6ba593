import { getByPath } from './paths'

/** Both tokens as the API returned them; `refreshToken` is absent when the API does not rotate it. */
export interface TokenPair {
  accessToken: string
  refreshToken?: string
}

/** Where the tokens sit in a login or refresh response body (dot paths). */
export interface TokenPaths {
  accessPath: string
  refreshPath: string
}

export type TokenResult = { ok: true, tokens: TokenPair } | { ok: false, problem: string }

const describeBody = (body: unknown): string =>
  typeof body === 'string' ? (body.trim() ? 'a body that is not JSON' : 'an empty body') : 'JSON'

/** Takes the tokens out of a response body; says what is missing instead of throwing. */
export function readTokenResponse(body: unknown, { accessPath, refreshPath }: TokenPaths): TokenResult {
  const accessToken = getByPath(body, accessPath)
  if (typeof accessToken !== 'string' || !accessToken) {
    return { ok: false, problem: `the response (${describeBody(body)}) has no access token string at "${accessPath || '(body)'}"` }
  }
  const refreshToken = getByPath(body, refreshPath)
  if (refreshToken !== undefined && refreshToken !== null && (typeof refreshToken !== 'string' || !refreshToken)) {
    return { ok: false, problem: `the response has a refresh token at "${refreshPath}" that is not a string` }
  }
  return { ok: true, tokens: { accessToken, refreshToken: refreshToken || undefined } }
}
