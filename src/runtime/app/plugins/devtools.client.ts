import { DEVTOOLS_HISTORY_KEY, type DevtoolsEntry } from '../../core/devtools'
import { defineNuxtPlugin } from '#imports'

/** Development only: keeps the last refreshes and their outcome where the DevTools tab reads them. */
export default defineNuxtPlugin((nuxtApp) => {
  const record = (entry: Omit<DevtoolsEntry, 'at'>) => {
    try {
      const history: DevtoolsEntry[] = JSON.parse(localStorage.getItem(DEVTOOLS_HISTORY_KEY) || '[]')
      history.push({ at: Date.now(), ...entry })
      localStorage.setItem(DEVTOOLS_HISTORY_KEY, JSON.stringify(history.slice(-20)))
    }
    catch {
      // Storage full or blocked: the tab shows less, the app is unaffected.
    }
  }
  nuxtApp.hook('axios-jwt:refreshed', ({ expiresAt, api }) => record({ api, outcome: 'refreshed', detail: expiresAt ? `new token expires at ${new Date(expiresAt * 1000).toLocaleTimeString()}` : undefined }))
  nuxtApp.hook('axios-jwt:refresh-failed', ({ reason, error, api }) => record({ api, outcome: reason, detail: error.message }))
  nuxtApp.hook('axios-jwt:login', ({ api }) => record({ api, outcome: 'login' }))
  nuxtApp.hook('axios-jwt:logout', ({ api }) => record({ api, outcome: 'logout' }))
})
