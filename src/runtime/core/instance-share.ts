import type { RefreshOutcome } from './exchange'
import type { RefreshTurn } from './refresher'
import { openOutcome, sealOutcome } from './sealed-outcome'
import { createInstanceShare, GRACE_MS, refreshKey, type ServerRefreshSharing, type SharedOutcome } from './shared-refresh'

/** A store the server instances share, with an atomic claim (Redis `SET NX PX`). */
export interface ClaimStore {
  /** Sets `key` only when it is absent; resolves to whether it did. */
  claim: (key: string, value: string, ttlMs: number) => Promise<boolean>
  get: (key: string) => Promise<string | null | undefined>
  set: (key: string, value: string, ttlMs: number) => Promise<void>
  remove: (key: string) => Promise<void>
}

export interface InstanceShareOptions {
  /** The refresh call's own deadline (`refreshTimeout`). */
  exchangeMs: number
  /** Told when the store fails; the exchange then runs on this instance alone. */
  onStoreDown?: (error: unknown) => void
  /** Bounds every call to the store: a client may queue commands while the store is unreachable. */
  storeTimeoutMs?: number
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
    /** The outcome another instance left for this token, if any and not expired. */
    published: async (key: string, refreshToken: string): Promise<SharedOutcome | undefined> => {
      const sealed = await bounded(() => store.get(`outcome:${key}`))
      return sealed ? openOutcome(sealed, refreshToken) : undefined
    },
    claim: (key: string) => bounded(() => store.claim(`claim:${key}`, instance, claimMs)),
    /** Leaves the outcome for the others (transient failures are not kept: the next instance may try) and frees the claim. */
    publish: async (key: string, refreshToken: string, { outcome, expiresAt }: Required<SharedOutcome>) => {
      if (outcome.kind !== 'transient') await bounded(async () => store.set(`outcome:${key}`, await sealOutcome(outcome, refreshToken, expiresAt), GRACE_MS))
      await bounded(() => store.remove(`claim:${key}`))
    },
    clear: (key: string) => bounded(() => Promise.all([store.remove(`outcome:${key}`), store.remove(`claim:${key}`)])),
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

  async function exchangeAndPublish(key: string, refreshToken: string, turn: RefreshTurn): Promise<SharedOutcome> {
    const shared = { outcome: await turn.exchange(), expiresAt: Date.now() + GRACE_MS }
    await board.publish(key, refreshToken, shared).catch(error => options.onStoreDown?.(error))
    return shared
  }

  async function coordinate(refreshToken: string, turn: RefreshTurn): Promise<SharedOutcome> {
    const key = await refreshKey(refreshToken)
    for (const until = Date.now() + claimMs; Date.now() < until; await sleep(pollMs)) {
      const outcome = await board.published(key, refreshToken)
      if (outcome) return outcome
      if (!await board.claim(key)) continue
      // The claim may be free because its holder just published and left: its outcome is there then.
      return await board.published(key, refreshToken) ?? exchangeAndPublish(key, refreshToken, turn)
    }
    const outcome: RefreshOutcome = { kind: 'transient', reason: 'another server instance did not finish refreshing this session in time' }
    return { outcome }
  }

  return {
    share: (refreshToken, turn) => local.share(refreshToken, async () => {
      try {
        return await coordinate(refreshToken, turn)
      }
      catch (error) {
        if (!(error instanceof StoreDown)) throw error
        options.onStoreDown?.(error)
        return { outcome: await turn.exchange() }
      }
    }),
    forget: async (refreshToken) => {
      await local.forget(refreshToken)
      await board.clear(await refreshKey(refreshToken)).catch(error => options.onStoreDown?.(error))
    },
  }
}
