/** `axiosJwt.oidc`: the identity provider the app signs in with. */
export interface OidcOptions {
  /**
   * The provider's issuer URL: its endpoints come from `<issuer>/.well-known/openid-configuration` and ID tokens must name
   * it in `iss`. Server-only, runtime-configurable (`NUXT_AXIOS_JWT_OIDC_ISSUER`). `''` with no hand-given endpoints
   * turns the flow off.
   * @default ''
   */
  issuer: string
  /**
   * The app's client id at the provider (`NUXT_AXIOS_JWT_OIDC_CLIENT_ID`).
   * @default ''
   */
  clientId: string
  /**
   * The client secret of a confidential client, sent to the token endpoint from the server only (HTTP Basic); `''` for a
   * public client. Set it through `NUXT_AXIOS_JWT_OIDC_CLIENT_SECRET`, never in the page.
   * @default ''
   */
  clientSecret: string
  /**
   * Scopes asked for; `openid` is always sent. Most providers return a refresh token only for `offline_access`.
   * @default ['openid', 'profile', 'email', 'offline_access']
   */
  scopes?: string[]
  /**
   * Sent as the `audience` parameter of the authorization request (Auth0's API identifier); `''` sends none.
   * @default ''
   */
  audience: string
  /**
   * More parameters of the authorization request, e.g. `{ resource: 'https://api.example.com' }` (RFC 8707) or
   * `{ prompt: 'login' }`.
   * @default {}
   */
  authorizationParams: Record<string, string>
  /**
   * Path of the module's callback route on the site, registered at the provider as the redirect URI
   * (`<siteURL><callbackPath>`).
   * @default '/auth/callback'
   */
  callbackPath: string
  /**
   * Page the provider sends the user back to after its logout (`post_logout_redirect_uri`, registered at the provider).
   * @default '/'
   */
  logoutRedirect: string
  /**
   * The site's public origin (`https://app.example.com`) for the redirect URIs. `''`: the origin of the request, which
   * the provider checks against the URIs registered for the client. Server-only (`NUXT_AXIOS_JWT_OIDC_SITE_URL`).
   * @default ''
   */
  siteURL: string
  /**
   * Where `useAuth().user` comes from: the claims of the ID token (no request), or the provider's userinfo endpoint.
   * @default 'id_token'
   */
  user: 'id_token' | 'userinfo'
  /**
   * Seconds of clock difference with the provider accepted in the ID token's `exp`, `iat` and `nbf`.
   * @default 60
   */
  clockSkew: number
  /**
   * Seconds the discovery document is kept before it is read again (a failed read keeps the last one).
   * @default 3600
   */
  discoveryTtl: number
  /**
   * Endpoints given by hand, for plain OAuth2 servers without discovery or to override what it says; each `''` comes
   * from the discovery document. Server-only (`NUXT_AXIOS_JWT_OIDC_ENDPOINTS_TOKEN`, …).
   */
  endpoints: {
    /** @default '' */
    authorization: string
    /** @default '' */
    token: string
    /** @default '' */
    userinfo: string
    /** @default '' */
    jwks: string
    /** RP-initiated logout (`end_session_endpoint`). @default '' */
    endSession: string
    /** Token revocation (RFC 7009), told of the refresh token at logout. @default '' */
    revocation: string
  }
}
