import axios from 'axios'
import { installJwtClient, type JwtClient } from '../../core/client'
import { CSRF_HEADER, httpOnlyPaths, httpOnlyURLs } from '../../core/http-only'
import { clientOptions } from '../../core/options'
import { SessionExpiredError } from '../../core/errors'
import { readTokenTimes } from '../../core/jwt'
import type { ApiInstance } from '../../types'
import { createAuth } from '../utils/auth'
import { shareServerRefresh } from '../../core/shared-refresh'
import { shareTabRefresh } from '../utils/tab-refresh'
import { useTokenCookies } from '../utils/token-cookies'
import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtPlugin, useRequestURL, useRuntimeConfig } from '#imports'

export default defineNuxtPlugin({
  name: 'axios-jwt',
  setup(nuxtApp) {
    const config = useAxiosJwtConfig()
    // Relative to the page in the browser, to the incoming request on the server.
    const origin = useRequestURL().origin
    const api = axios.create({ baseURL: new URL(config.baseURL || '/', origin).href })
    const store = useTokenCookies(config)
    const routes = import.meta.client && config.tokens.refresh.httpOnly ? httpOnlyURLs(origin, useRuntimeConfig().app.baseURL) : undefined
    // The session and the client call each other, both only after setup.
    const auth = createAuth(api, () => client, store, config, routes)
    const client: JwtClient = installJwtClient(api, {
      ...clientOptions(config),
      ...(routes && {
        // The browser refreshes through the module's route, which holds the refresh token and classifies the API's answer.
        refreshURL: routes.refresh,
        ...httpOnlyPaths,
        sessionEndStatuses: [401],
        sessionEndErrors: [],
        refreshRequest: () => ({ method: 'post', url: routes.refresh, headers: { [CSRF_HEADER]: '1' } }),
      }),
      store,
      origin,
      shareRefresh: import.meta.server ? shareServerRefresh : shareTabRefresh(store),
      onRefreshed: ({ accessToken }) => {
        auth.sync()
        return nuxtApp.callHook('axios-jwt:refreshed', { expiresAt: readTokenTimes(accessToken).exp })
      },
      onRefreshFailed: error => nuxtApp.callHook('axios-jwt:refresh-failed', {
        reason: error instanceof SessionExpiredError ? 'session-over' : 'transient',
        error,
      }),
      beforeRefresh: request => nuxtApp.callHook('axios-jwt:refresh-request', request),
      onSessionEnd: auth.ended,
    })
    return { provide: { api: api as unknown as ApiInstance, axiosJwt: auth } }
  },
})
