import type { AxiosInstance } from 'axios'
import type { Ref } from 'vue'
import type { Router } from 'vue-router'
import type { H3Event } from 'h3'
import { joinURL, withQuery } from 'ufo'
import { AxiosJwtError } from '../../core/errors'
import { oidcRoutes } from '../../core/oidc'
import type { ResolvedOptions } from '../../core/options'
import { renderSupport } from '../../core/server-only/render-support'
import { unsigned } from '../../core/client/request-options'
import type { AuthUser } from '../../types'
import { withNuxt } from '../utils/context'
import type { NuxtApp } from '#app'
import { navigateTo, useNuxtApp, useRequestEvent, useRuntimeConfig } from '#imports'

/** The address of a module route on this site, under the app's base URL. */
const routeOf = (route: string): string => joinURL(useRuntimeConfig().app.baseURL, route)

/** The module's route that starts a sign-in with the identity provider, to come back to `redirect` (a same-site path). */
const providerSignIn = (redirect: string): string => withQuery(routeOf(oidcRoutes.login), { redirect })

/** Where a session signed in with an identity provider takes the user beside the app's own pages. */
export interface ProviderNavigation {
  /** To the identity provider's sign-in, to come back to `target` as after a login. */
  toProvider: (target: string | false | undefined) => Promise<void>
  /** To an address off the app (the identity provider's logout page). */
  away: (url: string) => Promise<void>
}

/**
 * Where the main session takes the user with an identity provider: to its sign-in (through the module's route), to
 * come back to the page a login would go to (the current one for `false`), and to its logout page.
 */
export function providerNavigation(nuxtApp: NuxtApp, router: Router, pageAfterLogin: (target: string | undefined) => string): ProviderNavigation {
  const away = async (url: string) => {
    await withNuxt(nuxtApp, () => navigateTo(url, { external: true }))
  }
  return {
    toProvider: target => away(providerSignIn(target === false ? router.currentRoute.value.fullPath : pageAfterLogin(target))),
    away,
  }
}

/** The provider's user, read by the server's own function with the request's cookies. */
function providerUserOnServer(event: H3Event, config: ResolvedOptions) {
  const user = renderSupport(event).providerUser
  if (!user) throw new AxiosJwtError('The server was built without sign-in with an identity provider.')
  return user(event, config)
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
      ? await nuxtApp.runWithContext(() => providerUserOnServer(useRequestEvent(nuxtApp)!, config))
      : (await api.get(new URL(routeOf(oidcRoutes.user), window.location.origin).href, unsigned)).data
    user.value = found && typeof found === 'object' ? found as AuthUser : null
    return user.value
  }
}
