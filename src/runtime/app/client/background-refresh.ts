import { isOffline } from '../../core/errors'
import type { JwtClient } from '../../core/client/client'

/** After a failed background refresh, the next try waits this long (the session is kept: requests still refresh). */
const RETRY_MS = 10_000

/**
 * Refreshes the pair shortly before the access token is due, while the tab is visible, so that requests never
 * wait for a refresh. A hidden tab refreshes when it is shown again, if the token is due by then.
 */
export function refreshInBackground(client: Pick<JwtClient, 'needsRefresh' | 'refreshDueIn' | 'refreshDue'>): { plan: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  const plan = (delay = client.refreshDueIn()) => {
    clearTimeout(timer)
    // Timers cannot wait longer than about 24.8 days.
    if (delay !== undefined) timer = setTimeout(run, Math.min(delay, 2 ** 31 - 1))
  }
  const run = () => {
    // A hidden tab refreshes when shown again, an offline one when back online (`refreshWhenBack`).
    if (document.visibilityState !== 'visible' || isOffline()) return
    // Another tab may have refreshed meanwhile: the cookies tell.
    if (!client.needsRefresh()) return plan()
    client.refreshDue().then(() => plan(), () => plan(RETRY_MS))
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') plan()
  })
  plan()
  return { plan: () => plan() }
}
