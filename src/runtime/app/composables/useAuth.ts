import { named } from '../../core/named-apis'
import type { OwnSessionName, UseAuthReturn } from '../../types'
import { useNuxtApp } from '#imports'

/**
 * The session: `user`, `loggedIn`, `login`, `logout`, `refresh`, `fetchUser` and `getAccessToken`. With a name, the
 * own session of that API of `axiosJwt.apis` (one that names its `endpoints`).
 */
export function useAuth(name?: OwnSessionName): UseAuthReturn {
  const nuxtApp = useNuxtApp()
  return name === undefined ? nuxtApp._axiosJwt.auth : named(nuxtApp._axiosJwt.ownSessions, name, 'API with an own session')
}
