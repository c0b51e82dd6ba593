import type { ApiOptions, AxiosJwtOptions } from '../types'
import { withListDefaults, type ListOptions } from './defaults'
import { AxiosJwtError } from './errors'
import type { ResolvedOptions } from './options'

/** The options of an API of `apis` with a session of its own, complete: its own over the main API's. */
export type OwnSession = Pick<AxiosJwtOptions, 'endpoints' | 'tokens' | 'header' | 'user' | 'claims' | 'refreshBeforeExpiry' | 'refreshTimeout'>
  & ListOptions & { cookie: Partial<AxiosJwtOptions['cookie']> }

/** Whether an API of `apis` has a session of its own: it names endpoints of its own. */
export const hasOwnSession = (api: Partial<ApiOptions>): boolean => api.endpoints !== undefined

/**
 * The session of the API `name` as the app is built with it: what the API sets, the main API's options for the rest.
 * Its cookies are named after it unless it names them, and follow the main API's cookie mode (httpOnly or not).
 */
export function ownSession(name: string, api: Partial<ApiOptions>, main: AxiosJwtOptions): OwnSession {
  const tokens = api.tokens ?? {} as Partial<AxiosJwtOptions['tokens']>
  return {
    endpoints: { ...main.endpoints, ...api.endpoints },
    tokens: {
      access: { ...main.tokens.access, cookie: `${name}_access_token`, ...tokens.access },
      refresh: { ...main.tokens.refresh, cookie: `${name}_refresh_token`, ...tokens.refresh, httpOnly: main.tokens.refresh.httpOnly },
    },
    header: { ...main.header, ...api.header },
    user: { ...main.user, ...api.user },
    claims: { ...main.claims, ...api.claims },
    refreshBeforeExpiry: api.refreshBeforeExpiry ?? main.refreshBeforeExpiry,
    refreshTimeout: api.refreshTimeout ?? main.refreshTimeout,
    ...withListDefaults({
      sessionEndStatuses: api.sessionEndStatuses ?? main.sessionEndStatuses,
      sessionEndErrors: api.sessionEndErrors ?? main.sessionEndErrors,
      refreshStatuses: api.refreshStatuses ?? main.refreshStatuses,
    }),
    cookie: { ...api.cookie },
  }
}

/** The options of the own session `name` at run time: its own over the main API's, on its `baseURL`, with no APIs of its own and no idle timeout. */
export function ownSessionOptions(config: ResolvedOptions, name: string): ResolvedOptions {
  const own = config.sessions[name]
  if (!own) throw new AxiosJwtError(`There is no API with a session of its own named "${name}" in \`axiosJwt.apis\`.`)
  // The idle timeout and its warning are the main session's.
  return { ...config, ...own, baseURL: config.apis[name]!.baseURL, cookie: { ...config.cookie, ...own.cookie }, session: { idleTimeout: 0, warnBefore: 0 }, apis: {}, sessions: {}, ownSession: name }
}
