import type { RouteLocationNormalized } from 'vue-router'
import { SessionExpiredError } from '../../core/errors'
import { useAxiosJwtConfig } from './config'
import { withNuxt } from './context'
import { navigateTo, useNuxtApp } from '#imports'

/** Lets the route through when the session holds, refreshing it first if due; else sends it to login. */
export async function guardAuth(to: RouteLocationNormalized) {
  const config = useAxiosJwtConfig()
  const nuxtApp = useNuxtApp()
  const auth = nuxtApp.$axiosJwt
  const toLogin = () => withNuxt(nuxtApp, () => navigateTo({ path: config.redirect.login, query: { redirect: to.fullPath } }))
  // Another tab may have logged out or in since this one last looked at the cookies.
  auth.sync()
  if (!auth.loggedIn.value) return toLogin()
  try {
    await auth.guarded(async () => {
      if (auth.needsRefresh()) await auth.refreshDue()
      if (config.endpoints.user && !auth.user.value) await auth.fetchUser()
    })
  }
  catch (error) {
    // A transient failure keeps the session: the page loads and its own requests try again.
    if (error instanceof SessionExpiredError || !auth.loggedIn.value) return toLogin()
  }
}
