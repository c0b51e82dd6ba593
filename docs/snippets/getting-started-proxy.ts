// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  // `$api` calls /api/... on the site; the server signs and forwards to `baseURL` (or NUXT_AXIOS_JWT_SERVER_BASE_URL).
  axiosJwt: { mode: 'proxy', baseURL: 'https://api.example.com' },
})
