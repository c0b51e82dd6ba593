// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  // The API's identifier as audience gives JWT access tokens for it.
  axiosJwt: {
    mode: 'httpOnly',
    baseURL: 'https://api.example.com',
    oidc: { issuer: 'https://tenant.eu.auth0.com/', clientId: '<client-id>', audience: 'https://api.example.com' },
    claims: { roles: 'https://example.com/roles' },
  },
})
