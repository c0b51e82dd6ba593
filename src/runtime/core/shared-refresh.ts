import type { RefreshOutcome } from './exchange'

/** How long a finished exchange keeps answering late arrivals that still carry the spent token. */
const GRACE_MS = 10_000

const exchanges = new Map<string, Promise<RefreshOutcome>>()

async function keyOf(refreshToken: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(refreshToken))
  return Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Server renders that carry the same refresh token (a user opening several tabs at once, prefetches) share one
 * exchange instead of burning a rotated token. Keyed by a hash of the token, so only its holders get the outcome,
 * and held only while the exchange runs plus a short grace. Transient failures are not kept.
 */
export async function shareServerRefresh(refreshToken: string, exchange: () => Promise<RefreshOutcome>): Promise<RefreshOutcome> {
  const key = await keyOf(refreshToken)
  const running = exchanges.get(key)
  if (running) return running
  const outcome = exchange()
  exchanges.set(key, outcome)
  outcome.then((result) => {
    if (result.kind === 'transient') return exchanges.delete(key)
    setTimeout(() => exchanges.delete(key), GRACE_MS).unref?.()
  })
  return outcome
}
