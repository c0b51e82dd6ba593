import type { AxiosInstance } from 'axios'
import type { Ref } from 'vue'
import { joinURL, withQuery } from 'ufo'
import { oidcRoutes } from '../../core/oidc'
import type { ResolvedOptions } from '../../core/options'
import { unsigned } from '../../core/request-options'
import type { AuthUser } from '../../types'
import { useNuxtApp, useRequestEvent, useRuntimeConfig } from '#imports'

/** The address of a module route on this site, under the app's base URL. */
const routeOf = (route: string): string => joinURL(useRuntimeConfig().app.baseURL, route)

/** The module's route that starts a sign-in with the identity provider, to come back to `redirect` (a same-site path). */
export const providerSignIn = (redirect: string): string => withQuery(routeOf(oidcRoutes.login), { redirect })

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
