import { namedApis } from '../../core/named-apis'
import type { ApiInstance, UseAuthReturn } from '../../types'
import { otherApiInstance, useApiInstance } from '../client/api-instance'
import { installClientSide } from '../client/client-side'
import { preloadRefreshCode } from '../client/preload-refresh'
import { useTokenCookies } from '../client/token-cookies'
import { createSession } from '../session/session'
import { useAxiosJwtConfig } from '../utils/config'
import { proxyMode } from '#axios-jwt/options'
import { defineNuxtPlugin } from '#imports'

export default defineNuxtPlugin({
  name: 'axios-jwt',
  setup(nuxtApp) {
    const config = useAxiosJwtConfig()
    const { api, origin } = useApiInstance(config)
    const store = useTokenCookies(config)
    const { client, routes } = installClientSide(api, { config, store, origin, callHook: nuxtApp.callHook })
    const { user, loggedIn, login, logout, refresh, fetchUser, getAccessToken, claims, hasRole, hasScope } = createSession({ api, client, store, config, routes })
    const auth: UseAuthReturn = { user, loggedIn, login, logout, refresh, fetchUser, getAccessToken, claims, hasRole, hasScope }
    // In proxy mode the server refreshes: the page has no refresh code to load.
    if (import.meta.client && !proxyMode) preloadRefreshCode(nuxtApp, () => loggedIn.value)
    return { provide: { api: api as unknown as ApiInstance, apis: namedApis(config.apis, client, otherApiInstance), axiosJwt: auth } }
  },
})
