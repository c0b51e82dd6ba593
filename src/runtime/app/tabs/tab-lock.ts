/**
 * A lock across the tabs of the site: one tab at a time runs `fn`. The Web Locks API does it where the browser has
 * it; where it does not, the BroadcastChannel protocol of `channel-lock.ts`, loaded then.
 */
const LOCK_NAME = 'nuxt-axios-jwt:refresh'

/** Runs `fn` in this tab's turn; `waited` tells whether another tab had the turn first. */
export async function withTabLock<T>(fn: (waited: boolean) => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks
  if (locks) {
    let result: { value: T } | undefined
    await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (lock) result = { value: await fn(false) }
    })
    if (result) return result.value
    await locks.request(LOCK_NAME, async () => {
      result = { value: await fn(true) }
    })
    return result!.value
  }
  if (typeof BroadcastChannel === 'undefined') return fn(false)
  const { channelTurn } = await import('./channel-lock')
  return channelTurn(fn)
}
