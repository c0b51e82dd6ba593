import { cookieNames, readTokenCookie } from '../../core/cookies/cookie-policy'
import type { CookieJar } from '../../core/cookies/cookie-store'
import type { ResolvedOptions } from '../../core/options'

/**
 * The ID token of the sign-in, which the cookie policy keeps `HttpOnly` beside the refresh token (in chunks when large):
 * for the user's claims and the provider's logout (`id_token_hint`).
 */
export const keptIdToken = (jar: CookieJar, config: ResolvedOptions): string | undefined => readTokenCookie(jar.read(), cookieNames(config).idToken)
