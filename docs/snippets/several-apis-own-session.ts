// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    baseURL: 'https://api.example.com',
    apis: {
      partner: {
        baseURL: 'https://partner.example.com',
        endpoints: { login: '/oauth/login', refresh: '/oauth/token', logout: false, user: '/me' },
        // What it does not set comes from the main API's options; here its tokens have OAuth2's shape.
        tokens: { access: { path: 'access_token' }, refresh: { path: 'refresh_token', bodyField: 'refresh_token', bodyFormat: 'form' } },
      },
    },
  },
})
