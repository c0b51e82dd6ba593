import { defu } from 'defu'
import type { ClientOptions } from '../../src/runtime/core/options'
import type { DeepPartial } from '../../src/runtime/types'

/** The core client's options as the module's defaults set them, for tests and benchmarks of the core. */
export const defaultClientOptions: ClientOptions = {
  endpoints: { refresh: '/auth/refresh' },
  tokens: {
    access: { cookie: 'access_token', path: 'data.accessToken', expiresInPath: '' },
    refresh: { cookie: 'refresh_token', path: 'data.refreshToken', bodyField: 'refreshToken', bodyFormat: 'json', extraFields: {}, maxAge: 60 * 60 * 24 * 30, header: false, httpOnly: false },
  },
  header: { name: 'Authorization', type: 'Bearer' },
  refreshBeforeExpiry: 30,
  refreshTimeout: 10_000,
  sessionEndStatuses: [401, 403],
  sessionEndErrors: ['invalid_grant'],
}

/** The defaults with `overrides` on top; lists in `overrides` replace the defaults' own. */
export function clientOptions(overrides: DeepPartial<ClientOptions> = {}): ClientOptions {
  const lists = { sessionEndStatuses: overrides.sessionEndStatuses, sessionEndErrors: overrides.sessionEndErrors }
  const merged = defu(overrides, defaultClientOptions) as ClientOptions
  return { ...merged, sessionEndStatuses: lists.sessionEndStatuses ?? defaultClientOptions.sessionEndStatuses, sessionEndErrors: lists.sessionEndErrors ?? defaultClientOptions.sessionEndErrors }
}
