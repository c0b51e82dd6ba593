import type { RefreshOutcome } from '../../core/exchange'
import type { ShareRefresh } from '../../core/refresher'
import type { FullTokenPair, TokenStore } from '../../core/tokens'
import { withTabLock } from './tab-lock'

/** How long a tab that waited for its turn looks for the pair the previous tab stored before refreshing itself. */
const SETTLE_MS = 500

/** Pairs other tabs got, by the refresh token they replaced: a cookie written in one tab reaches the others a little later. */
const rotations = new Map<string, FullTokenPair>()
let channel: BroadcastChannel | undefined

function listen(): BroadcastChannel | undefined {
  if (channel || typeof BroadcastChannel === 'undefined') return channel
  channel = new BroadcastChannel('nuxt-axios-jwt:rotated')
  channel.addEventListener('message', (event: MessageEvent<{ from: string, tokens: FullTokenPair }>) => {
    if (rotations.size > 8) rotations.clear()
    rotations.set(event.data.from, event.data.tokens)
  })
  return channel
}

/**
 * Tabs of one site share the cookies, and the backend rotates the refresh token: two tabs refreshing with the same
 * token would get the second one rejected. One tab refreshes at a time; a tab that waited takes the pair the other
 * tab stored (from the cookies, or from its message if the cookie has not reached this tab yet) instead of calling
 * the backend.
 */
export function shareTabRefresh(store: TokenStore): ShareRefresh {
  listen()
  const rotated = (refreshToken: string): FullTokenPair | undefined => {
    const current = store.get()
    if (current.accessToken && current.refreshToken && current.refreshToken !== refreshToken) {
      return { accessToken: current.accessToken, refreshToken: current.refreshToken }
    }
    return rotations.get(refreshToken)
  }
  return (refreshToken, exchange) =>
    withTabLock(async (waited): Promise<RefreshOutcome> => {
      let tokens = rotated(refreshToken)
      for (let waitedMs = 0; !tokens && waited && waitedMs < SETTLE_MS; waitedMs += 15) {
        await new Promise(resolve => setTimeout(resolve, 15))
        tokens = rotated(refreshToken)
      }
      if (tokens) return { kind: 'ok', tokens }
      if (!store.get().refreshToken) return { kind: 'ended', reason: 'the session ended in another tab' }
      const outcome = await exchange()
      if (outcome.kind === 'ok') {
        // Stored and told before the turn ends, so the next tab finds the new pair.
        await store.set(outcome.tokens)
        channel?.postMessage({ from: refreshToken, tokens: outcome.tokens })
      }
      return outcome
    })
}
