import type { Ref } from 'vue'
import type { RouteLocation, RouteLocationNormalizedLoaded, RouteLocationRaw } from 'vue-router'
import type { RedirectTarget } from '../../types'
import { useAxiosJwtConfig } from '../utils/config'
import { i18nMode } from '#axios-jwt/options'
import { unref, useNuxtApp, useRouter } from '#imports'

/** What `@nuxtjs/i18n` adds to the Nuxt app, when the app uses it. */
interface LocaleRouting {
  $localeRoute?: (route: RouteLocationRaw, locale?: string) => RouteLocation | undefined
  $getRouteBaseName?: (route: RouteLocationNormalizedLoaded) => string | undefined
  $i18n?: { localeCodes: string[] | Ref<string[]> }
}

/** Where the session sends the user: the `redirect.*` options, in the locale of the page when the app uses `@nuxtjs/i18n`. */
export interface Redirects {
  /** The login page, in the locale of `from`, with `?redirect=` back to it. */
  login: (from: RouteLocationNormalizedLoaded) => RouteLocationRaw
  /** The page after login, in the locale of `route` (the current page by default). */
  home: (route?: RouteLocationNormalizedLoaded) => string
  /** The page after logout, in the current locale. */
  logout: () => string
  /** Whether `route` is the login page, in any locale. */
  isLogin: (route: RouteLocationNormalizedLoaded) => boolean
  /** The page for a user whom `route` does not admit, in its locale; `undefined` for Nuxt's 403 error page. */
  forbidden: (route: RouteLocationNormalizedLoaded) => string | undefined
}

/** The locale `route` is in, told from its localized routes; `undefined` (the current locale) when it has none. */
function localeOf(i18n: LocaleRouting, route: RouteLocationNormalizedLoaded): string | undefined {
  const base = i18n.$getRouteBaseName?.(route)
  if (!base || !i18n.$localeRoute || !i18n.$i18n) return undefined
  return unref(i18n.$i18n.localeCodes).find(code => i18n.$localeRoute!({ name: base, params: route.params }, code)?.path === route.path)
}

/** The session's redirects for the current Nuxt app; call it where `useNuxtApp()` works (setup, plugins, middleware). */
export function useRedirects(): Redirects {
  const { redirect } = useAxiosJwtConfig()
  const i18n = useNuxtApp() as LocaleRouting
  const router = useRouter()
  // `i18nMode` is a build-time constant: apps without @nuxtjs/i18n leave the locale code out.
  const resolve = (target: RedirectTarget, route = router.currentRoute.value): RouteLocation =>
    (i18nMode ? i18n.$localeRoute?.(target, localeOf(i18n, route)) : undefined) ?? router.resolve(target)
  return {
    login(from) {
      const { path, query, hash } = resolve(redirect.login, from)
      return { path, query: { ...query, redirect: from.fullPath }, hash }
    },
    home: route => resolve(redirect.home, route).fullPath,
    logout: () => resolve(redirect.logout).fullPath,
    // A path also matches unlocalized (the page i18n is about to redirect to its locale).
    isLogin: route => resolve(redirect.login, route).path === route.path
      || (typeof redirect.login === 'string' && router.resolve(redirect.login).path === route.path),
    forbidden: route => redirect.forbidden === false ? undefined : resolve(redirect.forbidden, route).fullPath,
  }
}
