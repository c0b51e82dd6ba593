// The module in proxy mode: `/api/**` forwards to the API at NUXT_AXIOS_JWT_SERVER_BASE_URL, signed from the cookies.
export default defineNuxtConfig({
  modules: ['../../../src/module'],
  devtools: { enabled: false },
  compatibilityDate: '2025-07-15',
  axiosJwt: { mode: 'proxy' },
})
