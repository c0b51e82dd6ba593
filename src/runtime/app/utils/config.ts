import type { ResolvedAxiosJwtOptions } from '../../types'
import { useRuntimeConfig } from '#imports'

/** The module's options at run time (environment variables included). */
export function useAxiosJwtConfig(): ResolvedAxiosJwtOptions {
  return useRuntimeConfig().public.axiosJwt as unknown as ResolvedAxiosJwtOptions
}
