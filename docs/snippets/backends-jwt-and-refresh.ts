// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    tokens: {
      access: { path: 'jwt' },
      refresh: { path: 'refresh', bodyField: 'refresh' },
    },
    user: { path: 'user' },
  },
})
