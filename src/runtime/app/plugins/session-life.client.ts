import { idleRule } from '../../core/cookies/idle'
import { holdsSession } from '../../core/tokens/tokens'
import { useCookieJar, useTokenCookies } from '../client/token-cookies'
import { sessionExpiry } from '../session/expiry'
import { watchIdle } from '../session/idle-watch'
import { useAuthSession } from '../session/session'
import { useAxiosJwtConfig } from '../utils/config'
import { CSRF_HEADER, httpOnlyURLs } from '../../core/http-only'
import { serverRefreshMode } from '#axios-jwt/options'
import { defineNuxtPlugin, useRuntimeConfig } from '#imports'

/**
 * Added when `session.idleTimeout` or `session.warnBefore` is on: ends the main session in every tab after that long
 * without activity in any, and tells when it ends (`useSessionExpiry()`, `axios-jwt:session-expiring`).
 */
export default defineNuxtPlugin({
  name: 'axios-jwt:session-life',
  dependsOn: ['axios-jwt'],
  setup(nuxtApp) {
    const config = useAxiosJwtConfig()
    const session = useAuthSession()
    const jar = useCookieJar()
    const store = useTokenCookies(config)
    // The cookies, not the page's state: another tab may have ended the session a moment ago.
    const hasSession = () => holdsSession(store.get())
    const idle = config.session.idleTimeout > 0 ? idleRule(config) : undefined
    const timeoutMs = config.session.idleTimeout * 1000
    // The build-time constant: in httpOnly and proxy modes the server believes only its sealed copy of the activity.
    const renew = serverRefreshMode ? serverActivityRenewal(httpOnlyURLs(window.location.origin, useRuntimeConfig().app.baseURL).activity, timeoutMs) : undefined
    const watch = idle && watchIdle({ rule: idle, jar, timeoutMs, hasSession, end: session.endIdle, renew })
    const expiry = sessionExpiry({
      options: config,
      idle,
      jar,
      store,
      warnBefore: config.session.warnBefore,
      warn: info => nuxtApp.callHook('axios-jwt:session-expiring', info),
      touch: () => watch?.touch(),
      refresh: session.refresh,
    })
    nuxtApp.hook('axios-jwt:login', ({ api }) => {
      // A login starts the idle clock afresh; an API's own session has none.
      if (!api) watch?.touch()
    })
    // After hydration: the server rendered none of these figures.
    nuxtApp.hook('app:mounted', expiry.tick)
    const { tick: _tick, stop: _stop, ...exposed } = expiry
    return { provide: { axiosJwtExpiry: exposed } }
  },
})

/**
 * Tells the server's activity route of the user's activity, at most every 30 s (or a quarter of the timeout); a failed
 * call is tried again at the next activity. The server's deadline may come that much before the tabs'.
 */
function serverActivityRenewal(route: string, timeoutMs: number): () => void {
  const everyMs = Math.min(30_000, timeoutMs / 4)
  let sent = 0
  return () => {
    if (Date.now() - sent < everyMs) return
    sent = Date.now()
    fetch(route, { method: 'POST', headers: { [CSRF_HEADER]: '1' }, credentials: 'same-origin' }).catch(() => {
      sent = 0
    })
  }
}
