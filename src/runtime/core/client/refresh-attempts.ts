import type { RefreshError } from '../errors'

/** What a request notes when it is signed: how many refreshes had started by then. */
export type AttemptMark = number & { readonly attemptMark?: never }

/**
 * The refresh attempts of one client, numbered as they start, and the transient failure of the last one: the protocol
 * between the refresher and the interceptors. A request signed before an attempt started, and answered 401 after that
 * attempt failed, takes the failure as its own answer instead of starting another refresh at once.
 */
export interface RefreshAttempts {
  /** The mark a request takes when it is signed. */
  mark: () => AttemptMark
  /** Starts an attempt; resolves to its number. */
  start: () => number
  /** How attempt `attempt` ended: without `failure` it succeeded, which clears the last failure. */
  settle: (attempt: number, failure?: RefreshError) => void
  /** The transient failure of the last attempt, when that attempt started after `mark` was taken. */
  failedSince: (mark: AttemptMark) => RefreshError | undefined
}

export function createRefreshAttempts(): RefreshAttempts {
  let started = 0
  let lastFailure: { attempt: number, error: RefreshError } | undefined
  return {
    mark: () => started,
    start: () => ++started,
    settle: (attempt, failure) => {
      lastFailure = failure && { attempt, error: failure }
    },
    failedSince: mark => lastFailure && lastFailure.attempt > mark ? lastFailure.error : undefined,
  }
}
