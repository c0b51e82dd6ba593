import type { AxiosInstance } from 'axios'
import type { SessionTag } from '../../core/client/hooks'
import { sessionClaims, type SessionClaims } from '../../core/tokens/claims'
import { revocableTokens, type JwtClient } from '../../core/client/client'
import { AxiosJwtError, SessionExpiredError } from '../../core/errors'
import { loadCookieWriter } from '../../core/client/lazy-exchange'
import type { ResolvedOptions } from '../../core/options'
import { readClaims } from '../../core/tokens/jwt'
import { getByPath } from '../../core/tokens/paths'
import { holdsSession, type StoredTokens, type TokenStore } from '../../core/tokens/tokens'
import type { AuthUser, UseAuthReturn } from '../../types'
import type { SessionRoutes } from './auth-calls'
import { ownSessionNavigation, sessionNavigation, type SessionNavigation } from './navigation'
import { providerUserLoader } from '../oidc/provider-sign-in'
import { followOtherTabs } from '../tabs/tab-session'
import { oidcMode, ownSessionsMode, proxyMode } from '#axios-jwt/options'
import type { NuxtApp } from '#app'
import { computed, shallowRef, useNuxtApp, useRouter, useState } from '#imports'
import type { ComputedRef, Ref } from 'vue'

/** The session of one Nuxt app instance: what `useAuth()` hands out, plus what the route guards need. */
export interface AuthSession extends UseAuthReturn, Pick<JwtClient, 'needsRefresh' | 'refreshDueIn' | 'refreshDue'> {
  /** Mirrors a change of the stored tokens (by another tab, say) into the reactive state. */
  sync: () => void
  /** The session's claims, roles and scopes, for the guard of a page's `auth: { roles, scopes, allow }`. */
  granted: ComputedRef<SessionClaims>
  /**
   * Ends the session for want of activity (`session.idleTimeout`) in the browser: revoked at the API with the tokens as
   * they are (never refreshed) and cleared, then as a session that ended (to login, other tabs told). On the server the
   * idle check ends it before the render.
   */
  endIdle: () => Promise<void>
}

export interface SessionSetup {
  api: AxiosInstance
  client: JwtClient
  store: TokenStore
  config: ResolvedOptions
  /** The module's server routes, in httpOnly mode. */
  routes?: SessionRoutes
}

/** The calls of a login and a logout, loaded when the user asks for one, with the cookie writes they end in. */
const authCalls = () => Promise.all([import('./auth-calls'), loadCookieWriter()]).then(([calls]) => calls)

const sessions = new WeakMap<NuxtApp, AuthSession>()

/** What `useAuth()` hands out of a session. */
export function authOf({ user, loggedIn, login, logout, refresh, fetchUser, getAccessToken, claims, hasRole, hasScope }: AuthSession): UseAuthReturn {
  return { user, loggedIn, login, logout, refresh, fetchUser, getAccessToken, claims, hasRole, hasScope }
}

/** The session of the current Nuxt app, for the module's route guards and plugins. */
export function useAuthSession(nuxtApp: NuxtApp = useNuxtApp()): AuthSession {
  const session = sessions.get(nuxtApp)
  if (!session) throw new AxiosJwtError('The nuxt-axios-jwt plugin has not run yet: make the plugin depend on `axios-jwt`.')
  return session
}

/** A valid access token for clients other than `$api`, refreshed first when due; `null` without a session. */
async function validAccessToken(client: JwtClient, store: TokenStore): Promise<string | null> {
  try {
    if (client.needsRefresh()) return await client.refreshDue()
  }
  catch (error) {
    if (error instanceof SessionExpiredError) return null
    throw error
  }
  return store.get().accessToken ?? null
}

/** In proxy mode both tokens stay on the server: there is none to hand out. */
async function noTokenInProxyMode(): Promise<string | null> {
  throw new AxiosJwtError('There is no access token in the page in proxy mode (`axiosJwt.proxy`): both tokens stay on the server. Call the API through `$api`, or through the proxy route from other clients.')
}

// In proxy mode the page holds no token: claims come from the user object on both sides, so hydration agrees.
const accessClaims = (store: TokenStore) => proxyMode ? undefined : readClaims(store.get().accessToken)

/**
 * The session's reactive state: the user and whether the cookies hold a session (carried from SSR to hydration), and
 * the access token's claims (read from the cookie on each side, only when something asks for them).
 */
function sessionState(store: TokenStore, session: string | undefined) {
  // An API's own session keeps its state under its name.
  const key = (name: string) => session ? `axios-jwt:${name}:${session}` : `axios-jwt:${name}`
  const user = useState<AuthUser | null>(key('user'), () => null)
  const hasTokens = () => holdsSession(store.get())
  const present = useState<boolean>(key('logged-in'), hasTokens)
  // Bumped when the stored pair may have changed: the claims are decoded again at their next read.
  const stored = shallowRef(0)
  const tokenClaims = computed(() => {
    void stored.value
    return accessClaims(store)
  })
  const sync = () => {
    present.value = hasTokens()
    stored.value++
    if (!present.value) user.value = null
  }
  return { user, present, tokenClaims, sync }
}

