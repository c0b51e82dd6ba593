import { httpOnlyPaths } from '../../core/http-only'
import type { ClientOptions, ResolvedOptions } from '../../core/options'

/**
 * The client's options in the browser in httpOnly mode: it refreshes at the module's route, which answers the
 * access token and the session value. The route applies the app's `session.endStatuses` and `session.endErrors` to the
 * API's answer and speaks its own protocol to the browser (401: the session is over); `refresh.statuses` is the app's.
 */
export function httpOnlyClientOptions(config: ResolvedOptions, refreshRoute: string): ClientOptions {
  return {
    ...config,
    endpoints: { refresh: refreshRoute },
    tokens: {
      access: { ...config.tokens.access, ...httpOnlyPaths.access },
      refresh: { ...config.tokens.refresh, ...httpOnlyPaths.refresh },
    },
    session: { endStatuses: [401], endErrors: [] },
  }
}
