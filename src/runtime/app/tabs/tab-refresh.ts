import type { RefreshOutcome } from '../../core/exchange'
import type { ShareRefresh } from '../../core/refresher'
import type { FullTokenPair } from '../../core/tokens'
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
 * the backend. The refresher's turn stores the new pair inside the lock; this only takes turns and tells the others.
 */
export function shareTabRefresh(): ShareRefresh {
  listen()
  return (refreshToken, turn) =>
    withTabLock(async (waited): Promise<RefreshOutcome> => {
      const rotated = () => turn.rotated() ?? rotations.get(refreshToken)
      let tokens = rotated()
      for (let waitedMs = 0; !tokens && waited && waitedMs < SETTLE_MS; waitedMs += 15) {
        await new Promise(resolve => setTimeout(resolve, 15))
        tokens = rotated()
      }
      if (tokens) return { kind: 'ok', tokens }
      const outcome = await turn.exchange()
      if (outcome.kind === 'ok') {
        // Stored and told before the turn ends, so the next tab finds the new pair.
        await turn.commit(outcome.tokens)
        channel?.postMessage({ from: refreshToken, tokens: outcome.tokens })
      }
      return outcome
    })
}
