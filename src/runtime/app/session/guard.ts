import type { RouteLocationNormalized } from 'vue-router'
import { meets } from '../../core/tokens/claims'
import { SessionExpiredError } from '../../core/errors'
import { useAxiosJwtConfig } from '../utils/config'
import { withNuxt } from '../utils/context'
import { useRedirects } from './redirects'
import { useAuthSession } from './session'
import { abortNavigation, createError, navigateTo, useNuxtApp } from '#imports'

/**
 * Lets the route through when the session holds, refreshing it first if due, and meets the page's `auth`
 * requirement; sends a user without a session to login, and one the page does not admit to `redirect.forbidden` (by
 * default Nuxt's error page with a 403).
 */
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
  const requirement = typeof to.meta.auth === 'object' ? to.meta.auth : undefined
  if (requirement && !meets(requirement, session.granted.value, session.user.value)) {
    const page = redirects.forbidden(to)
    // `fatal`: on client navigation Nuxt shows its error page only for a fatal error.
    return withNuxt(nuxtApp, () => page ? navigateTo(page) : abortNavigation(createError({ statusCode: 403, statusMessage: 'Forbidden', fatal: true })))
  }
}
