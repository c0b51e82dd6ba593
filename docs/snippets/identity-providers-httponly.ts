// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    // The refresh token stays on the server: 'httpOnly' (the page calls the API with the access token) or 'proxy'.
    mode: 'httpOnly',
    baseURL: 'https://api.example.com',
    oidc: {
      issuer: 'https://login.example.com/realms/app',
      clientId: 'web',
      // clientSecret through NUXT_AXIOS_JWT_OIDC_CLIENT_SECRET, never in the page
    },
  },
})
