import { namesOwnGuard } from '../utils/route-meta'
import { defineNuxtRouteMiddleware } from '#imports'

/**
 * Without `globalMiddleware`: guards a page that asks for roles, scopes or a predicate (`auth: { … }`) whether or not
 * it names `auth`, so a requirement never goes unchecked. The guard loads with the first such page.
 */
export default defineNuxtRouteMiddleware(async (to) => {
  if (typeof to.meta.auth !== 'object' || namesOwnGuard(to)) return
  const { guardAuth } = await import('../session/guard')
  return guardAuth(to)
})
