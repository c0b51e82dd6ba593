import { openOutcome, sealOutcome } from './sealed-outcome'
import { createInstanceShare, GRACE_MS, refreshKey, type ServerRefreshSharing, type SharedOutcome } from './shared-refresh'
import type { RefreshOutcome } from './exchange'

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

/**
 * Renders of one expired pair that land on different server instances share one exchange: the first instance claims
 * the spent token's hash, exchanges, and leaves the outcome sealed with that token for the others, which wait for it.
 * Within an instance, requests share as before, until the outcome's expiry. A store that fails means
 * per-instance behaviour.
 */
export function shareAcrossInstances(store: ClaimStore, options: InstanceShareOptions): ServerRefreshSharing {
  const { exchangeMs, storeTimeoutMs = 1000, pollMs = 25 } = options
  // The holder reads, exchanges, publishes and releases while it holds the claim: the claim outlives all four, so no
  // other instance can claim the same token while its exchange may still run. Others wait as long.
  const claimMs = exchangeMs + 3 * storeTimeoutMs + 1000
  const instance = globalThis.crypto.randomUUID()
  const local = createInstanceShare()
  const bounded = <T>(call: () => Promise<T>): Promise<T> => new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreDown('the store did not answer in time')), storeTimeoutMs)
    call().then(resolve, error => reject(new StoreDown(error instanceof Error ? error.message : String(error), { cause: error })))
      .finally(() => clearTimeout(timer))
  })

  /** The outcome another instance left for this token, if any and not expired. */
  const published = async (key: string, refreshToken: string): Promise<SharedOutcome | undefined> => {
    const sealed = await bounded(() => store.get(`outcome:${key}`))
    return sealed ? openOutcome(sealed, refreshToken) : undefined
  }

  async function exchangeAndPublish(key: string, refreshToken: string, exchange: () => Promise<RefreshOutcome>): Promise<SharedOutcome> {
    const outcome = await exchange()
    const expiresAt = Date.now() + GRACE_MS
    try {
      // Transient failures are not kept: the next instance may try itself.
      if (outcome.kind !== 'transient') await bounded(async () => store.set(`outcome:${key}`, await sealOutcome(outcome, refreshToken, expiresAt), GRACE_MS))
      await bounded(() => store.remove(`claim:${key}`))
    }
    catch (error) {
      options.onStoreDown?.(error)
    }
    return { outcome, expiresAt }
  }

  async function coordinate(refreshToken: string, exchange: () => Promise<RefreshOutcome>): Promise<SharedOutcome> {
    const key = await refreshKey(refreshToken)
    for (const until = Date.now() + claimMs; Date.now() < until; await sleep(pollMs)) {
      const outcome = await published(key, refreshToken)
      if (outcome) return outcome
      if (!await bounded(() => store.claim(`claim:${key}`, instance, claimMs))) continue
      // The claim may be free because its holder just published and left: its outcome is there then.
      const meanwhile = await published(key, refreshToken)
      if (meanwhile) return meanwhile
      return exchangeAndPublish(key, refreshToken, exchange)
    }
    return { outcome: { kind: 'transient', reason: 'another server instance did not finish refreshing this session in time' } }
  }

  return {
    share: (refreshToken, exchange) => local.share(refreshToken, async () => {
      try {
        return await coordinate(refreshToken, exchange)
      }
      catch (error) {
        if (!(error instanceof StoreDown)) throw error
        options.onStoreDown?.(error)
        return { outcome: await exchange() }
      }
    }),
    forget: async (refreshToken) => {
      await local.forget(refreshToken)
      const key = await refreshKey(refreshToken)
      try {
        await bounded(() => Promise.all([store.remove(`outcome:${key}`), store.remove(`claim:${key}`)]))
      }
      catch (error) {
        options.onStoreDown?.(error)
      }
    },
  }
}
