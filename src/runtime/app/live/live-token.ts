import { SessionExpiredError } from '../../core/errors'
import type { OwnSessionName, UseAuthReturn } from '../../types'

/** How a live connection (WebSocket, EventSource) carries the access token; a browser cannot set their headers. */
export interface LiveTokenOptions {
  /**
   * The own session of that API of `axiosJwt.apis` instead of the main one.
   */
  api?: OwnSessionName
  /**
   * The query parameter that carries the token.
   * @default 'access_token'
   */
  queryParam?: string
  /**
   * Reconnect with the new token after each refresh of the session, for servers that check the token only when a
   * connection opens and should not hold one past its expiry.
   * @default false
   */
  reconnectOnRefresh?: boolean
  /**
   * Open at once (in the browser); else on `open()`.
   * @default true
   */
  immediate?: boolean
}

/** `url` with the token in `param` (replacing one it may carry). */
export function withToken(url: string, param: string, token: string): string {
  const target = new URL(url, window.location.href)
  target.searchParams.set(param, token)
  return target.href
}

/** After this many refusals in a row with a token just refreshed, a connection stops trying: the server wants another one. */
const MAX_REFUSALS = 2

/** Refreshes that refusals of live connections may ask for, per minute, all connections of the tab together. */
const REFRESHES_PER_MINUTE = 3

/** When refusals of this tab's live connections last asked for a refresh (a minute's worth at most). */
const refusalRefreshes: number[] = []

/** Whether a refusal may refresh now: under `REFRESHES_PER_MINUTE` for the whole tab; taken when it may. */
function takeRefusalRefresh(now = Date.now()): boolean {
  while (refusalRefreshes.length && now - refusalRefreshes[0]! >= 60_000) refusalRefreshes.shift()
  if (refusalRefreshes.length >= REFRESHES_PER_MINUTE) return false
  refusalRefreshes.push(now)
  return true
}

/**
 * The tokens of one live connection: a valid one to open with, and after the server refused one (closed for an
 * expired token), a refreshed one, unless the session refreshed meanwhile or the tab's refreshes for refusals are spent
 * (then the same token, after the pause). `undefined`: there is no session, or the server keeps refusing; stop.
 */
export function liveTokens(auth: Pick<UseAuthReturn, 'getAccessToken' | 'refresh'>) {
  let refusals = 0
  let last: string | undefined
  return {
    async forOpening(): Promise<string | undefined> {
      last = await auth.getAccessToken() ?? undefined
      return last
    },
    async afterRefusal(): Promise<string | undefined> {
      if (++refusals > MAX_REFUSALS) return undefined
      try {
        const current = await auth.getAccessToken() ?? undefined
        last = current !== last || !takeRefusalRefresh() ? current : await auth.refresh()
        return last
      }
      catch (error) {
        if (error instanceof SessionExpiredError) return undefined
        throw error
      }
    },
    /** A connection stayed open long enough to count as accepted: refusals start again from none. */
    held: () => {
      refusals = 0
    },
  }
}
