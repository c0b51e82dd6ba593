import { installJwtClient } from '../../core/client'
import { CSRF_HEADER, httpOnlyURLs } from '../../core/http-only'
import { serverSharing } from '../../core/shared-refresh'
import type { ApiInstance, UseAuthReturn } from '../../types'
import { useApiInstance } from '../client/api-instance'
import { useAxiosJwtConfig } from '../utils/config'
import { httpOnlyClientOptions } from '../client/http-only-client'
import { createSession } from '../session/session'
import { shareTabRefresh } from '../tabs/tab-refresh'
import { useTokenCookies } from '../client/token-cookies'
import { defineNuxtPlugin, useRequestEvent, useRuntimeConfig } from '#imports'

export default defineNuxtPlugin({
  name: 'axios-jwt',
  setup(nuxtApp) {
    const config = useAxiosJwtConfig()
    const { api, origin } = useApiInstance(config)
    const store = useTokenCookies(config)
    // In httpOnly mode the browser refreshes through the module's route, which holds the refresh token.
    const routes = import.meta.client && config.tokens.refresh.httpOnly ? httpOnlyURLs(origin, useRuntimeConfig().app.baseURL) : undefined
    const client = installJwtClient(api, {
      options: routes ? httpOnlyClientOptions(config, routes.refresh) : config,
      refreshRequest: routes && (() => ({ method: 'post', url: routes.refresh, headers: { [CSRF_HEADER]: '1' } })),
      store,
      origin,
      // Across server instances when `sharedRefresh` is on, else within this one; in the browser, across tabs.
      share: import.meta.server ? serverSharing(useRequestEvent()?.context).share : shareTabRefresh(),
      callHook: nuxtApp.callHook,
    })
    const { user, loggedIn, login, logout, refresh, fetchUser, getAccessToken } = createSession({ api, client, store, config, routes })
    const auth: UseAuthReturn = { user, loggedIn, login, logout, refresh, fetchUser, getAccessToken }
    return { provide: { api: api as unknown as ApiInstance, axiosJwt: auth } }
  },
})
