// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    baseURL: 'https://strapi.example.com',
    // login() posts what the form gives: Strapi takes { identifier, password }.
    endpoints: { login: '/api/auth/local', refresh: '/api/auth/refresh', logout: '/api/auth/logout', user: '/api/users/me' },
    tokens: {
      access: { path: 'jwt' },
      refresh: { path: 'refreshToken' },
    },
    user: { path: '' },
  },
})
