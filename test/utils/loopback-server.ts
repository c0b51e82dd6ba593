// The loopback server of the module's public test helpers (`nuxt-axios-jwt/testing`), for the suites' other servers.
export { listenOnLoopback, type LoopbackServer } from '../../src/runtime/testing/loopback'
