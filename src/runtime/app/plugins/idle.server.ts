import { renderSupport } from '../../core/server-only/render-support'
import { useCookieJar } from '../client/token-cookies'
import { useAuthSession } from '../session/session'
import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtPlugin, useRequestEvent } from '#imports'

/**
 * Added when `session.idleTimeout` is on: a page request is activity. One that came after the deadline found no
 * session here: the server's idle check ended it before the render (a guarded page sends the user to login).
 */
export default defineNuxtPlugin({
  name: 'axios-jwt:idle',
  dependsOn: ['axios-jwt'],
  async setup() {
    if (!useAuthSession().loggedIn.value) return
    await renderSupport(useRequestEvent()!).touchActivity(useAxiosJwtConfig(), useCookieJar())
  },
})
