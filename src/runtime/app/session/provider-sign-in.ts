import type { AxiosInstance } from 'axios'
import type { Ref } from 'vue'
import type { Router } from 'vue-router'
import { joinURL, withQuery } from 'ufo'
import { oidcRoutes } from '../../core/oidc'
import type { ResolvedOptions } from '../../core/options'
import { unsigned } from '../../core/request-options'
import type { AuthUser } from '../../types'
import { withNuxt } from '../utils/context'
import type { SessionNavigation } from './navigation'
import type { NuxtApp } from '#app'
import { navigateTo, useNuxtApp, useRequestEvent, useRuntimeConfig } from '#imports'

/** The address of a module route on this site, under the app's base URL. */
const routeOf = (route: string): string => joinURL(useRuntimeConfig().app.baseURL, route)

/** The module's route that starts a sign-in with the identity provider, to come back to `redirect` (a same-site path). */
const providerSignIn = (redirect: string): string => withQuery(routeOf(oidcRoutes.login), { redirect })

/**
 * Where the main session takes the user with an identity provider: to its sign-in (through the module's route), to
 * come back to the page a login would go to (the current one for `false`), and to its logout page.
 */
export function providerNavigation(nuxtApp: NuxtApp, router: Router, pageAfterLogin: (target: string | undefined) => string): Required<Pick<SessionNavigation, 'toProvider' | 'away'>> {
  const away = async (url: string) => {
    await withNuxt(nuxtApp, () => navigateTo(url, { external: true }))
  }
  return {
    toProvider: target => away(providerSignIn(target === false ? router.currentRoute.value.fullPath : pageAfterLogin(target))),
    away,
  }
}

/**
 * Loads the user of a session signed in with an identity provider into `user`: the module's route in the browser, and
 * on the server the same function in-process, with the request's cookies.
 */
export function providerUserLoader(api: AxiosInstance, config: ResolvedOptions, user: Ref<AuthUser | null>) {
  const nuxtApp = useNuxtApp()
  return async (): Promise<AuthUser | null> => {
    // On the server the function reads the request's context before its first await: run it in this app's.
    const found = import.meta.server
      ? await import('../../server/oidc/user').then(({ oidcUser }) => nuxtApp.runWithContext(() => oidcUser(useRequestEvent(nuxtApp)!, config)))
      : (await api.get(new URL(routeOf(oidcRoutes.user), window.location.origin).href, unsigned)).data
    user.value = found && typeof found === 'object' ? found as AuthUser : null
    return user.value
  }
}
