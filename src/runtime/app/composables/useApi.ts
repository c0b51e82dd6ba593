import { namedApi } from '../../core/named-apis'
import type { ApiInstance, ApiName } from '../../types'
import { useNuxtApp } from '#imports'

/**
 * The `$api` axios instance of the current Nuxt app (one per SSR request); with a name, the instance of that API of
 * `axiosJwt.apis`, signed with the same session for its own origin.
 */
export function useApi(name?: ApiName): ApiInstance {
  const nuxtApp = useNuxtApp()
  return name === undefined ? nuxtApp.$api : namedApi(nuxtApp._axiosJwt.apis, name)
}
