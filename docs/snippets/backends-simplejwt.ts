// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: {
    baseURL: 'https://api.example.com',
    endpoints: {
      login: '/api/token/', // TokenObtainPairView: posts { username, password }
      refresh: '/api/token/refresh/', // TokenRefreshView
      logout: '/api/token/blacklist/', // TokenBlacklistView (rest_framework_simplejwt.token_blacklist in INSTALLED_APPS)
      user: '/api/me/', // a view of your own: SimpleJWT has none (`false` reads no user)
    },
    tokens: {
      access: { path: 'access' },
      refresh: { path: 'refresh', bodyField: 'refresh' },
    },
    user: { path: '' },
  },
})
