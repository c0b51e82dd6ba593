import { tabsName } from './names'

/*
 * A lock across the tabs of the site: one tab at a time runs `fn`. The Web Locks API does it where the browser has
 * it; where it does not, the BroadcastChannel protocol of `channel-lock.ts`, loaded then.
 */

/**
 * Runs `fn` in this tab's turn at the refresh lock of a session (the main one, or the own session of the API
 * `session`); `waited` tells whether another tab had the turn first.
 */
export async function withTabLock<T>(fn: (waited: boolean) => Promise<T>, session?: string): Promise<T> {
  const name = tabsName('refresh', session)
  const locks = globalThis.navigator?.locks
  if (locks) {
    let result: { value: T } | undefined
    await locks.request(name, { ifAvailable: true }, async (lock) => {
      if (lock) result = { value: await fn(false) }
    })
    if (result) return result.value
    await locks.request(name, async () => {
      result = { value: await fn(true) }
    })
    return result!.value
  }
  if (typeof BroadcastChannel === 'undefined') return fn(false)
  const { channelTurn } = await import('./channel-lock')
  return channelTurn(fn, name)
}
