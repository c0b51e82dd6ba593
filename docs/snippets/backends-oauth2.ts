// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    endpoints: { login: '/oauth/token', refresh: '/oauth/token', logout: false, user: '/userinfo' },
    tokens: {
      access: { path: 'access_token', expiresInPath: 'expires_in' },
      refresh: {
        path: 'refresh_token',
        bodyField: 'refresh_token',
        bodyFormat: 'form',
        extraFields: { grant_type: 'refresh_token', client_id: 'my-app' },
      },
    },
    user: { path: '' },
  },
})
