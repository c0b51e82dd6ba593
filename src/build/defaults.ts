import type { AxiosJwtOptions } from '../runtime/types'

/** The list options, which a list the app gives replaces (the module's `defaults` would be merged into it). */
export interface ListOptions {
  refresh: { statuses: number[] }
  session: { endStatuses: number[], endErrors: string[] }
}

export const listDefaults: ListOptions = {
  refresh: { statuses: [401] },
  session: { endStatuses: [401, 403], endErrors: ['invalid_grant'] },
}

/** Every option's default, as `nuxt.config` leaves it (the list options apart); `dev` decides `cookie.secure`. */
export function optionDefaults(dev: boolean): AxiosJwtOptions {
  return {
    mode: 'readable',
    baseURL: '',
    apis: {},
    liveOrigins: [],
    endpoints: { login: '/auth/login', refresh: '/auth/refresh', logout: '/auth/logout', user: '/auth/me' },
    tokens: {
      access: { cookie: 'access_token', path: 'data.accessToken', expiresInPath: '' },
      refresh: { cookie: 'refresh_token', path: 'data.refreshToken', expiresInPath: '', bodyField: 'refreshToken', bodyFormat: 'json', extraFields: {}, maxAge: 60 * 60 * 24 * 30, header: false },
    },
    user: { path: 'data' },
    header: { name: 'Authorization', type: 'Bearer' },
    refresh: { beforeExpiry: 30, inBackground: false, timeout: 10_000 },
    session: { idleTimeout: 0, warnBefore: 0 },
    cookie: { path: '/', sameSite: 'lax', secure: !dev },
    redirect: { login: '/login', home: '/', logout: '/login', forbidden: false },
    claims: { roles: 'roles', scopes: 'scope' },
    globalMiddleware: false,
    proxy: { path: '/api', timeout: 30_000, maxBodySize: 10 * 1024 * 1024, maxResponseSize: 50 * 1024 * 1024, maxDuration: 600_000, navigation: [], forwardHeaders: [] },
    server: { baseURL: '', sharedRefresh: '' },
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

/** The list options as given (`{ refresh: { statuses } }`, `{ session: { endStatuses, endErrors } }`), each default where none is. */
export const withListDefaults = (options: { refresh?: { statuses?: number[] }, session?: { endStatuses?: number[], endErrors?: string[] } }): ListOptions => ({
  refresh: { statuses: options.refresh?.statuses ?? listDefaults.refresh.statuses },
  session: {
    endStatuses: options.session?.endStatuses ?? listDefaults.session.endStatuses,
    endErrors: options.session?.endErrors ?? listDefaults.session.endErrors,
  },
})
