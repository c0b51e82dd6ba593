import type { ClientHooks } from '../core/hooks'
import type { AuthUser } from '../types'

/** Runtime hooks the module calls; listen with `nuxtApp.hook(name, handler)`. */
export interface AxiosJwtHooks extends ClientHooks {
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