/** Loads the user from `endpoints.user` into `user`. */
function userLoader(api: AxiosInstance, config: ResolvedOptions, user: Ref<AuthUser | null>) {
  return async (): Promise<AuthUser | null> => {
    if (!config.endpoints.user) return null
    const { data } = await api.get(config.endpoints.user)
    const found = getByPath(data, config.user.path)
    user.value = found && typeof found === 'object' ? found as AuthUser : null
    return user.value
  }
}

/** Hears the reports of the client of the session `name` (the main one: none), and only those. */
function followClientReports(nuxtApp: NuxtApp, name: string | undefined, on: { refreshed: () => void, ended: () => Promise<void> }) {
  const ours = (info: SessionTag | undefined) => info?.api === name
  nuxtApp.hook('axios-jwt:refreshed', (info) => {
    if (ours(info)) on.refreshed()
  })
  nuxtApp.hook('axios-jwt:session-ended', async (info) => {
    if (ours(info)) await on.ended()
  })
}

/** What `login()` and `logout()` act on beside the setup. */
interface ActionParts {
  nuxtApp: NuxtApp
  user: Ref<AuthUser | null>
  sync: () => void
  tabs: ReturnType<typeof followOtherTabs> | undefined
  fetchUser: () => Promise<AuthUser | null>
  navigation: SessionNavigation
}

/** The user's own login and logout: the call, the cookies, the other tabs, the hooks (tagged with an own session's name), where to go. */
function userActions({ api, client, store, config, routes }: SessionSetup, { nuxtApp, user, sync, tabs, fetchUser, navigation }: ActionParts): Pick<AuthSession, 'login' | 'logout' | 'endIdle'> {
  const tag = config.ownSession ? { api: config.ownSession } : {}
  /**
   * Tells the API the session is over (errors ignored; offline the code of the call may not load) and clears its
   * cookies; resolves to the identity provider's logout page, when there is one.
   */
  const revokeAndClear = async (tokens: StoredTokens) => {
    const endSession = await authCalls().then(({ postLogout }) => postLogout(api, config, routes, tokens), () => undefined)
    await store.clear()
    return oidcMode ? endSession : undefined
  }
  return {
    async endIdle() {
      // An idle session is never refreshed, not even to revoke it.
      await revokeAndClear(store.get())
      await nuxtApp.callHook('axios-jwt:session-ended', { error: new SessionExpiredError(`no activity for ${config.session.idleTimeout} s`), ...tag })
    },
    async login(credentials, options = {}) {
      // The build-time constant: apps that do not sign in with a provider leave this out.
      if (oidcMode && !credentials && navigation.toProvider) return navigation.toProvider(options.redirect)
      const { postLogin } = await authCalls()
      await store.set(await postLogin(api, config, routes, credentials ?? {}, options.remember), { remember: options.remember ?? true })
      sync()
      tabs?.here('login')
      await fetchUser().catch(() => null)
      await nuxtApp.callHook('axios-jwt:login', { user: user.value, ...tag })
      await navigation.afterLogin(options.redirect)
    },
    async logout(options = {}) {
      const endSession = await revokeAndClear(await revocableTokens(client, store))
      sync()
      tabs?.here('logout')
      await nuxtApp.callHook('axios-jwt:logout', tag)
      // The provider's logout page ends its session too, and sends the user back to `oidc.logoutRedirect`.
      if (oidcMode && endSession && navigation.away && options.redirect !== false) return navigation.away(endSession)
      await navigation.afterLogout(options.redirect)
    },
  }
}

/**
 * The session of this app instance: the main API's, or with `config.ownSession` the own session of that API of
 * `axiosJwt.apis`. It follows its client's reports (a refresh, the end of the session), and only its own.
 */
export function createSession({ api, client, store, config, routes }: SessionSetup): AuthSession {
  const nuxtApp = useNuxtApp()
  const name = config.ownSession
  const { user, present, tokenClaims, sync } = sessionState(store, name)
  const granted = computed(() => sessionClaims(tokenClaims.value, user.value, config.claims))
  const navigation = ownSessionsMode && name ? ownSessionNavigation(nuxtApp) : sessionNavigation(nuxtApp, useRouter())
  const toLogin = navigation.toLogin
  const fetchUser = (oidcMode && !name ? providerUserLoader : userLoader)(api, config, user)
  const tabs = import.meta.client
    ? followOtherTabs({ api, client, present: () => present.value, sync, toLogin, loggedInElsewhere: () => fetchUser().catch(() => null), session: name })
    : undefined
  followClientReports(nuxtApp, name, {
    refreshed: sync,
    async ended() {
      sync()
      tabs?.announce('logout')
      await toLogin()
    },
  })

  const session: AuthSession = {
    user,
    loggedIn: computed(() => present.value),
    fetchUser,
    ...userActions({ api, client, store, config, routes }, { nuxtApp, user, sync, tabs, fetchUser, navigation }),
    // The build-time constant: apps in the other modes leave this message out.
    getAccessToken: proxyMode ? noTokenInProxyMode : () => validAccessToken(client, store),
    refresh: client.refresh,
    needsRefresh: client.needsRefresh,
    refreshDueIn: client.refreshDueIn,
    refreshDue: client.refreshDue,
    claims: computed(() => granted.value.claims),
    hasRole: (...roles) => roles.some(role => granted.value.roles.includes(role)),
    hasScope: (...scopes) => scopes.every(scope => granted.value.scopes.includes(scope)),
    granted,
    sync,
  }
  // The route guards follow the main session.
  if (!name) sessions.set(nuxtApp, session)
  return session
}
