import { createError, getRouterParam, type H3Event } from 'h3'
import { resolveOptions, type ResolvedOptions } from '../../core/options'
import { ownSessionOptions } from '../../core/own-sessions'
import built from '#axios-jwt/options'
import { useRuntimeConfig } from '#imports'

/** The module's options for a server request: the built-in ones with the runtime config's. */
export function useServerOptions(event: H3Event): ResolvedOptions {
  return resolveOptions(built, useRuntimeConfig(event).public)
}

/** The options of the session a module route serves: the main API's, or under `/api/_axios-jwt/<name>/` those of API `name`'s own. */
export function useRouteSessionOptions(event: H3Event): ResolvedOptions {
  const config = useServerOptions(event)
  const name = getRouterParam(event, 'api')
  if (name === undefined) return config
  if (!Object.hasOwn(config.ownSessions, name)) throw createError({ statusCode: 404, statusMessage: `No API with an own session is named "${name}"` })
  return ownSessionOptions(config, name)
}
