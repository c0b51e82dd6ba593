// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    baseURL: 'https://directus.example.com',
    // login() posts what the form gives: Directus takes { email, password }.
    endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', user: '/users/me' },
    tokens: {
      access: { path: 'data.access_token' },
      // `mode: 'json'`: the refresh token in the body, not in Directus' own cookie.
      refresh: { path: 'data.refresh_token', bodyField: 'refresh_token', extraFields: { mode: 'json' } },
    },
    user: { path: 'data' },
  },
})
