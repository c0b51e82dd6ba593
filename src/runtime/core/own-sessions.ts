import { AxiosJwtError } from './errors'
import type { ResolvedOptions } from './options'

/** The options of the own session `name` at run time: its own over the main API's, on its `baseURL`, with no APIs of its own and no idle timeout. */
export function ownSessionOptions(config: ResolvedOptions, name: string): ResolvedOptions {
  const own = config.ownSessions[name]
  if (!own) throw new AxiosJwtError(`There is no API with an own session named "${name}" in \`axiosJwt.apis\`.`)
  // The idle timeout and its warning are the main session's.
  return {
    ...config,
    ...own,
    baseURL: config.apis[name]!.baseURL,
    cookie: { ...config.cookie, ...own.cookie },
    refresh: { ...config.refresh, ...own.refresh },
    session: { ...own.session, idleTimeout: 0, warnBefore: 0 },
    apis: {},
    ownSessions: {},
    ownSession: name,
  }
}
