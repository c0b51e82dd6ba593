import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtRouteMiddleware, navigateTo, useNuxtApp } from '#imports'

/** For the login page: a user who is logged in goes home. */
export default defineNuxtRouteMiddleware(() => {
  const auth = useNuxtApp().$axiosJwt
  auth.sync()
  if (auth.loggedIn.value) return navigateTo(useAxiosJwtConfig().redirect.home)
})
