import { sessionCookieName } from './http-only'
import { opaqueCookieLifetime, tokenLifetime } from './jwt'
import type { ResolvedOptions } from './options'
import type { TokenPair } from './tokens'

/** Who writes the cookies: the browser (`document.cookie`) or the server (`Set-Cookie`, which alone can set `HttpOnly`). */
export type CookieSide = 'browser' | 'server'

export interface CookieAttributes {
  path: string
  domain?: string
  sameSite: 'lax' | 'strict' | 'none'
  secure?: boolean
  /** Seconds; absent for a cookie being removed. */
  maxAge?: number
  httpOnly?: boolean
}

/** One cookie to write; `value: undefined` removes it. */
export interface CookieWrite {
  name: string
  value: string | undefined
  attributes: CookieAttributes
}

export type CookiePolicyOptions = Pick<ResolvedOptions, 'tokens' | 'cookie' | 'refreshBeforeExpiry'>

/** The names of the cookies: the two tokens, and in httpOnly mode the session value the browser can see. */
export function cookieNames({ tokens }: Pick<ResolvedOptions, 'tokens'>) {
  return { access: tokens.access.cookie, refresh: tokens.refresh.cookie, session: sessionCookieName(tokens.refresh.cookie) }
}

/**
 * What cookies a token pair becomes: names, attributes and lifetimes, for the browser and the server alike.
 * The cookies live as long as the refresh token (the access token is useful exactly that long); an opaque access
 * token's cookie ends when it is due, so the next request refreshes first. In httpOnly mode the refresh token is
 * `HttpOnly`, a random session value beside it changes with every pair, and the browser writes nothing.
 */
export function cookiesOfPair(tokens: TokenPair, side: CookieSide, options: CookiePolicyOptions, now = Date.now()): CookieWrite[] {
  const { httpOnly } = options.tokens.refresh
  if (side === 'browser' && httpOnly) return []
  const names = cookieNames(options)
  const base = baseAttributes(options)
  const lifetime = tokenLifetime(tokens.refreshToken, now / 1000) ?? options.tokens.refresh.maxAge
  const accessLifetime = opaqueCookieLifetime(tokens, options.refreshBeforeExpiry) ?? lifetime
  const cookies: CookieWrite[] = [
    { name: names.access, value: tokens.accessToken, attributes: { ...base, maxAge: accessLifetime } },
    { name: names.refresh, value: tokens.refreshToken, attributes: { ...base, maxAge: lifetime, httpOnly } },
  ]
  if (httpOnly) cookies.push({ name: names.session, value: globalThis.crypto.randomUUID(), attributes: { ...base, maxAge: lifetime } })
  return cookies
}

/** The cookies that ending the session removes on `side`: the browser cannot touch the `HttpOnly` one. */
export function cookiesOfEnd(side: CookieSide, options: CookiePolicyOptions): CookieWrite[] {
  const names = cookieNames(options)
  const base = baseAttributes(options)
  const { httpOnly } = options.tokens.refresh
  const removed = side === 'browser' && httpOnly ? [names.access, names.session] : httpOnly ? Object.values(names) : [names.access, names.refresh]
  return removed.map(name => ({ name, value: undefined, attributes: base }))
}

/** The cookies `side` reads as the pair: in httpOnly mode the browser sees the session value in place of the refresh token. */
export function cookiesOfRead(side: CookieSide, options: CookiePolicyOptions): { accessToken: string, refreshToken: string } {
  const names = cookieNames(options)
  return { accessToken: names.access, refreshToken: side === 'browser' && options.tokens.refresh.httpOnly ? names.session : names.refresh }
}

function baseAttributes({ cookie }: CookiePolicyOptions): CookieAttributes {
  return { path: cookie.path, domain: cookie.domain || undefined, sameSite: cookie.sameSite, secure: cookie.secure }
}
