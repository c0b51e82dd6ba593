import type { AxiosJwtOptions } from '../types'

/** The list options: a list the app gives replaces the default (the module's `defaults` would be merged into it). */
export type ListOptions = Required<Pick<AxiosJwtOptions, 'sessionEndStatuses' | 'sessionEndErrors' | 'refreshStatuses'>>

export const listDefaults: ListOptions = {
  sessionEndStatuses: [401, 403],
  sessionEndErrors: ['invalid_grant'],
  refreshStatuses: [401],
}

/** Every option's default, as `nuxt.config` leaves it (the list options apart); `dev` decides `cookie.secure`. */
export function optionDefaults(dev: boolean): AxiosJwtOptions {
  return {
    baseURL: '',
    serverBaseURL: '',
    apis: {},
    liveOrigins: [],
    sharedRefresh: { storage: '' },
    proxy: { path: '', to: '', timeout: 30_000, maxBodySize: 10 * 1024 * 1024, maxResponseSize: 50 * 1024 * 1024, maxDuration: 600_000, navigation: [], forwardHeaders: [] },
    endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', user: '/auth/me' },
    tokens: {
      access: { cookie: 'access_token', path: 'data.accessToken', expiresInPath: '' },
      refresh: { cookie: 'refresh_token', path: 'data.refreshToken', expiresInPath: '', bodyField: 'refreshToken', bodyFormat: 'json', extraFields: {}, maxAge: 60 * 60 * 24 * 30, header: false, httpOnly: false },
    },
    user: { path: 'data' },
    header: { name: 'Authorization', type: 'Bearer' },
    refreshBeforeExpiry: 30,
    refreshInBackground: false,
    refreshTimeout: 10_000,
    cookie: { path: '/', sameSite: 'lax', secure: !dev },
    redirect: { login: '/login', home: '/', logout: '/login', forbidden: false },
    claims: { roles: 'roles', scopes: 'scope' },
    globalMiddleware: false,
    session: { idleTimeout: 0, warnBefore: 0 },
    oidc: {
      issuer: '',
      clientId: '',
      clientSecret: '',
      audience: '',
      authorizationParams: {},
      callbackPath: '/auth/callback',
      logoutRedirect: '/',
      siteURL: '',
      user: 'id_token',
      clockSkew: 60,
      discoveryTtl: 3600,
      endpoints: { authorization: '', token: '', userinfo: '', jwks: '', endSession: '', revocation: '' },
    },
  }
}

/** The list options as the app gave them, each default where it gave none. */
export const withListDefaults = (options: Partial<ListOptions>): ListOptions => ({
  sessionEndStatuses: options.sessionEndStatuses ?? listDefaults.sessionEndStatuses,
  sessionEndErrors: options.sessionEndErrors ?? listDefaults.sessionEndErrors,
  refreshStatuses: options.refreshStatuses ?? listDefaults.refreshStatuses,
})
