import type { RouteLocationNormalized } from 'vue-router'
import { SessionExpiredError } from '../../core/errors'
import { useAxiosJwtConfig } from '../utils/config'
import { withNuxt } from '../utils/context'
import { useRedirects } from './redirects'
import { useAuthSession } from './session'
import { navigateTo, useNuxtApp } from '#imports'

/** Lets the route through when the session holds, refreshing it first if due; else sends it to login. */
export async function guardAuth(to: RouteLocationNormalized) {
  const config = useAxiosJwtConfig()
  const nuxtApp = useNuxtApp()
  const session = useAuthSession(nuxtApp)
  const redirects = useRedirects()
  const toLogin = () => withNuxt(nuxtApp, () => navigateTo(redirects.login(to)))
  // Another tab may have logged out or in since this one last looked at the cookies.
  session.sync()
  if (!session.loggedIn.value) return toLogin()
  try {
    if (session.needsRefresh()) await session.refreshDue()
    if (config.endpoints.user && !session.user.value) await session.fetchUser()
  }
  catch (error) {
    // A transient failure keeps the session: the page loads and its own requests try again.
    if (error instanceof SessionExpiredError || !session.loggedIn.value) return toLogin()
  }
}
