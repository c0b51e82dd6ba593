import type { JwtClientOptions } from '../../src/runtime/core/client'

/** The core client's options as the module's defaults set them, for tests and benchmarks of the core. */
export const defaultClientOptions: Omit<JwtClientOptions, 'store'> = {
  refreshURL: '/auth/refresh',
  accessPath: 'data.accessToken',
  refreshPath: 'data.refreshToken',
  bodyField: 'refreshToken',
  refreshHeader: false,
  headerName: 'Authorization',
  headerType: 'Bearer',
  refreshBeforeExpiry: 30,
  refreshTimeout: 10_000,
  sessionEndStatuses: [401, 403],
}
