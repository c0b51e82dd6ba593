import type { AxiosJwtOptions, OidcOptions } from '../types'

/** The module's routes of the sign-in with an identity provider, under the app's base URL (the callback is `oidc.callbackPath`). */
export const oidcRoutes = {
  /** Starts a sign-in: `GET ?redirect=/page` sends the browser to the provider. */
  login: '/api/_axios-jwt/oidc/login',
  /** The signed-in user, from the ID token or the provider's userinfo endpoint. */
  user: '/api/_axios-jwt/oidc/user',
} as const

/** The scopes asked for when the app names none. */
export const DEFAULT_SCOPES = ['openid', 'profile', 'email', 'offline_access']

/** What the server alone knows of the provider: in the private runtime config (`NUXT_AXIOS_JWT_OIDC_*`). */
export type OidcServerOptions = Pick<OidcOptions, 'issuer' | 'clientId' | 'clientSecret' | 'siteURL' | 'endpoints'>

/** The rest, built into the app (only into apps that sign in with a provider). */
export type BuiltOidcOptions = Omit<OidcOptions, keyof OidcServerOptions>

/** The provider's options split into the server's (private runtime config) and the app's (built in); none when off. */
export function oidcParts(oidc: OidcOptions): { server: OidcServerOptions, built: BuiltOidcOptions & { scopes: string[] } } | undefined {
  if (!isOidcOn(oidc)) return undefined
  const { issuer, clientId, clientSecret, siteURL, endpoints, scopes, ...built } = oidc
  return { server: { issuer, clientId, clientSecret, siteURL, endpoints }, built: { ...built, scopes: scopes ?? DEFAULT_SCOPES } }
}

/** Whether the app signs in with an identity provider: an issuer to discover, or an authorization endpoint given by hand. */
export const isOidcOn = (oidc: Pick<OidcOptions, 'issuer' | 'endpoints'>): boolean => Boolean(oidc.issuer || oidc.endpoints.authorization)

/**
 * The token options of a provider's token endpoint (OAuth2, RFC 6749 section 5.1): snake_case fields, a form body,
 * `expires_in` (the refresh token stays on the server, as the mode says). What the app set for the refresh token's lifetime and cookies is
 * kept. The client id is added on the server, with the secret.
 */
export function oidcTokens(tokens: AxiosJwtOptions['tokens']): AxiosJwtOptions['tokens'] {
  return {
    access: { ...tokens.access, path: 'access_token', expiresInPath: tokens.access.expiresInPath || 'expires_in' },
    refresh: {
      ...tokens.refresh,
      path: 'refresh_token',
      bodyField: 'refresh_token',
      bodyFormat: 'form',
      extraFields: { ...tokens.refresh.extraFields, grant_type: 'refresh_token' },
      header: false,
    },
  }
}
