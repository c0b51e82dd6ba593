import { defineEventHandler } from 'h3'
import { idleRule } from '../../core/cookies/idle'
import { holdsSession } from '../../core/tokens/tokens'
import { trustedActivity } from '../idle/activity-seal'
import { endServerSession } from '../lib/end-session'
import { callerContext, requestJar } from '../lib/request-jar'
import { routeCookies } from '../lib/route-cookies'
import { useServerOptions } from '../lib/server-options'

/**
 * Added when `session.idleTimeout` is on: before any handler (a page render, the module's routes, the proxy, the
 * app's routes with `useServerApi`), a request whose session is idle (past the deadline, or with no activity the
 * server can trust) ends it as `logout()` does, without refreshing, and goes on without a session. A request made
 * in-process shares its caller's cookies, which its caller checked.
 */
export default defineEventHandler(async (event) => {
  if (callerContext(event)) return
  const config = useServerOptions(event)
  const cookies = routeCookies(event, config)
  if (!holdsSession(cookies.get()) || !idleRule(config).isIdleSince(await trustedActivity(config, requestJar(event).read()))) return
  // An idle session is never refreshed, not even to revoke it.
  await endServerSession(event, config, cookies, { refresh: false })
})
