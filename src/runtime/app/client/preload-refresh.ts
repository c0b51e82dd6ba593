import { preloadExchange } from '../../core/client/lazy-exchange'
import { preloadTabTurn } from '../tabs/tab-refresh'
import type { NuxtApp } from '#app'
import { onNuxtReady } from '#imports'

/**
 * Loads the refresh code ahead of the first refresh, while the network is there: once the page is idle if it has a
 * session, and after a login. A page without a session never loads it.
 */
export function preloadRefreshCode(nuxtApp: Pick<NuxtApp, 'hook'>, loggedIn: () => boolean): void {
  const preload = () => {
    preloadExchange()
    preloadTabTurn()
  }
  onNuxtReady(() => {
    if (loggedIn()) preload()
  })
  nuxtApp.hook('axios-jwt:login', preload)
}
