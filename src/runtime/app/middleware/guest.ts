import { useRedirects } from '../session/redirects'
import { useAuthSession } from '../session/session'
import { defineNuxtRouteMiddleware, navigateTo } from '#imports'

/** For the login page: a user who is logged in goes home. */
export default defineNuxtRouteMiddleware((to) => {
  const session = useAuthSession()
  session.sync()
  if (session.loggedIn.value) return navigateTo(useRedirects().home(to))
})
