// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    tokens: {
      access: { path: 'access_token' },
      refresh: { path: 'refresh_token', bodyField: 'refresh_token' },
    },
    user: { path: '' },
  },
})
