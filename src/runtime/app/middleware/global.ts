import { guardAuth } from '../session/guard'
import { useRedirects } from '../session/redirects'
import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtRouteMiddleware } from '#imports'

/**
 * Guards a page that asks for roles, scopes or a predicate (`auth: { … }`) whether or not it names `auth`, so a
 * requirement never goes unchecked; with `globalMiddleware`, every page unless it says `auth: false`, is the login
 * page, or names `auth`/`guest` itself.
 */
export default defineNuxtRouteMiddleware((to) => {
  const named = [to.meta.middleware].flat()
  if (named.includes('auth') || named.includes('guest')) return
  if (typeof to.meta.auth === 'object') return guardAuth(to)
  if (!useAxiosJwtConfig().globalMiddleware || to.meta.auth === false || useRedirects().isLogin(to)) return
  return guardAuth(to)
})
