import type { JwtClient } from '../../core/client/client'
import { isOffline } from '../../core/errors'

/**
 * After the browser was offline, a refresh that fell due meanwhile runs once when it is back online (or, if the tab
 * is hidden then, when it is shown): the next request finds a fresh pair. Failures stay transient.
 */
export function refreshWhenBack(client: Pick<JwtClient, 'needsRefresh' | 'refreshDue'>): void {
  let wasOffline = isOffline()
  window.addEventListener('offline', () => {
    wasOffline = true
  })
  const back = () => {
    if (!wasOffline || isOffline() || document.visibilityState !== 'visible') return
    wasOffline = false
    if (client.needsRefresh()) client.refreshDue().catch(() => undefined)
  }
  window.addEventListener('online', back)
  document.addEventListener('visibilitychange', back)
}
