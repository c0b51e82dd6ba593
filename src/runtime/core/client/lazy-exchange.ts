import type { Exchange, ExchangeSetup, RefreshOutcome } from './exchange'

/** The writing half of the cookie policy, for the browser's store: loaded with the refresh, login and logout code. */
export const loadCookieWriter = () => import('../cookies/cookie-writes')

// With the exchange, the pair it brings can always be stored: the writer is loaded before any refresh token is spent.
const load = () => Promise.all([import('./exchange'), loadCookieWriter()]).then(([exchange]) => exchange)

/** Loads the exchange's code ahead of the first refresh, so that a refresh while offline finds it. */
export function preloadExchange(): void {
  load().catch(() => undefined)
}

/** The outcome of a refresh whose code could not be loaded: transient, so the session stays and the next try loads it again. */
export function codeNotLoaded(error: unknown): RefreshOutcome {
  return { kind: 'transient', reason: `the refresh code could not be loaded (${error instanceof Error ? error.message : String(error)})` }
}

/**
 * The exchange with its code loaded at the first refresh (or ahead, `preloadExchange`): a browser whose session stays
 * valid, or that has none, never downloads it. A load that fails (offline, a deploy removed the chunk) is a transient
 * outcome, tried again at the next refresh: it never ends the session.
 */
export function lazyExchange(setup: ExchangeSetup): Exchange {
  let exchange: Exchange | undefined
  return async (refreshToken) => {
    try {
      exchange ??= (await load()).createExchange(setup)
    }
    catch (error) {
      return codeNotLoaded(error)
    }
    return exchange(refreshToken)
  }
}
