import { resolveOptions, type ResolvedOptions } from '../../core/options'
import built from '#axios-jwt/options'
import { useRuntimeConfig } from '#imports'

/** The module's options at run time: the built-in ones with the runtime config's (environment variables included). */
export function useAxiosJwtConfig(): ResolvedOptions {
  return resolveOptions(built, useRuntimeConfig().public)
}
