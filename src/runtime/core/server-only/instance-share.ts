import type { RefreshOutcome } from '../client/exchange'
import type { RefreshTurn } from '../client/refresher'
import { openOutcome, sealOutcome } from './sealed-outcome'
import { createInstanceShare, GRACE_MS, refreshKey, type ServerRefreshSharing, type SharedOutcome } from './shared-refresh'

/** A store the server instances share, keyed by a spent refresh token's hash; each step one atomic round trip. */
export interface ClaimStore {
  /** The outcome published for `key`, if any; else claims `key` for `claimant` when it is free (`SET NX PX`). */
  claimOrRead: (key: string, claimant: string, ttlMs: number) => Promise<{ outcome: string } | 'claimed' | 'held'>
  /** Leaves `outcome` for `ttlMs` (none: nothing to keep) and frees the claim. */
  publish: (key: string, outcome: string | undefined, ttlMs: number) => Promise<void>
  /** Removes the claim and the outcome. */
  clear: (key: string) => Promise<void>
}

export interface InstanceShareOptions {
  /** The refresh call's own deadline (`refresh.timeout`). */
  exchangeMs: number
  /** Told when the store fails; the exchange then runs on this instance alone. */
  onStoreDown?: (error: unknown) => void
  /** Bounds every call to the store: a client may queue commands while the store is unreachable. */
  storeTimeoutMs?: number
  /** The longest pause between two looks at the store while another instance exchanges (they start at 2 ms and double). */
  pollMs?: number
}

/** The store failed before this instance exchanged: falling back to exchanging alone is safe. */
class StoreDown extends Error {}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** The claims and sealed outcomes of spent refresh tokens in the store, keyed by the token's hash; every call bounded. */
function outcomeBoard(store: ClaimStore, { claimMs, storeTimeoutMs }: { claimMs: number, storeTimeoutMs: number }) {
  const instance = globalThis.crypto.randomUUID()
  const bounded = <T>(call: () => Promise<T>): Promise<T> => new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreDown('the store did not answer in time')), storeTimeoutMs)
    call().then(resolve, error => reject(new StoreDown(error instanceof Error ? error.message : String(error), { cause: error })))
      .finally(() => clearTimeout(timer))
  })
  return {
    /** The outcome another instance left for this token (when it opens and has not expired), else whether this one claimed it. */
    claimOrRead: async (key: string, refreshToken: string): Promise<SharedOutcome | 'claimed' | 'held'> => {
      const seen = await bounded(() => store.claimOrRead(key, instance, claimMs))
      if (typeof seen === 'string') return seen
      return openOutcome(seen.outcome, refreshToken) ?? 'held'
    },
    /** Leaves the outcome for the others (transient failures are not kept: the next instance may try) and frees the claim. */
    publish: async (key: string, refreshToken: string, { outcome, expiresAt }: Required<SharedOutcome>) => {
      const sealed = outcome.kind === 'transient' ? undefined : sealOutcome(outcome, refreshToken, expiresAt)
      await bounded(() => store.publish(key, sealed, GRACE_MS))
    },
    clear: (key: string) => bounded(() => store.clear(key)),
  }
}

/**
 * Renders of one expired pair that land on different server instances share one exchange: the first instance claims
 * the spent token's hash, exchanges, and leaves the outcome sealed with that token for the others, which wait for it.
 * Within an instance, requests share as before, until the outcome's expiry. A store that fails means per-instance
 * behaviour.
 */
export function shareAcrossInstances(store: ClaimStore, options: InstanceShareOptions): ServerRefreshSharing {
  const { exchangeMs, storeTimeoutMs = 1000, pollMs = 25 } = options
  // The holder reads, exchanges, publishes and releases while it holds the claim: the claim outlives all four, so no
  // other instance can claim the same token while its exchange may still run. Others wait as long.
  const claimMs = exchangeMs + 3 * storeTimeoutMs + 1000
  const board = outcomeBoard(store, { claimMs, storeTimeoutMs })
  const local = createInstanceShare()

  // Publications still on their way, by key: a logout waits for its token's before clearing the store.
  const publishing = new Map<string, Promise<void>>()

  /** Exchanges and hands the outcome back at once: the others get it when its publication lands, a round trip later. */
  async function exchangeAndPublish(key: string, refreshToken: string, turn: RefreshTurn): Promise<SharedOutcome> {
    const shared = { outcome: await turn.exchange(), expiresAt: Date.now() + GRACE_MS }
    const published: Promise<void> = board.publish(key, refreshToken, shared)
      .catch(error => options.onStoreDown?.(error))
      .finally(() => publishing.get(key) === published && publishing.delete(key))
    publishing.set(key, published)
    return shared
  }

  async function coordinate(key: string, refreshToken: string, turn: RefreshTurn): Promise<SharedOutcome> {
    // Most exchanges take a few milliseconds: look again soon, then less and less often.
    for (let until = Date.now() + claimMs, pause = 2; Date.now() < until; await sleep(pause), pause = Math.min(pause * 2, pollMs)) {
      // One round trip: the outcome when the holder has published it, else the claim when it is free.
      const seen = await board.claimOrRead(key, refreshToken)
      if (seen === 'claimed') return exchangeAndPublish(key, refreshToken, turn)
      if (seen !== 'held') return seen
    }
    const outcome: RefreshOutcome = { kind: 'transient', reason: 'another server instance did not finish refreshing this session in time' }
    return { outcome }
  }

  return {
    share: (refreshToken, turn) => local.share(refreshToken, async (key) => {
      try {
        return await coordinate(key, refreshToken, turn)
      }
      catch (error) {
        if (!(error instanceof StoreDown)) throw error
        options.onStoreDown?.(error)
        return { outcome: await turn.exchange() }
      }
    }),
    forget: async (refreshToken) => {
      await local.forget(refreshToken)
      const key = await refreshKey(refreshToken)
      // A publication that landed after the clear would hand the ended session's pair out again.
      await publishing.get(key)
      await board.clear(key).catch(error => options.onStoreDown?.(error))
    },
  }
}
