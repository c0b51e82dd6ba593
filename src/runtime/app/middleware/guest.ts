import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtRouteMiddleware, navigateTo, useNuxtApp } from '#imports'

/** For the login page: a user who is logged in goes home. */
export default defineNuxtRouteMiddleware(() => {
  if (useNuxtApp().$axiosJwt.loggedIn.value) return navigateTo(useAxiosJwtConfig().redirect.home)
})
