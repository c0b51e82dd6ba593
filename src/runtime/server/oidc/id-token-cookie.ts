import { baseAttributes, cookieNames, readTokenCookie, withPrefixRules, type CookieAttributes } from '../../core/cookie-policy'
import { cookiesOfPair, tokenCookie } from '../../core/cookie-writes'
import type { CookieJar } from '../../core/cookie-store'
import type { ResolvedOptions } from '../../core/options'
import type { TokenPair } from '../../core/tokens'

/**
 * The ID token of the sign-in, kept `HttpOnly` beside the refresh token (in chunks when large) for the user's claims and
 * the provider's logout (`id_token_hint`); it lives as long as the pair's cookies.
 */
const idTokenCookie = (config: ResolvedOptions): string => `${cookieNames(config).refresh}_id`

async function write(jar: CookieJar, config: ResolvedOptions, idToken: string | undefined, attributes: CookieAttributes): Promise<void> {
  await Promise.all(tokenCookie(idTokenCookie(config), idToken, attributes, jar.read()).map(cookie => jar.write(withPrefixRules(cookie))))
}

/** Keeps the ID token of a sign-in as long as the cookies of its pair (the lifetime the cookie policy gives them). */
export function keepIdToken(jar: CookieJar, config: ResolvedOptions, idToken: string, tokens: TokenPair): Promise<void> {
  const session = cookiesOfPair(tokens, 'server', config, {}, { remember: true }).find(cookie => cookie.name === cookieNames(config).session)
  return write(jar, config, idToken, { ...baseAttributes(config), httpOnly: true, maxAge: session?.attributes.maxAge })
}

export const keptIdToken = (jar: CookieJar, config: ResolvedOptions): string | undefined => readTokenCookie(jar.read(), idTokenCookie(config))

export const forgetIdToken = (jar: CookieJar, config: ResolvedOptions): Promise<void> => write(jar, config, undefined, baseAttributes(config))
