import { cookieTokenStore, type CookieJar } from '../../core/cookies/cookie-store'
import * as cookieWriter from '../../core/cookies/cookie-writes'
import type { ResolvedOptions } from '../../core/options'
import type { TokenStore } from '../../core/tokens/tokens'
import { activitySealCookie, sealedActivity, sealsActivity } from '../idle/activity-seal'

/**
 * The token cookies of a server request (a render, a module route): the cookie policy's writing half is there at once.
 * Where the server seals the last activity, a login starts it and a new refresh token carries it over.
 */
export function serverTokenStore(jar: CookieJar, config: ResolvedOptions): TokenStore {
  const store = cookieTokenStore(jar, 'server', config, cookieWriter)
  if (!sealsActivity(config)) return store
  return {
    ...store,
    async set(tokens, choice) {
      const now = Date.now()
      const at = choice ? now : await sealedActivity(config, jar.read(), now)
      await store.set(tokens, choice)
      // No sealed activity to carry (none, or not this token's): none is written, and the session is idle.
      if (at !== undefined && tokens.refreshToken) await jar.write(await activitySealCookie(config, at, tokens.refreshToken))
    },
  }
}
