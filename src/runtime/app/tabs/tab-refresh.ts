import { codeNotLoaded } from '../../core/client/lazy-exchange'
import type { ShareRefresh } from '../../core/client/refresher'
import type { FullTokenPair } from '../../core/tokens/tokens'
import { tabsName } from './names'
import type { TabRotations } from './tab-turn'

/**
 * Pairs other tabs got for a session, by the refresh token they replaced: a cookie written in one tab reaches the
 * others a little later.
 */
function listen(session: string | undefined): TabRotations {
  const rotations: TabRotations = { session, heard: new Map<string, FullTokenPair>() }
  if (typeof BroadcastChannel === 'undefined') return rotations
  rotations.channel = new BroadcastChannel(tabsName('rotated', session))
  rotations.channel.addEventListener('message', (event: MessageEvent<{ from: string, tokens: FullTokenPair }>) => {
    if (rotations.heard.size > 8) rotations.heard.clear()
    rotations.heard.set(event.data.from, event.data.tokens)
  })
  return rotations
}

const loadTurn = () => import('./tab-turn')

/** Loads the code of a tab's turn ahead of the first refresh (see `preloadExchange`). */
export function preloadTabTurn(): void {
  loadTurn().catch(() => undefined)
}

/**
 * Tabs of one site share the cookies, and the backend rotates the refresh token: two tabs refreshing with the same
 * token would get the second one rejected. One tab refreshes at a time (`tab-turn.ts`, loaded at the first refresh);
 * this tab hears the others' rotations from the start, so a pair told before that is not missed.
 */
export function shareTabRefresh(session?: string): ShareRefresh {
  const rotations = listen(session)
  return async (refreshToken, turn) => {
    let turnCode: typeof import('./tab-turn')
    try {
      turnCode = await loadTurn()
    }
    catch (error) {
      return codeNotLoaded(error)
    }
    return turnCode.tabTurn(refreshToken, turn, rotations)
  }
}
