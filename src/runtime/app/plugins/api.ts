import { namedApis, signedBy } from '../../core/named-apis'
import type { ApiInstance, UseAuthReturn } from '../../types'
import { otherApiInstance, useApiInstance } from '../client/api-instance'
import { installClientSide } from '../client/client-side'
import { preloadRefreshCode } from '../client/preload-refresh'
import { useTokenCookies } from '../client/token-cookies'
import { createOwnSessions } from '../session/own-sessions'
import { authOf, createSession } from '../session/session'
import { useAxiosJwtConfig } from '../utils/config'
import { ownSessionsMode, proxyMode } from '#axios-jwt/options'
import { defineNuxtPlugin } from '#imports'

export default defineNuxtPlugin({
  name: 'axios-jwt',
  setup(nuxtApp) {
    const config = useAxiosJwtConfig()
    const { api, origin } = useApiInstance(config)
    const store = useTokenCookies(config)
    const { client, routes } = installClientSide(api, { config, store, origin, callHook: nuxtApp.callHook })
    const auth = authOf(createSession({ api, client, store, config, routes }))
    // The build-time constant: apps whose APIs have no session of their own leave that code out.
    const own = ownSessionsMode ? createOwnSessions(config, nuxtApp.callHook) : {}
    const sameSession = signedBy(client, otherApiInstance)
    const apis = namedApis(config.apis, (name, baseURL) => own[name]?.api ?? sameSession(name, baseURL))
    const ownSessions: Record<string, UseAuthReturn> = Object.fromEntries(Object.entries(own).map(([name, parts]) => [name, parts.auth]))
    // In proxy mode the server refreshes: the page has no refresh code to load.
    if (import.meta.client && !proxyMode) preloadRefreshCode(nuxtApp, () => auth.loggedIn.value || Object.values(ownSessions).some(session => session.loggedIn.value))
    // `$api` is the one provide; the rest is reached through `useApi(name)` and `useAuth(name?)`.
    nuxtApp._axiosJwt = { auth, apis, ownSessions }
    return { provide: { api: api as unknown as ApiInstance } }
  },
})
