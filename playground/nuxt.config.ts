export default defineNuxtConfig({
  modules: ['../src/module'],
  devtools: { enabled: true },
  compatibilityDate: '2025-07-15',
  axiosJwt: {
    // The demo API runs in this app's own server; point this at your API instead.
    baseURL: '/api/demo',
    endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', user: '/auth/me' },
    apis: {
      // A second API that accepts the same tokens: `useApi('billing')`, `useApiData(url, { api: 'billing' })`.
      billing: { baseURL: '/api/demo-billing' },
      // A partner's API with an own session (the main API's endpoint paths): `useAuth('partner')`. Not in proxy mode.
      ...process.env.PLAYGROUND_MODE === 'proxy' ? {} : { partner: { baseURL: '/api/demo-partner', endpoints: {} } },
    },
    // `PLAYGROUND_MODE=httpOnly npm run dev`: the refresh token in an HttpOnly cookie, behind the module's routes;
    // `PLAYGROUND_MODE=proxy npm run dev`: no token in the page, `/api/app/**` signs and forwards to the demo API.
    mode: (process.env.PLAYGROUND_MODE as 'httpOnly' | 'proxy' | undefined) ?? 'readable',
    proxy: { path: '/api/app' },
    refresh: { beforeExpiry: 5 },
    // Signed out after two minutes without activity in any tab; asked 30 s before (components/StaySignedIn.vue).
    session: { idleTimeout: 120, warnBefore: 30 },
  },
})
