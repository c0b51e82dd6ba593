import { cookiesOfEnd, cookiesOfPair, cookiesOfRead, readTokenCookie, type CookiePolicyOptions, type CookieSide, type CookieValues, type CookieWrite } from './cookie-policy'
import type { StoredTokens, TokenStore } from './tokens'

/** Reads and writes the cookies of one side. */
export interface CookieJar {
  /** The cookies as they stand now, this jar's own writes included. */
  read: () => CookieValues
  write: (cookie: CookieWrite) => void | Promise<void>
}

const asToken = (value: unknown): string | undefined => typeof value === 'string' && value ? value : undefined

/** The token store of one side, carrying out the policy on a jar of cookies. */
export function cookieTokenStore(jar: CookieJar, side: CookieSide, options: CookiePolicyOptions): TokenStore {
  const names = cookiesOfRead(side, options)
  const writeAll = async (cookies: CookieWrite[]) => {
    // Started together: in the browser every write lands before the first await.
    await Promise.all(cookies.map(cookie => jar.write(cookie)))
  }
  return {
    get: (): StoredTokens => {
      // One read: in the browser each one parses document.cookie.
      const all = jar.read()
      return { accessToken: asToken(readTokenCookie(all, names.accessToken)), refreshToken: asToken(readTokenCookie(all, names.refreshToken)) }
    },
    set: (tokens, choice) => writeAll(cookiesOfPair(tokens, side, options, jar.read(), choice)),
    clear: () => writeAll(cookiesOfEnd(side, options, jar.read())),
  }
}
