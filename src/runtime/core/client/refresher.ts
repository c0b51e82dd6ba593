import { RefreshError, SessionExpiredError } from '../errors'
import type { Exchange, RefreshOutcome } from './exchange'
import type { CallHook } from './hooks'
import { readTokenTimes } from '../tokens/jwt'
import type { TokenClock } from './token-clock'
import { createRefreshAttempts, type RefreshAttempts } from './refresh-attempts'
import type { FullTokenPair, TokenStore } from '../tokens/tokens'

/** One refresh of one refresh token, as the refresher hands it to the sharing: the call, and what a new pair does. */
export interface RefreshTurn {
  /** Exchanges the refresh token at the refresh endpoint; ends the session without a call when the store lost it meanwhile. */
  exchange: () => Promise<RefreshOutcome>
  /** The pair in the store when another tab or request has rotated this refresh token since. */
  rotated: () => FullTokenPair | undefined
  /** Stores an exchange's new pair and learns from it: the one writer of a refreshed pair. */
  commit: (tokens: FullTokenPair) => Promise<void>
}

/**
 * Lets callers holding the same refresh token share one exchange (tabs of one browser, concurrent SSR renders of one
 * user). Must only hand an outcome to holders of that same refresh token.
 */
export type ShareRefresh = (refreshToken: string, turn: RefreshTurn) => Promise<RefreshOutcome>

export interface RefresherSetup {
  store: TokenStore
  clock: TokenClock
  exchange: Exchange
  share?: ShareRefresh
  callHook?: CallHook
}

/** One refresh at a time, whoever asks, and what its outcome does to the stored pair. */
export interface Refresher {
  /** Refreshes the pair now (shared with a refresh already running); resolves to the new access token. */
  refresh: () => Promise<string>
  /**
   * Refreshes because `stale`, the access token the caller holds (`undefined`: none), cannot be used; a good token
   * that another tab or request stored meanwhile is taken instead.
   */
  replace: (stale: string | undefined) => Promise<string>
  /** The attempts so far, for requests to mark when signed and to ask about when answered 401. */
  attempts: Pick<RefreshAttempts, 'mark' | 'failedSince'>
}

/** Ends the session: clears the stored tokens and reports it; resolves to the error callers reject with. */
export async function endedSession({ store, callHook }: Pick<RefresherSetup, 'store' | 'callHook'>, reason: string, status?: number): Promise<SessionExpiredError> {
  await store.clear()
  const error = new SessionExpiredError(reason, status)
  await callHook?.('axios-jwt:session-ended', { error })
  return error
}

/** The turn of one refresh token: its exchange, the rule that another holder already rotated it, and the pair writer. */
function refreshTurn(refreshToken: string, { store, clock, exchange }: Pick<RefresherSetup, 'store' | 'clock' | 'exchange'>): RefreshTurn {
  return {
    exchange: async () => store.get().refreshToken ? exchange(refreshToken) : { kind: 'ended', reason: 'the session ended in another tab or request' },
    rotated: () => {
      const { accessToken, refreshToken: current } = store.get()
      return accessToken && current && current !== refreshToken ? { accessToken, refreshToken: current } : undefined
    },
    commit: async (tokens) => {
      // Whoever shared the exchange may have stored the pair already: one write per pair.
      const current = store.get()
      if (current.accessToken !== tokens.accessToken || current.refreshToken !== tokens.refreshToken) await store.set(tokens)
      clock.learn(tokens)
    },
  }
}

export function createRefresher({ store, clock, exchange, share, callHook }: RefresherSetup): Refresher {
  let inflight: Promise<string> | undefined
  const attempts = createRefreshAttempts()

  async function endSession(reason: string, status?: number): Promise<SessionExpiredError> {
    clock.forget()
    return endedSession({ store, callHook }, reason, status)
  }

  async function settle(outcome: RefreshOutcome, turn: RefreshTurn): Promise<string> {
    if (outcome.kind === 'transient') throw new RefreshError(outcome.reason, outcome.status, outcome.code)
    if (outcome.kind === 'ended') {
      // Another tab or process may have rotated the pair while this call was on its way.
      const rotated = turn.rotated()
      if (rotated) return rotated.accessToken
      throw await endSession(outcome.reason, outcome.status)
    }
    await turn.commit(outcome.tokens)
    await callHook?.('axios-jwt:refreshed', { expiresAt: readTokenTimes(outcome.tokens.accessToken).exp })
    return outcome.tokens.accessToken
  }

  async function run(stale: { token: string | undefined } | undefined): Promise<string> {
    const current = store.get()
    if (stale && current.accessToken && current.accessToken !== stale.token && !clock.isDue(current)) return current.accessToken
    const { refreshToken } = current
    if (!refreshToken) throw await endSession('no refresh token')
    const turn = refreshTurn(refreshToken, { store, clock, exchange })
    return settle(share ? await share(refreshToken, turn) : await turn.exchange(), turn)
  }

  function start(stale?: { token: string | undefined }): Promise<string> {
    if (inflight) return inflight
    const attempt = attempts.start()
    inflight = run(stale).then((token) => {
      attempts.settle(attempt)
      return token
    }, async (error) => {
      if (error instanceof RefreshError) attempts.settle(attempt, error)
      if (error instanceof RefreshError || error instanceof SessionExpiredError) {
        await callHook?.('axios-jwt:refresh-failed', { reason: error instanceof SessionExpiredError ? 'session-over' : 'transient', error })
      }
      throw error
    }).finally(() => {
      inflight = undefined
    })
    return inflight
  }

  return {
    refresh: () => start(),
    replace: token => start({ token }),
    attempts: { mark: attempts.mark, failedSince: attempts.failedSince },
  }
}
