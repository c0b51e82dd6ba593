import { cookieTokenStore, type CookieJar } from '../../core/cookie-store'
import * as cookieWriter from '../../core/cookie-writes'
import type { ResolvedOptions } from '../../core/options'
import type { TokenStore } from '../../core/tokens'
import { forgetIdToken } from '../oidc/id-token-cookie'

/**
 * The token cookies of a server request (a render, a module route): in an app that signs in with an identity
 * provider, the end of the main session forgets the ID token kept beside them too.
 */
export function serverTokenStore(jar: CookieJar, config: ResolvedOptions): TokenStore {
  const store = cookieTokenStore(jar, 'server', config, cookieWriter)
  if (!config.oidc || config.ownSession) return store
  return {
    ...store,
    async clear() {
      await store.clear()
      await forgetIdToken(jar, config)
    },
  }
}
