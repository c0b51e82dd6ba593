import type { RefreshOutcome, TokenStore } from '../../core/client'
import { takeTabTurn } from './tab-turn'

/**
 * Tabs of one site share the cookies, and the backend rotates the refresh token: two tabs refreshing with the same
 * token would get the second one rejected. One tab refreshes at a time; a tab that waited re-reads the cookies and
 * takes the pair the other tab stored instead of calling the backend.
 */
export function shareTabRefresh(store: TokenStore) {
  return (refreshToken: string, exchange: () => Promise<RefreshOutcome>): Promise<RefreshOutcome> =>
    takeTabTurn(async (): Promise<RefreshOutcome> => {
      const current = store.get()
      if (current.accessToken && current.refreshToken && current.refreshToken !== refreshToken) {
        return { kind: 'ok', tokens: { accessToken: current.accessToken, refreshToken: current.refreshToken } }
      }
      if (!current.refreshToken) return { kind: 'ended', reason: 'the session ended in another tab' }
      const outcome = await exchange()
      // Stored before the turn ends, so the next tab sees the new pair.
      if (outcome.kind === 'ok') await store.set(outcome.tokens)
      return outcome
    })
}
