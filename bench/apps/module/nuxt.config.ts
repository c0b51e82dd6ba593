// The module, with the API at NUXT_PUBLIC_AXIOS_JWT_BASE_URL; built with BENCH_API_URL it also proxies `/backend/**`
// to that API, as an app whose API sits behind its own route. BENCH_MODE (httpOnly, proxy, oidc) and BENCH_I18N=1 build the
// other modes for the client bundle rows; BENCH_SOURCEMAP=1 keeps hidden source maps to tell the bytes of each file.
const api = process.env.BENCH_API_URL
const mode = process.env.BENCH_MODE

export default defineNuxtConfig({
  modules: ['../../../src/module', ...process.env.BENCH_I18N ? ['@nuxtjs/i18n'] : []],
  devtools: { enabled: false },
  routeRules: api ? { '/backend/**': { proxy: `${api}/**` } } : {},
  sourcemap: { client: process.env.BENCH_SOURCEMAP ? 'hidden' : false },
  compatibilityDate: '2025-07-15',
  axiosJwt: {
    baseURL: 'http://127.0.0.1:9',
    mode: mode === 'httpOnly' || mode === 'oidc' ? 'httpOnly' : mode === 'proxy' ? 'proxy' : 'readable',
    oidc: mode === 'oidc' ? { issuer: 'http://127.0.0.1:9', clientId: 'bench' } : {},
  },
  ...process.env.BENCH_I18N && { i18n: { locales: ['en', 'fr'], defaultLocale: 'en', strategy: 'prefix_except_default', detectBrowserLanguage: false } },
})
