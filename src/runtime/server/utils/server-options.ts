import type { H3Event } from 'h3'
import { resolveOptions, type ResolvedOptions } from '../../core/options'
import built from '#axios-jwt/options'
import { useRuntimeConfig } from '#imports'

/** The module's options for a server request: the built-in ones with the runtime config's. */
export function useServerOptions(event: H3Event): ResolvedOptions {
  return resolveOptions(built, useRuntimeConfig(event).public)
}
