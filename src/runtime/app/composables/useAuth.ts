import type { UseAuthReturn } from '../../types'
import { useNuxtApp } from '#imports'

/** The session: `user`, `loggedIn`, `login`, `logout`, `refresh`, `fetchUser` and `getAccessToken`. */
export function useAuth(): UseAuthReturn {
  return useNuxtApp().$axiosJwt
}
