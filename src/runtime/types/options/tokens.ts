/** `axiosJwt.tokens`: where the tokens are in the API's answers, how the refresh call sends them, their cookies. */
export interface TokenOptions {
  access: {
    /**
     * Cookie that holds the access token.
     * @default 'access_token'
     */
    cookie: string
    /**
     * Dot path of the access token in the login and refresh response bodies.
     * @default 'data.accessToken'
     */
    path: string
    /**
     * Dot path of the access token's lifetime in seconds in those bodies (OAuth2's `expires_in`), for access tokens
     * that are not JWTs with `exp`; `''` reads none.
     * @default ''
     */
    expiresInPath: string
  }
  refresh: {
    /**
     * Cookie that holds the refresh token.
     * @default 'refresh_token'
     */
    cookie: string
    /**
     * Dot path of the refresh token in the login and refresh response bodies.
     * @default 'data.refreshToken'
     */
    path: string
    /**
     * Field of the refresh request's JSON body that carries the refresh token.
     * @default 'refreshToken'
     */
    bodyField: string
    /**
     * Body of the refresh request: `json`, or `form` (`application/x-www-form-urlencoded`, as OAuth2 token endpoints take).
     * @default 'json'
     */
    bodyFormat: 'json' | 'form'
    /**
     * Static fields sent with the refresh token, e.g. `{ grant_type: 'refresh_token', client_id: 'web' }` for OAuth2.
     * @default {}
     */
    extraFields: Record<string, string>
    /**
     * Dot path of the refresh token's lifetime in seconds in the login and refresh response bodies
     * (`refresh_expires_in`, as Keycloak answers), for refresh tokens that are not JWTs with `exp`: the cookies live
     * that long, and `useSessionExpiry()` tells it (in httpOnly mode too). `''` reads none.
     * @default ''
     */
    expiresInPath: string
    /**
     * Seconds the cookies live when the refresh token's own expiry is unknown (it is not a JWT with `exp`).
     * @default 2592000
     */
    maxAge: number
    /**
     * Also send the refresh token in the auth header of the refresh call.
     * @default false
     */
    header: boolean
  }
}

/** `axiosJwt.user`: the user object in the answer of `endpoints.user`. */
export interface UserOptions {
  /**
   * Dot path of the user object in the `endpoints.user` response; `''` is the whole body.
   * @default 'data'
   */
  path: string
}

/** `axiosJwt.cookie`: attributes of the token cookies. */
export interface CookieOptions {
  /**
   * @default '/'
   */
  path: string
  /**
   * @default undefined
   */
  domain?: string
  /**
   * @default 'lax'
   */
  sameSite: 'lax' | 'strict' | 'none'
  /**
   * Send the cookies over HTTPS only.
   * @default true in production, false in development
   */
  secure?: boolean
}
