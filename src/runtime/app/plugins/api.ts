import axios from 'axios'
import { installJwtClient, type JwtClient } from '../../core/client'
import { SessionExpiredError } from '../../core/errors'
import { readTokenTimes } from '../../core/jwt'
import type { ApiInstance } from '../../types'
import { createAuth } from '../utils/auth'
import { refreshInBackground } from '../utils/background-refresh'
import { shareServerRefresh } from '../utils/shared-refresh'
import { shareTabRefresh } from '../utils/tab-refresh'
import { useTokenCookies } from '../utils/token-cookies'
import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtPlugin, useRequestURL } from '#imports'

export default defineNuxtPlugin({
  name: 'axios-jwt',
  setup(nuxtApp) {
    const config = useAxiosJwtConfig()
    // Relative to the page in the browser, to the incoming request on the server.
    const origin = useRequestURL().origin
    const api = axios.create({ baseURL: new URL(config.baseURL || '/', origin).href })
    const store = useTokenCookies(config)
    // The session and the client call each other, both only after setup.
    const auth = createAuth(api, () => client, store, config)
    const client: JwtClient = installJwtClient(api, {
      store,
      origin,
      refreshURL: config.endpoints.refresh,
      accessPath: config.tokens.access.path,
      refreshPath: config.tokens.refresh.path,
      bodyField: config.tokens.refresh.bodyField,
      bodyFormat: config.tokens.refresh.bodyFormat,
      extraFields: config.tokens.refresh.extraFields,
      refreshHeader: config.tokens.refresh.header,
      headerName: config.header.name,
      headerType: config.header.type,
      refreshBeforeExpiry: config.refreshBeforeExpiry,
      refreshTimeout: config.refreshTimeout,
      sessionEndStatuses: config.sessionEndStatuses,
      sessionEndErrors: config.sessionEndErrors,
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
    if (import.meta.client && config.refreshInBackground) {
      const background = refreshInBackground(client)
      nuxtApp.hook('axios-jwt:refreshed', background.plan)
      nuxtApp.hook('axios-jwt:login', background.plan)
    }
    return { provide: { api: api as unknown as ApiInstance, axiosJwt: auth } }
  },
})
