// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  // A realm's issuer; roles in the access token's realm_access.roles.
  axiosJwt: {
    mode: 'httpOnly',
    baseURL: 'https://api.example.com',
    oidc: { issuer: 'https://keycloak.example.com/realms/app', clientId: 'web', scopes: ['openid', 'profile', 'email'] },
    claims: { roles: 'realm_access.roles' },
    tokens: { refresh: { expiresInPath: 'refresh_expires_in' } },
  },
})
