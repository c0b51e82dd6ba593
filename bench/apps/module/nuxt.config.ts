// The module, with the API at NUXT_PUBLIC_AXIOS_JWT_BASE_URL.
export default defineNuxtConfig({
  modules: ['../../../src/module'],
  devtools: { enabled: false },
  compatibilityDate: '2025-07-15',
  axiosJwt: { baseURL: 'http://127.0.0.1:9' },
})
