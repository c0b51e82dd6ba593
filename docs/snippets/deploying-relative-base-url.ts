// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  // `redirect: 'manual'`: the proxy hands a redirect of the API back instead of following it with the token header.
  routeRules: { '/backend/**': { proxy: { to: 'http://api.internal:8080/**', fetchOptions: { redirect: 'manual' } } } },
  axiosJwt: { baseURL: '/backend' },
})
