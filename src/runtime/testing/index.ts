/**
 * `nuxt-axios-jwt/testing`: helpers for the tests of apps that use the module. A real JWT API for end-to-end tests
 * (`startJwtTestApi`), a signed-in user in unit tests (`setTestSession`), and tokens made for tests (`makeJwt`).
 * Test code only: nothing here reaches an app's bundle unless a test imports it.
 */
export { cookieHeader, startJwtTestApi, type JwtTestApi, type JwtTestApiCalls, type JwtTestApiOptions, type JwtTestApiStats, type RefreshFault } from './jwt-test-api'
export type { TokenShape } from './token-shapes'
export { listenOnLoopback, type LoopbackServer } from './loopback'
export { makeJwt, type MakeJwtOptions } from './make-jwt'
export { setTestSession, type ApiTestAnswer, type ApiTestHandler, type ApiTestRequest, type TestSession, type TestSessionOptions } from './test-session'
export type { IssuedTokens, IssuerUser } from './token-issuer'
