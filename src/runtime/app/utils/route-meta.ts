import type { RouteLocationNormalized } from 'vue-router'

/** Whether the page names the module's `auth` or `guest` middleware itself, which then guards it. */
export function namesOwnGuard(to: RouteLocationNormalized): boolean {
  const named = [to.meta.middleware].flat()
  return named.includes('auth') || named.includes('guest')
}
