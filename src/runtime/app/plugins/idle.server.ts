import { idleRule } from '../../core/idle'
import { useCookieJar } from '../client/token-cookies'
import { useAuthSession } from '../session/session'
import { useAxiosJwtConfig } from '../utils/config'
import { defineNuxtPlugin } from '#imports'

/**
 * Added when `session.idleTimeout` is on. A page request is activity; one that comes after the deadline (a laptop
 * woken from sleep, a tab closed and opened again) ends the session before anything refreshes it, and the page renders
 * without it (a guarded page sends the user to login).
 */
export default defineNuxtPlugin({
  name: 'axios-jwt:idle',
  dependsOn: ['axios-jwt'],
  async setup() {
    const session = useAuthSession()
    if (!session.loggedIn.value) return
    const rule = idleRule(useAxiosJwtConfig())
    const jar = useCookieJar()
    if (rule.isIdle(jar.read())) await session.endIdle()
    else jar.write(rule.touch())
  },
})
