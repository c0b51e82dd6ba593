import type { AxiosInstance } from 'axios'
import type { JwtClient, TokenStore } from '../../core/client'
import { AxiosJwtError, SessionExpiredError } from '../../core/errors'
import { CSRF_HEADER, httpOnlyPaths } from '../../core/http-only'
import { getByPath } from '../../core/paths'
import { readTokenResponse } from '../../core/tokens'
import { safeRedirect } from '../../core/url'
import type { AuthUser, ResolvedAxiosJwtOptions, UseAuthReturn } from '../../types'
import type { RouteLocationRaw } from 'vue-router'
import { withNuxt } from './context'
import { tabSession } from './tab-session'
import { computed, navigateTo, useNuxtApp, useRouter, useState } from '#imports'

/** The session of one Nuxt app instance, as `useAuth()` hands it out, plus what the route guards need. */
export interface AuthSession extends UseAuthReturn {
  /** Whether a refresh is due before the next request (no access token, or one about to expire). */
  needsRefresh: () => boolean
  /** Milliseconds until a refresh is due; `undefined` when unknown. */
  refreshDueIn: () => number | undefined
  /** Refreshes because the stored access token is due, unless another tab stores a good one first. */
  refreshDue: () => Promise<string>
  /** Runs `fn` without the login redirect that ending the session would make; the caller redirects itself. */
  guarded: <T>(fn: () => Promise<T>) => Promise<T>
  /** Called by the client when the session is over. */
  ended: () => Promise<void>
  /** Mirrors a change of the stored tokens into the reactive state. */
  sync: () => void
}

/** `routes`: the module's server routes, in httpOnly mode. */
export function createAuth(api: AxiosInstance, client: () => JwtClient, store: TokenStore, config: ResolvedAxiosJwtOptions, routes?: Record<'login' | 'logout', string>): AuthSession {
  const nuxtApp = useNuxtApp()
  const router = useRouter()
  const user = useState<AuthUser | null>('axios-jwt:user', () => null)
  const hasTokens = () => {
    // One read: in the browser each one parses document.cookie.
    const { accessToken, refreshToken } = store.get()
    return Boolean(accessToken || refreshToken)
  }
  const present = useState<boolean>('axios-jwt:logged-in', hasTokens)
  let guards = 0

  const go = (target: RouteLocationRaw) => withNuxt(nuxtApp, () => navigateTo(target))
  const sync = () => {
    present.value = hasTokens()
    if (!present.value) user.value = null
  }
  const toLogin = async () => {
    const route = router.currentRoute.value
    if (guards > 0 || route.path === config.redirect.login) return
    await go({ path: config.redirect.login, query: { redirect: route.fullPath } })
  }

  // Another tab logged out: this tab's next request to the API goes to login instead.
  let lostElsewhere = false
  const tabs = import.meta.client
    ? tabSession((news) => {
        const had = present.value
        sync()
        lostElsewhere = news === 'logout' && had && !present.value
        if (news === 'login' && present.value) fetchUser().catch(() => null)
      })
    : undefined
  if (tabs) {
    api.interceptors.request.use((config) => {
      if (!lostElsewhere || (config as { auth?: unknown }).auth === false || !client().isApiRequest(config)) return config
      lostElsewhere = false
      void toLogin()
      throw new SessionExpiredError('the session ended in another tab')
    })
  }

  async function fetchUser(): Promise<AuthUser | null> {
    if (!config.endpoints.user) return null
    const { data } = await api.get(config.endpoints.user)
    const found = getByPath(data, config.user.path)
    user.value = found && typeof found === 'object' ? found as AuthUser : null
    return user.value
  }

  return {
    user,
    loggedIn: computed(() => present.value),
    fetchUser,
    refresh: () => client().refresh(),
    needsRefresh: () => client().needsRefresh(),
    refreshDueIn: () => client().refreshDueIn(),
    refreshDue: () => client().refresh(store.get().accessToken ?? null),
    sync,

    async login(credentials, options = {}) {
      const { data } = routes
        ? await api.post(routes.login, credentials, { auth: false, headers: { [CSRF_HEADER]: '1' } } as object)
        : await api.post(config.endpoints.login, credentials, { auth: false } as object)
      const result = readTokenResponse(data, routes ? httpOnlyPaths : { accessPath: config.tokens.access.path, refreshPath: config.tokens.refresh.path, expiresInPath: config.tokens.access.expiresInPath })
      if (!result.ok) throw new AxiosJwtError(`Login failed: ${result.problem}. Check \`axiosJwt.tokens.*.path\`.`)
      await store.set(result.tokens)
      sync()
      lostElsewhere = false
      tabs?.announce('login')
      await fetchUser().catch(() => null)
      await nuxtApp.callHook('axios-jwt:login', { user: user.value })
      if (options.redirect === false) return
      const fallback = config.redirect.home
      await go(safeRedirect(options.redirect ?? router.currentRoute.value.query.redirect, fallback))
    },

    async logout(options = {}) {
      const { accessToken, refreshToken } = store.get()
      // The route tells the API and clears the HttpOnly cookie, which this page cannot.
      if (routes) await api.post(routes.logout, undefined, { auth: false, headers: { [CSRF_HEADER]: '1' }, timeout: config.refreshTimeout } as object).catch(() => undefined)
      else if (config.endpoints.logout && accessToken) {
        const headers = { [config.header.name]: client().headerValue(accessToken) }
        await api.post(config.endpoints.logout, { [config.tokens.refresh.bodyField]: refreshToken }, { auth: false, headers, timeout: config.refreshTimeout } as object)
          .catch(() => undefined)
      }
      await store.clear()
      sync()
      tabs?.announce('logout')
      await nuxtApp.callHook('axios-jwt:logout')
      if (options.redirect === false) return
      await go(safeRedirect(options.redirect ?? config.redirect.logout, config.redirect.logout))
    },

    async guarded(fn) {
      guards++
      try {
        return await fn()
      }
      finally {
        guards--
      }
    },

    async ended() {
      sync()
      tabs?.announce('logout')
      await toLogin()
    },
  }
}
