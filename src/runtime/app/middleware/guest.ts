import { useAxiosJwtConfig } from '../utils/config'
import { useAuthSession } from '../utils/session'
import { defineNuxtRouteMiddleware, navigateTo } from '#imports'

/** For the login page: a user who is logged in goes home. */
export default defineNuxtRouteMiddleware(() => {
  const session = useAuthSession()
  session.sync()
  if (session.loggedIn.value) return navigateTo(useAxiosJwtConfig().redirect.home)
})
