import { RefreshError, SessionExpiredError } from './errors'
import type { Exchange, RefreshOutcome } from './exchange'
import type { CallHook } from './hooks'
import { readTokenTimes } from './jwt'
import type { TokenClock } from './token-clock'
import type { TokenStore } from './tokens'

/**
 * Lets callers holding the same refresh token share one exchange (tabs of one browser, concurrent SSR renders of one
 * user). Must only hand an outcome to holders of that same refresh token.
 */
export type ShareRefresh = (refreshToken: string, exchange: () => Promise<RefreshOutcome>) => Promise<RefreshOutcome>

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
  /** How many refreshes have started: a request notes it when signed. */
  started: () => number
  /** The transient failure of the last refresh, when that refresh started after `started()` was `since`. */
  failedSince: (since: number) => RefreshError | undefined
}

export function createRefresher({ store, clock, exchange, share, callHook }: RefresherSetup): Refresher {
  let inflight: Promise<string> | undefined
  let attempts = 0
  // The last attempt's transient failure: requests signed before it started share it instead of retrying at once.
  let lastFailure: { attempt: number, error: RefreshError } | undefined

  async function endSession(reason: string, status?: number): Promise<SessionExpiredError> {
    await store.clear()
    clock.forget()
    const error = new SessionExpiredError(reason, status)
    await callHook?.('axios-jwt:session-ended', { error })
    return error
  }

  async function settle(outcome: RefreshOutcome, refreshToken: string): Promise<string> {
    if (outcome.kind === 'transient') throw new RefreshError(outcome.reason, outcome.status, outcome.code)
    if (outcome.kind === 'ended') {
      // Another tab or process may have rotated the pair while this call was on its way.
      const current = store.get()
      if (current.accessToken && current.refreshToken && current.refreshToken !== refreshToken) return current.accessToken
      throw await endSession(outcome.reason, outcome.status)
    }
    const { tokens } = outcome
    // Whoever shared the exchange may have stored the pair already: one write per pair.
    const current = store.get()
    if (current.accessToken !== tokens.accessToken || current.refreshToken !== tokens.refreshToken) await store.set(tokens)
    clock.learn(tokens)
    await callHook?.('axios-jwt:refreshed', { expiresAt: readTokenTimes(tokens.accessToken).exp })
    return tokens.accessToken
  }

  async function run(stale: { token: string | undefined } | undefined): Promise<string> {
    const current = store.get()
    if (stale && current.accessToken && current.accessToken !== stale.token && !clock.isDue(current)) return current.accessToken
    const { refreshToken } = current
    if (!refreshToken) throw await endSession('no refresh token')
    const outcome = share ? await share(refreshToken, () => exchange(refreshToken)) : await exchange(refreshToken)
    return settle(outcome, refreshToken)
  }

  function start(stale?: { token: string | undefined }): Promise<string> {
    if (inflight) return inflight
    const attempt = ++attempts
    inflight = run(stale).then((token) => {
      lastFailure = undefined
      return token
    }, async (error) => {
      if (error instanceof RefreshError) lastFailure = { attempt, error }
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
    started: () => attempts,
    failedSince: since => lastFailure && lastFailure.attempt > since ? lastFailure.error : undefined,
  }
}
