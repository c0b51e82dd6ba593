// The plain axios app with the runtime config keys the module adds (its deployment options, which environment
// variables override): what Nitro's copy of the runtime config on every request costs for them, without the module.
export default defineNuxtConfig({
  extends: ['../axios'],
  runtimeConfig: {
    axiosJwt: { server: { baseURL: '', sharedRefresh: '' } },
    public: {
      axiosJwt: {
        baseURL: 'http://127.0.0.1:9',
        endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', user: '/auth/me' },
        cookie: { domain: '', secure: true },
      },
    },
  },
})
