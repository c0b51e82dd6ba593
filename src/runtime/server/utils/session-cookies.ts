import { cookieTokenStore, type CookieJar } from '../../core/cookie-store'
import * as cookieWriter from '../../core/cookie-writes'
import type { ResolvedOptions } from '../../core/options'
import type { TokenStore } from '../../core/tokens'

/** The token cookies of a server request (a render, a module route): the cookie policy's writing half is there at once. */
export const serverTokenStore = (jar: CookieJar, config: ResolvedOptions): TokenStore => cookieTokenStore(jar, 'server', config, cookieWriter)
