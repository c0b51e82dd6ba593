import type { ApiOptions, AxiosJwtOptions } from '../runtime/types'
import type { OwnSession } from '../runtime/core/options'
import { withListDefaults } from './defaults'

/** Whether an API of `apis` has an own session: it names endpoints of its own. */
export const hasOwnSession = (api: Partial<ApiOptions>): boolean => api.endpoints !== undefined

/**
 * The session of the API `name` as the app is built with it: what the API sets, the main API's options for the rest.
 * Its cookies are named after it unless it names them; where it keeps its refresh token is the app's `mode`.
 */
export function ownSession(name: string, api: Partial<ApiOptions>, main: AxiosJwtOptions): OwnSession {
  const tokens = api.tokens ?? {} as Partial<AxiosJwtOptions['tokens']>
  return {
    endpoints: { ...main.endpoints, ...api.endpoints },
    tokens: {
      access: { ...main.tokens.access, cookie: `${name}_access_token`, ...tokens.access },
      refresh: { ...main.tokens.refresh, cookie: `${name}_refresh_token`, ...tokens.refresh },
    },
    header: { ...main.header, ...api.header },
    user: { ...main.user, ...api.user },
    claims: { ...main.claims, ...api.claims },
    ...ownRefreshAndEnd(api, main),
    cookie: { ...api.cookie },
  }
}

/** When an own session refreshes and ends: what the API sets, else the main API's. */
function ownRefreshAndEnd(api: Partial<ApiOptions>, main: AxiosJwtOptions): Pick<OwnSession, 'refresh' | 'session'> {
  const lists = withListDefaults({
    refresh: { statuses: api.refresh?.statuses ?? main.refresh.statuses },
    session: { endStatuses: api.session?.endStatuses ?? main.session.endStatuses, endErrors: api.session?.endErrors ?? main.session.endErrors },
  })
  return {
    refresh: { beforeExpiry: api.refresh?.beforeExpiry ?? main.refresh.beforeExpiry, timeout: api.refresh?.timeout ?? main.refresh.timeout, ...lists.refresh },
    session: lists.session,
  }
}
