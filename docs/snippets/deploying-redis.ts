// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  nitro: {
    storage: { 'axios-jwt': { driver: 'redis', url: process.env.REDIS_URL } },
  },
  axiosJwt: { server: { sharedRefresh: 'axios-jwt' } },
})
