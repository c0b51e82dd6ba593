import type { IssuedTokens } from './token-issuer'

/** How the test API shapes its token answers and reads its refresh requests. */
export type TokenShape
  /** The module's defaults: `{ data: { accessToken, refreshToken } }`, a JSON body with `refreshToken`. */
  = | 'default'
  /** `{ access_token, refresh_token, expires_in }`, a JSON body with `refresh_token`. */
    | 'snake_case'
  /** An OAuth2 token endpoint (RFC 6749 section 6): a form body with `grant_type=refresh_token`, 400 `invalid_grant`. */
    | 'oauth2'

export const tokenShapes: Record<TokenShape, (tokens: IssuedTokens) => unknown> = {
  default: tokens => ({ data: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken } }),
  snake_case: tokens => ({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_in: tokens.expiresIn }),
  oauth2: tokens => ({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer', expires_in: tokens.expiresIn }),
}
