// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    baseURL: 'https://api.example.com',
    endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', user: '/auth/me' },
  },
})
