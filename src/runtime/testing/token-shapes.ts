import type { IssuedTokens } from './token-issuer'

/** How the test API shapes its token answers and reads its refresh requests. */
export type TokenShape
  /** The module's defaults: `{ data: { accessToken, refreshToken } }`, a JSON body with `refreshToken`. */
  = | 'default'
  /** `{ access_token, refresh_token, expires_in }`, a JSON body with `refresh_token`. */
    | 'snake_case'
  /** An OAuth2 token endpoint (RFC 6749 section 6): a form body with `grant_type=refresh_token`, 400 `invalid_grant`. */
    | 'oauth2'
  /** Django REST framework SimpleJWT with `ROTATE_REFRESH_TOKENS`: `{ access, refresh }`, a JSON body with `refresh`. */
    | 'simplejwt'
  /** Directus: `{ data: { access_token, refresh_token, expires } }` (`expires` in milliseconds), a JSON body with `refresh_token`. */
    | 'directus'
  /** Strapi 5 with `jwtManagement: 'refresh'`: `{ jwt, refreshToken }`, a JSON body with `refreshToken`. */
    | 'strapi'

export const tokenShapes: Record<TokenShape, (tokens: IssuedTokens) => unknown> = {
  default: tokens => ({ data: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken } }),
  snake_case: tokens => ({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_in: tokens.expiresIn }),
  oauth2: tokens => ({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer', expires_in: tokens.expiresIn }),
  simplejwt: tokens => ({ access: tokens.accessToken, refresh: tokens.refreshToken }),
  directus: tokens => ({ data: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires: tokens.expiresIn * 1000 } }),
  strapi: tokens => ({ jwt: tokens.accessToken, refreshToken: tokens.refreshToken }),
}
