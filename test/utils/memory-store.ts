import type { StoredTokens, TokenStore } from '../../src/runtime/core/tokens/tokens'

/** A token store in memory, standing in for the cookies in tests of the framework-free core. */
export function memoryStore(initial: StoredTokens = {}): TokenStore & { tokens: StoredTokens, writes: number } {
  const store = {
    tokens: { ...initial },
    writes: 0,
    get: () => ({ ...store.tokens }),
    set(tokens: StoredTokens) {
      store.writes++
      store.tokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }
    },
    clear() {
      store.writes++
      store.tokens = {}
    },
  }
  return store
}
