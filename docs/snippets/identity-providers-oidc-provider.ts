// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    mode: 'httpOnly',
    baseURL: 'https://api.example.com', // an API that checks the provider's JWT access tokens
    oidc: {
      issuer: 'https://idp.example.com',
      clientId: 'nuxt-app', // clientSecret through NUXT_AXIOS_JWT_OIDC_CLIENT_SECRET (client_secret_basic)
      siteURL: 'https://app.example.com', // the site's public origin, for the redirect URIs (NUXT_AXIOS_JWT_OIDC_SITE_URL)
      scopes: ['openid', 'profile', 'email', 'offline_access', 'api:read'],
    },
  },
})
