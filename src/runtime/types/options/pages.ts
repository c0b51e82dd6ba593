/** A page the session sends users to: a path starting with `/`, or a named route location such as `{ name: 'login' }`. */
export type RedirectTarget = string | {
  name: string
  params?: Record<string, string | string[]>
  query?: Record<string, string | string[]>
  hash?: string
}

/** `axiosJwt.redirect`: the pages the session sends users to. */
export interface RedirectOptions {
  /**
   * Page to send users to when they are not logged in; gets `?redirect=<path>`.
   * @default '/login'
   */
  login: RedirectTarget
  /**
   * Page after login when there is no same-site `redirect` query parameter.
   * @default '/'
   */
  home: RedirectTarget
  /**
   * Page after logout.
   * @default '/login'
   */
  logout: RedirectTarget
  /**
   * Page for a signed-in user whom a page's `auth: { roles, scopes, allow }` does not admit; `false` shows Nuxt's
   * error page with a 403.
   * @default false
   */
  forbidden: RedirectTarget | false
}

/** `axiosJwt.claims`: dot paths of roles and scopes in the access token's claims (else in the user object). */
export interface ClaimOptions {
  /**
   * Keycloak: `'realm_access.roles'`; Cognito: `'cognito:groups'`; Auth0: the namespaced claim
   * (`'https://example.com/roles'`); Entra ID: `'roles'`.
   * @default 'roles'
   */
  roles: string
  /**
   * `'scope'` (OAuth2's space-separated string) or `'scp'` (an array, Entra ID and Okta).
   * @default 'scope'
   */
  scopes: string
}
