import { sessionCookieName } from '../http-only'
import { readTokenTimes } from '../tokens/jwt'
import type { ResolvedOptions } from '../options'
import { isProxyMode, refreshOnServer } from '../mode'

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

/** The cookies as they stand: name to (decoded) value. */
export type CookieValues = Record<string, string | undefined>

export type CookiePolicyOptions = Pick<ResolvedOptions, 'tokens' | 'cookie' | 'mode'> & { refresh: Pick<ResolvedOptions['refresh'], 'beforeExpiry'>, session?: Pick<ResolvedOptions['session'], 'idleTimeout'> }

/** Which token cookies page JavaScript must not read: the refresh token in httpOnly mode, both in proxy mode. */
export function httpOnlyTokens(options: CookiePolicyOptions) {
  return { access: isProxyMode(options), refresh: refreshOnServer(options) }
}

/**
 * The names of the cookies: the two tokens, in httpOnly mode the session value the browser can see, the mark of a
 * session kept only until the browser closes ("remember me" off), and the time of the user's last activity
 * (`session.idleTimeout`, and the server's sealed copy of it in the modes that keep the refresh token from the
 * page), and the ID token of a sign-in with an identity provider.
 */
export function cookieNames({ tokens }: Pick<ResolvedOptions, 'tokens'>) {
  const refresh = tokens.refresh.cookie
  return { access: tokens.access.cookie, refresh, session: sessionCookieName(refresh), remember: `${refresh}_remember`, activity: `${refresh}_activity`, activitySeal: `${refresh}_activity_seal`, expires: `${refresh}_expires`, idToken: `${refresh}_id` }
}

export const chunkName = (name: string, index: number) => `${name}.${index}`

/** Every chunk cookie of `name` present in `cookies` (`name.0`, `name.7`, …), whatever its index. */
export function chunksOf(cookies: CookieValues, name: string): string[] {
  const prefix = `${name}.`
  return Object.keys(cookies).filter(key => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)) && cookies[key] !== undefined)
}

/**
 * A token as stored: its single cookie, or its chunks joined when they run from `name.0` without a gap. Chunks with a
 * gap (a write that was lost) are no token at all, never one spliced from two.
 */
export function readTokenCookie(cookies: CookieValues, name: string): string | undefined {
  const single = cookies[name]
  if (single) return single
  const pieces = chunksOf(cookies, name).map((_, index) => cookies[chunkName(name, index)])
  return pieces.length && pieces.every(piece => piece !== undefined) ? pieces.join('') : undefined
}

/** When the refresh token expires (seconds since the epoch): its `exp` when the page can read it, else the mark of its lifetime. */
export function refreshExpiry(cookies: CookieValues, refreshToken: string | undefined, options: Pick<ResolvedOptions, 'tokens'>): number | undefined {
  const mark = Number(cookies[cookieNames(options).expires])
  return readTokenTimes(refreshToken).exp ?? (mark > 0 && Number.isFinite(mark) ? mark : undefined)
}

/**
 * Cookie name prefixes the browser enforces: `__Host-` (recommended against cookie tossing from sibling subdomains)
 * requires `Secure`, `Path=/` and no `Domain`; `__Secure-` requires `Secure`. Without them the browser drops the cookie.
 */
export function withPrefixRules(cookie: CookieWrite): CookieWrite {
  // Browsers match the prefixes in any case.
  if (/^__host-/i.test(cookie.name)) return { ...cookie, attributes: { ...cookie.attributes, secure: true, path: '/', domain: undefined } }
  if (/^__secure-/i.test(cookie.name)) return { ...cookie, attributes: { ...cookie.attributes, secure: true } }
  return cookie
}

/** The cookies `side` reads as the pair: in httpOnly mode the browser sees the session value in place of the refresh token. */
export function cookiesOfRead(side: CookieSide, options: CookiePolicyOptions): { accessToken: string, refreshToken: string } {
  const names = cookieNames(options)
  return { accessToken: names.access, refreshToken: side === 'browser' && refreshOnServer(options) ? names.session : names.refresh }
}

/**
 * The cookie that holds the time of the user's last activity (ms since the epoch), which every tab and the server
 * read. It outlives a browser restart, so a browser opened again past the deadline finds the session idle, and it
 * lives a little longer than the timeout: once the browser drops it, the session is idle by any clock.
 */
export function activityCookie(options: CookiePolicyOptions, at: number): CookieWrite {
  return withPrefixRules({ name: cookieNames(options).activity, value: String(at), attributes: activityAttributes(options) })
}

/** The activity cookies' attributes: they outlive a browser restart, a little longer than the timeout. */
export const activityAttributes = (options: CookiePolicyOptions): CookieAttributes => ({ ...baseAttributes(options), maxAge: (options.session?.idleTimeout ?? 0) + 300 })

export function baseAttributes({ cookie }: CookiePolicyOptions): CookieAttributes {
  return { path: cookie.path, domain: cookie.domain || undefined, sameSite: cookie.sameSite, secure: cookie.secure }
}
