// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: { session: { idleTimeout: 15 * 60, warnBefore: 60 } },
})
