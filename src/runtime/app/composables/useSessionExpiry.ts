import { AxiosJwtError } from '../../core/errors'
import type { SessionExpiry } from '../../types'
import { computed, ref, useNuxtApp } from '#imports'

/** On the server nothing ticks: the figures come after hydration. */
const notYet = (): SessionExpiry => ({
  idleSecondsLeft: ref(null),
  refreshSecondsLeft: ref(null),
  secondsLeft: computed(() => null),
  expiring: computed(() => false),
  extend: async () => {},
})

/**
 * When the main session ends: seconds left before the idle deadline (`session.idleTimeout`) and before the refresh
 * token's expiry, whether that is within `session.warnBefore`, and `extend()` for a "stay signed in?" dialog. Ticks in
 * the browser once the page has hydrated; `null`s during SSR.
 */
export function useSessionExpiry(): SessionExpiry {
  const expiry = (useNuxtApp() as { $axiosJwtExpiry?: SessionExpiry }).$axiosJwtExpiry
  if (expiry) return expiry
  if (import.meta.server) return notYet()
  throw new AxiosJwtError('useSessionExpiry() needs `axiosJwt.session.warnBefore` or `axiosJwt.session.idleTimeout` in nuxt.config.')
}
