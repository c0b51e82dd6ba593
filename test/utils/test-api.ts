// The module's own suites use the public test API (`nuxt-axios-jwt/testing`): one implementation.
export { cookieHeader, startJwtTestApi as startTestApi, type JwtTestApi as TestApi, type RefreshFault } from '../../src/runtime/testing'
export type { IssuedTokens } from '../../src/runtime/testing/token-issuer'
