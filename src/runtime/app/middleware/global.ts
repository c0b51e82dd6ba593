import { guardAuth } from '../session/guard'
import { useRedirects } from '../session/redirects'
import { defineNuxtRouteMiddleware } from '#imports'

/** Guards every page unless it says `auth: false`, is the login page, or names `auth`/`guest` itself. */
export default defineNuxtRouteMiddleware((to) => {
  const named = [to.meta.middleware].flat()
  if (to.meta.auth === false || useRedirects().isLogin(to)) return
  if (named.includes('auth') || named.includes('guest')) return
  return guardAuth(to)
})
