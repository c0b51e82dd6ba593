import type { RefreshOutcome } from './exchange'
import type { ShareRefresh } from './refresher'

/**
 * How long a finished exchange still answers renders that carry the spent token: those that left the browser just
 * before its cookies were rotated. Later ones reach the backend, which sees the reuse.
 */
export const GRACE_MS = 2_000

const exchanges = new Map<string, Promise<RefreshOutcome>>()

/** A key for a refresh token that does not reveal it: its SHA-256, in hex. */
export async function refreshKey(refreshToken: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(refreshToken))
  return Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Server renders that carry the same refresh token (a user opening several tabs at once, prefetches) share one
 * exchange instead of burning a rotated token. Keyed by a hash of the token, so only its holders get the outcome,
 * and held only while the exchange runs plus a short grace. Transient failures are not kept.
 */
export async function shareServerRefresh(refreshToken: string, exchange: () => Promise<RefreshOutcome>): Promise<RefreshOutcome> {
  const key = await refreshKey(refreshToken)
  const running = exchanges.get(key)
  if (running) return running
  const outcome = exchange()
  exchanges.set(key, outcome)
  outcome.then((result) => {
    if (result.kind === 'transient') return exchanges.delete(key)
    setTimeout(() => exchanges.get(key) === outcome && exchanges.delete(key), GRACE_MS).unref?.()
  })
  return outcome
}

/** Forgets the exchange of a refresh token whose session just ended (logout): nothing hands its pair out again. */
export async function forgetServerRefresh(refreshToken: string): Promise<void> {
  exchanges.delete(await refreshKey(refreshToken))
}

/** Where a request's context carries the sharing across server instances, when `sharedRefresh` is on. */
export const SHARE_CONTEXT_KEY = 'axiosJwtShare'

/** How a server request shares refreshes: across instances when its context says so, else within this instance. */
export function serverShare(context: Record<string, unknown> | undefined): ShareRefresh {
  return (context?.[SHARE_CONTEXT_KEY] as ShareRefresh | undefined) ?? shareServerRefresh
}
