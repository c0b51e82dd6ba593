// nuxt.config.ts
// for Keycloak
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  axiosJwt: { claims: { roles: 'realm_access.roles', scopes: 'scope' } },
})
