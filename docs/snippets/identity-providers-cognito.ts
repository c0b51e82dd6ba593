// nuxt.config.ts
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  // The user pool's issuer. Cognito has no end_session_endpoint in its discovery document, so its logout page is
  // given by hand (it takes client_id and logout_uri).
  axiosJwt: {
    mode: 'httpOnly',
    baseURL: 'https://api.example.com',
    oidc: {
      issuer: 'https://cognito-idp.<region>.amazonaws.com/<user-pool-id>',
      clientId: '<client-id>',
      scopes: ['openid', 'profile', 'email'],
      endpoints: { endSession: 'https://<domain>.auth.<region>.amazoncognito.com/logout' },
    },
    claims: { roles: 'cognito:groups' },
  },
})
