import { cookiesOfRead, readTokenCookie, type CookiePolicyOptions, type CookieSide, type CookieValues, type CookieWrite } from './cookie-policy'
import type { cookiesOfEnd, cookiesOfPair } from './cookie-writes'
import type { StoredTokens, TokenStore } from '../tokens/tokens'

/** Reads and writes the cookies of one side. */
export interface CookieJar {
  /** The cookies as they stand now, this jar's own writes included. */
  read: () => CookieValues
  write: (cookie: CookieWrite) => void | Promise<void>
}

/** The writing half of the cookie policy (`cookie-writes.ts`): the server's store has it, the browser's loads it. */
export interface CookieWriter {
  cookiesOfPair: typeof cookiesOfPair
  cookiesOfEnd: typeof cookiesOfEnd
}

const asToken = (value: unknown): string | undefined => typeof value === 'string' && value ? value : undefined

/**
 * The token store of one side, carrying out the policy on a jar of cookies; `writer` is the policy's writing half, or
 * in the browser its loader (the refresh, login and logout code load it first, so a store never waits for it there).
 */
export function cookieTokenStore(jar: CookieJar, side: CookieSide, options: CookiePolicyOptions, writer: CookieWriter | (() => Promise<CookieWriter>)): TokenStore {
  const names = cookiesOfRead(side, options)
  const write = async (cookies: (policy: CookieWriter) => CookieWrite[]) => {
    const policy = typeof writer === 'function' ? await writer() : writer
    // Started together: in the browser every write lands before the first await.
    await Promise.all(cookies(policy).map(cookie => jar.write(cookie)))
  }
  return {
    get: (): StoredTokens => {
      // One read: in the browser each one parses document.cookie.
      const all = jar.read()
      return { accessToken: asToken(readTokenCookie(all, names.accessToken)), refreshToken: asToken(readTokenCookie(all, names.refreshToken)) }
    },
    set: (tokens, choice) => write(policy => policy.cookiesOfPair(tokens, side, options, jar.read(), choice)),
    clear: () => write(policy => policy.cookiesOfEnd(side, options, jar.read())),
  }
}
