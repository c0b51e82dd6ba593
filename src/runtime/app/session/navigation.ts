import type { RouteLocationRaw, Router } from 'vue-router'
import { safeRedirect } from '../../core/url'
import { withNuxt } from '../utils/context'
import { providerNavigation, type ProviderNavigation } from '../oidc/provider-sign-in'
import { useRedirects } from './redirects'
import { oidcMode } from '#axios-jwt/options'
import type { NuxtApp } from '#app'
import { navigateTo } from '#imports'

/** Where a session takes the user: to login when it ends, and after a login or logout. */
export interface SessionNavigation extends Partial<ProviderNavigation> {
  toLogin: () => Promise<void>
  afterLogin: (target: string | false | undefined) => Promise<void>
  afterLogout: (target: string | false | undefined) => Promise<void>
}

/**
 * The own session of an API of `axiosJwt.apis` leaves the page alone: its end is the app's to show (hooks, `loggedIn`),
 * and a login or logout goes where the call says only (a same-site path).
 */
export function ownSessionNavigation(nuxtApp: NuxtApp): SessionNavigation {
  const goTo = async (target: string | false | undefined) => {
    if (typeof target === 'string') await withNuxt(nuxtApp, () => navigateTo(safeRedirect(target, '/')))
  }
  return { toLogin: async () => {}, afterLogin: goTo, afterLogout: goTo }
}

/** Where the main session takes the user: to login, and after a login or logout; the rules of each target in `redirects.ts`. */
export function sessionNavigation(nuxtApp: NuxtApp, router: Router): SessionNavigation {
  const redirects = useRedirects()
  const go = (target: RouteLocationRaw) => withNuxt(nuxtApp, () => navigateTo(target))
  /** `target`, else the `redirect` query parameter, when same-site; else home. */
  const pageAfterLogin = (target: string | undefined) => safeRedirect(target ?? router.currentRoute.value.query.redirect, redirects.home())
  const navigation: SessionNavigation = {
    // Inside a route guard `navigateTo` only names a target: the guard redirects itself, with the page it guards.
    async toLogin() {
      const route = router.currentRoute.value
      if (!redirects.isLogin(route)) await go(redirects.login(route))
    },
    async afterLogin(target: string | false | undefined) {
      if (target !== false) await go(pageAfterLogin(target))
    },
    async afterLogout(target: string | false | undefined) {
      if (target === false) return
      const logoutPage = redirects.logout()
      await go(safeRedirect(target ?? logoutPage, logoutPage))
    },
  }
  // The build-time constant: apps that do not sign in with a provider leave that part out.
  return oidcMode ? { ...navigation, ...providerNavigation(nuxtApp, router, pageAfterLogin) } : navigation
}
