import { guardAuth } from '../session/guard'
import { useRedirects } from '../session/redirects'
import { namesOwnGuard } from '../utils/route-meta'
import { defineNuxtRouteMiddleware } from '#imports'

/** Guards every page unless it says `auth: false`, is the login page, or names `auth`/`guest` itself. */
export default defineNuxtRouteMiddleware((to) => {
  if (to.meta.auth === false || useRedirects().isLogin(to) || namesOwnGuard(to)) return
  return guardAuth(to)
})
