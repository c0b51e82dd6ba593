import type { RefreshOutcome } from '../../core/client/exchange'
import type { RefreshTurn } from '../../core/client/refresher'
import type { FullTokenPair } from '../../core/tokens/tokens'
import { withTabLock } from './tab-lock'

/** How long a tab that waited for its turn looks for the pair the previous tab stored before refreshing itself. */
const SETTLE_MS = 500

/** What the tabs tell each other of one session's rotations: pairs heard from the others by the refresh token they replaced, and where to tell. */
export interface TabRotations {
  /** The API whose own session this is; absent for the main session. */
  session?: string
  heard: Map<string, FullTokenPair>
  channel?: BroadcastChannel
}

/**
 * One tab's turn at refreshing `refreshToken`: a tab that waited takes the pair the previous tab stored (from the
 * cookies, or from its message if the cookie has not reached this tab yet) instead of calling the backend. The
 * refresher's turn stores the new pair inside the lock; this only takes turns and tells the others.
 */
export function tabTurn(refreshToken: string, turn: RefreshTurn, { session, heard, channel }: TabRotations): Promise<RefreshOutcome> {
  return withTabLock(async (waited): Promise<RefreshOutcome> => {
    const rotated = () => turn.rotated() ?? heard.get(refreshToken)
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
  }, session)
}
