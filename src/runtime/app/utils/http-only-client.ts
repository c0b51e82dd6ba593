import { httpOnlyPaths } from '../../core/http-only'
import type { ClientOptions, ResolvedOptions } from '../../core/options'

/**
 * The client's options in the browser in httpOnly mode: it refreshes at the module's route, which answers the
 * access token and the session value, and classifies the API's answer itself (401: the session is over).
 */
export function httpOnlyClientOptions(config: ResolvedOptions, refreshRoute: string): ClientOptions {
  return {
    ...config,
    endpoints: { refresh: refreshRoute },
    tokens: {
      access: { ...config.tokens.access, ...httpOnlyPaths.access },
      refresh: { ...config.tokens.refresh, ...httpOnlyPaths.refresh },
    },
    sessionEndStatuses: [401],
    sessionEndErrors: [],
  }
}
