import { guardAuth } from '../utils/guard'
import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtRouteMiddleware } from '#imports'

/** Guards every page unless it says `auth: false`, is the login page, or names `auth`/`guest` itself. */
export default defineNuxtRouteMiddleware((to) => {
  const named = [to.meta.middleware].flat()
  if (to.meta.auth === false || to.path === useAxiosJwtConfig().redirect.login) return
  if (named.includes('auth') || named.includes('guest')) return
  return guardAuth(to)
})
