import type { ApiInstance } from '../../types'
import { useNuxtApp } from '#imports'

/** The `$api` axios instance of the current Nuxt app (one per SSR request). */
export function useApi(): ApiInstance {
  return useNuxtApp().$api
}
