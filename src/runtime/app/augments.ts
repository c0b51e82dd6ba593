import type { AxiosRequestConfig } from 'axios'
import type { AuthUser } from '../types'

/** Runtime hooks the module calls; listen with `nuxtApp.hook(name, handler)`. */
export interface AxiosJwtHooks {
  /** The pair was refreshed. `expiresAt` is the new access token's `exp` (seconds), when it is a JWT. */
  'axios-jwt:refreshed': (info: { expiresAt?: number }) => void | Promise<void>
  /** A refresh failed: `transient` keeps the session, `session-over` ended it. */
  'axios-jwt:refresh-failed': (info: { reason: 'transient' | 'session-over', error: Error }) => void | Promise<void>
  /** Change the refresh request (headers, body, URL) before it is sent. */
  'axios-jwt:refresh-request': (request: AxiosRequestConfig) => void | Promise<void>
  /** `login()` stored a new session. */
  'axios-jwt:login': (info: { user: AuthUser | null }) => void | Promise<void>
  /** `logout()` cleared the session. */
  'axios-jwt:logout': () => void | Promise<void>
}

declare module '#app' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the hooks into Nuxt's own
  interface RuntimeNuxtHooks extends AxiosJwtHooks {}
}

declare module 'vue-router' {
  interface RouteMeta {
    /** `false` lets everyone see the page when `axiosJwt.globalMiddleware` is on. */
    auth?: boolean
  }
}
