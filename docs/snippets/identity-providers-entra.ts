// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  // v2.0 endpoints; the API's scope gives an access token for it.
  axiosJwt: {
    mode: 'httpOnly',
    baseURL: 'https://api.example.com',
    oidc: {
      issuer: 'https://login.microsoftonline.com/<tenant-id>/v2.0',
      clientId: '<application-id>',
      scopes: ['openid', 'profile', 'email', 'offline_access', 'api://<api-application-id>/access_as_user'],
    },
    claims: { roles: 'roles', scopes: 'scp' },
  },
})
