import { withDeployOptions } from '../../core/options'
import type { DeployOptions, ResolvedAxiosJwtOptions } from '../../types'
import built from '#axios-jwt/options'
import { useRuntimeConfig } from '#imports'

/** The module's options at run time: the built-in ones with the runtime config's (environment variables included). */
export function useAxiosJwtConfig(): ResolvedAxiosJwtOptions {
  return withDeployOptions(built, useRuntimeConfig().public.axiosJwt as unknown as DeployOptions)
}
