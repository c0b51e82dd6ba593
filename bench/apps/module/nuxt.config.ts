// The module, with the API at NUXT_PUBLIC_AXIOS_JWT_BASE_URL; built with BENCH_API_URL it also proxies `/backend/**`
// to that API, as an app whose API sits behind its own route.
const api = process.env.BENCH_API_URL

export default defineNuxtConfig({
  modules: ['../../../src/module'],
  devtools: { enabled: false },
  routeRules: api ? { '/backend/**': { proxy: `${api}/**` } } : {},
  compatibilityDate: '2025-07-15',
  axiosJwt: { baseURL: 'http://127.0.0.1:9' },
})
