import type { RefreshOutcome } from '../client/exchange'
import type { ShareRefresh } from '../client/refresher'

/**
 * How long a finished exchange still answers renders that carry the spent token: those that left the browser just
 * before its cookies were rotated. Later ones reach the backend, which sees the reuse.
 */
export const GRACE_MS = 2_000

/** An exchange's outcome, and when (ms since the epoch) holders of the spent token stop getting it; default: the grace from now. */
export interface SharedOutcome {
  outcome: RefreshOutcome
  expiresAt?: number
}

/** A key for a refresh token that does not reveal it: its SHA-256, in hex. */
export async function refreshKey(refreshToken: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(refreshToken))
  return Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, '0')).join('')
}

/** Shares exchanges among the requests of one server instance. */
export interface InstanceShare {
  /**
   * Runs `run` for this refresh token unless it already runs or its outcome has not expired; transient failures are
   * not kept. `run` gets the token's key (`refreshKey`), computed once per exchange.
   */
  share: (refreshToken: string, run: (key: string) => Promise<SharedOutcome>) => Promise<RefreshOutcome>
  forget: (refreshToken: string) => Promise<void>
}

/**
 * Server renders that carry the same refresh token (a user opening several tabs at once, prefetches) share one
 * exchange instead of burning a rotated token. Keyed by a hash of the token, so only its holders get the outcome,
 * and held only while the exchange runs and until its outcome expires.
 */
export function createInstanceShare(): InstanceShare {
  const exchanges = new Map<string, Promise<RefreshOutcome>>()
  return {
    async share(refreshToken, run) {
      const key = await refreshKey(refreshToken)
      const running = exchanges.get(key)
      if (running) return running
      const shared = run(key)
      const outcome = shared.then(({ outcome }) => outcome)
      exchanges.set(key, outcome)
      const forget = () => exchanges.get(key) === outcome && exchanges.delete(key)
      shared.then(({ outcome: result, expiresAt = Date.now() + GRACE_MS }) => {
        if (result.kind === 'transient') return forget()
        setTimeout(forget, Math.max(0, expiresAt - Date.now())).unref?.()
      }, forget)
      return outcome
    },
    async forget(refreshToken) {
      exchanges.delete(await refreshKey(refreshToken))
    },
  }
}

const thisInstance = createInstanceShare()

/** Sharing within this server instance only. */
export const shareServerRefresh: ShareRefresh = (refreshToken, turn) =>
  thisInstance.share(refreshToken, async () => ({ outcome: await turn.exchange() }))

/** Forgets this instance's exchange of a refresh token whose session just ended (logout). */
export const forgetServerRefresh = thisInstance.forget

/** How server requests share refreshes, and how a logout makes them forget one. */
export interface ServerRefreshSharing {
  share: ShareRefresh
  /** Forgets the exchange of a refresh token whose session ended: nothing hands its pair out again. */
  forget: (refreshToken: string) => Promise<void>
}

const onThisInstance: ServerRefreshSharing = { share: shareServerRefresh, forget: forgetServerRefresh }

/** Where a request's context carries the sharing across server instances, when `server.sharedRefresh` is on. */
export const SHARE_CONTEXT_KEY = 'axiosJwtShare'

/** How a server request shares refreshes: across instances when its context says so, else within this instance. */
export function serverSharing(context: Record<string, unknown> | undefined): ServerRefreshSharing {
  return (context?.[SHARE_CONTEXT_KEY] as ServerRefreshSharing | undefined) ?? onThisInstance
}
