import type { UseAuthReturn } from '../../types'
import { useNuxtApp } from '#imports'

/** The session: `user`, `loggedIn`, `login`, `logout`, `refresh` and `fetchUser`. */
export function useAuth(): UseAuthReturn {
  return useNuxtApp().$axiosJwt
}
