import type { ClientHooks, SessionTag } from '../core/client/hooks'
import type { AuthRequirement } from '../core/tokens/claims'
import type { ApiInstance, AuthUser, UseAuthReturn } from '../types'

/** Runtime hooks the module calls; listen with `nuxtApp.hook(name, handler)`. */
export interface AxiosJwtHooks extends ClientHooks {
  /** `login()` stored a new session. */
  'axios-jwt:login': (info: { user: AuthUser | null } & SessionTag) => void | Promise<void>
  /** `logout()` cleared the session. */
  'axios-jwt:logout': (info: SessionTag) => void | Promise<void>
  /**
   * The main session ends in `secondsLeft` (`session.warnBefore` or less): for want of activity (`idle`), or when the
   * refresh token expires (`refresh-token`). Called once per deadline; `useSessionExpiry().extend()` moves it.
   */
  'axios-jwt:session-expiring': (info: { secondsLeft: number, reason: 'idle' | 'refresh-token' }) => void | Promise<void>
}

/** What `definePageMeta` and the route's `meta` take from the module. */
interface AuthPageMeta {
  /**
   * `false` lets everyone see the page when `axiosJwt.globalMiddleware` is on. `{ roles, scopes, allow }` lets in
   * only a signed-in user who has one of the roles, every scope, and passes `allow`; others signed in get a 403
   * (`redirect.forbidden`), and those not signed in the login page. Checked on every navigation to the page, whether
   * or not it names the `auth` middleware.
   */
  auth?: boolean | AuthRequirement
}

/** What the `$api` plugin made for one app instance, behind `useApi(name)` and `useAuth(name?)`. */
export interface AxiosJwtAppParts {
  auth: UseAuthReturn
  apis: Record<string, ApiInstance>
  ownSessions: Record<string, UseAuthReturn>
}

declare module '#app' {
  interface NuxtApp {
    /** The module's parts of this app instance, internal: use `useApi(name)` and `useAuth(name?)`. */
    _axiosJwt: AxiosJwtAppParts
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the hooks into Nuxt's own
  interface RuntimeNuxtHooks extends AxiosJwtHooks {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges `auth` into Nuxt's page meta
  interface PageMeta extends AuthPageMeta {}
}

declare module 'vue-router' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges `auth` into the route's meta
  interface RouteMeta extends AuthPageMeta {}
}
