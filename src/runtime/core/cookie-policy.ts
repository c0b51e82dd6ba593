import { AxiosJwtError } from './errors'
import { sessionCookieName } from './http-only'
import { readTokenTimes, tokenLifetime } from './jwt'
import { opaqueCookieLifetime } from './token-clock'
import type { ResolvedOptions } from './options'
import type { PairChoice, TokenPair } from './tokens'

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

export type CookiePolicyOptions = Pick<ResolvedOptions, 'tokens' | 'cookie' | 'refreshBeforeExpiry'> & Partial<Pick<ResolvedOptions, 'proxy'>>

/** Which token cookies page JavaScript must not read: the refresh token in httpOnly mode, both in proxy mode. */
function httpOnlyTokens(options: CookiePolicyOptions) {
  return { access: Boolean(options.proxy?.path), refresh: options.tokens.refresh.httpOnly }
}

/** Browsers drop a cookie whose name and value pass about 4096 bytes: a token longer than this goes in chunks. */
const CHUNK_BYTES = 3800
/** A token longer than this is refused: no browser sends back that many cookie bytes reliably. */
export const MAX_TOKEN_BYTES = 16 * 1024

/**
 * The names of the cookies: the two tokens, in httpOnly mode the session value the browser can see, the mark of a
 * session kept only until the browser closes ("remember me" off), and the time of the user's last activity
 * (`session.idleTimeout`).
 */
export function cookieNames({ tokens }: Pick<ResolvedOptions, 'tokens'>) {
  const refresh = tokens.refresh.cookie
  return { access: tokens.access.cookie, refresh, session: sessionCookieName(refresh), remember: `${refresh}_remember`, activity: `${refresh}_activity`, expires: `${refresh}_expires` }
}

const chunkName = (name: string, index: number) => `${name}.${index}`

/** Every chunk cookie of `name` present in `cookies` (`name.0`, `name.7`, …), whatever its index. */
function chunksOf(cookies: CookieValues, name: string): string[] {
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

/** `value` cut into pieces whose encoded form fits in a cookie. */
function pieces(value: string): string[] {
  const result: string[] = []
  let piece = ''
  let bytes = 0
  for (const char of value) {
    const size = encodeURIComponent(char).length
    if (bytes + size > CHUNK_BYTES) {
      result.push(piece)
      piece = ''
      bytes = 0
    }
    piece += char
    bytes += size
  }
  return [...result, piece]
}

/**
 * The writes that store `value` under `name`: one cookie when it fits, else chunks; the cookies of the previous value
 * that the new one does not overwrite (stale chunks, a single cookie replaced by chunks) are removed.
 */
export function tokenCookie(name: string, value: string | undefined, attributes: CookieAttributes, present: CookieValues): CookieWrite[] {
  const bytes = value === undefined ? 0 : encodeURIComponent(value).length
  if (bytes > MAX_TOKEN_BYTES) {
    throw new AxiosJwtError(`The token for the cookie "${name}" is too large to store: ${bytes} bytes, above the ${MAX_TOKEN_BYTES} bytes browsers send back reliably. Use httpOnly mode (\`tokens.refresh.httpOnly\`) or ask the identity provider for smaller tokens (fewer group or role claims).`)
  }
  const written = value === undefined ? [] : bytes <= CHUNK_BYTES ? [{ name, value }] : pieces(value).map((piece, index) => ({ name: chunkName(name, index), value: piece }))
  const keep = new Set(written.map(cookie => cookie.name))
  const stale = [name, ...chunksOf(present, name)].filter(old => !keep.has(old) && present[old] !== undefined)
  return [
    ...written.map(cookie => ({ ...cookie, attributes })),
    ...stale.map(old => ({ name: old, value: undefined, attributes: { ...attributes, maxAge: undefined } })),
  ]
}

/**
 * What cookies a token pair becomes: names, attributes and lifetimes, for the browser and the server alike.
 * The cookies live as long as the refresh token (the access token is useful exactly that long); an opaque access
 * token's cookie ends when it is due, so the next request refreshes first. In httpOnly mode the refresh token is
 * `HttpOnly`, a random session value beside it changes with every pair, and the browser writes nothing; in proxy mode
 * the access token's cookie is `HttpOnly` too.
 */
export function cookiesOfPair(tokens: TokenPair, side: CookieSide, options: CookiePolicyOptions, present: CookieValues, choice: PairChoice = {}, now = Date.now()): CookieWrite[] {
  const httpOnly = httpOnlyTokens(options)
  if (side === 'browser' && httpOnly.refresh) return []
  const names = cookieNames(options)
  const base = baseAttributes(options)
  // A session kept until the browser closes has cookies without `Max-Age`; a mark cookie carries the choice to refreshes.
  const remember = choice.remember ?? present[names.remember] !== '0'
  const lifetime = remember ? tokenLifetime(tokens.refreshToken, now / 1000) ?? tokens.refreshExpiresIn ?? options.tokens.refresh.maxAge : undefined
  const accessLifetime = remember ? opaqueCookieLifetime(tokens, options.refreshBeforeExpiry) ?? lifetime : undefined
  return [
    ...tokenCookie(names.access, tokens.accessToken, { ...base, maxAge: accessLifetime, httpOnly: httpOnly.access || undefined }, present),
    ...tokenCookie(names.refresh, tokens.refreshToken, { ...base, maxAge: lifetime, httpOnly: httpOnly.refresh }, present),
    ...httpOnly.refresh ? [{ name: names.session, value: globalThis.crypto.randomUUID(), attributes: { ...base, maxAge: lifetime } }] : [],
    ...remember ? present[names.remember] === undefined ? [] : [{ name: names.remember, value: undefined, attributes: base }] : [{ name: names.remember, value: '0', attributes: base }],
    ...expiryMark(tokens, names, { ...base, maxAge: lifetime }, present, now),
  ].map(withPrefixRules)
}

/**
 * When an opaque refresh token expires (seconds since the epoch), for the page to read in every mode: written when the
 * API says its lifetime (`tokens.refresh.expiresInPath`), removed when a new refresh token comes without one.
 */
function expiryMark(tokens: TokenPair, names: ReturnType<typeof cookieNames>, attributes: CookieAttributes, present: CookieValues, now: number): CookieWrite[] {
  if (tokens.refreshExpiresIn) return [{ name: names.expires, value: String(Math.floor(now / 1000 + tokens.refreshExpiresIn)), attributes }]
  const replaced = tokens.refreshToken !== undefined && tokens.refreshToken !== readTokenCookie(present, names.refresh)
  return replaced && present[names.expires] !== undefined ? [{ name: names.expires, value: undefined, attributes: { ...attributes, maxAge: undefined } }] : []
}

/** When the refresh token expires (seconds since the epoch): its `exp` when the page can read it, else the mark of its lifetime. */
export function refreshExpiry(cookies: CookieValues, refreshToken: string | undefined, options: Pick<ResolvedOptions, 'tokens'>): number | undefined {
  const mark = Number(cookies[cookieNames(options).expires])
  return readTokenTimes(refreshToken).exp ?? (mark > 0 && Number.isFinite(mark) ? mark : undefined)
}

/** The cookies that ending the session removes on `side`, chunks included: the browser cannot touch `HttpOnly` ones. */
export function cookiesOfEnd(side: CookieSide, options: CookiePolicyOptions, present: CookieValues): CookieWrite[] {
  const names = cookieNames(options)
  const base = baseAttributes(options)
  const httpOnly = httpOnlyTokens(options)
  const tokens = [...side === 'browser' && httpOnly.access ? [] : [names.access], ...side === 'browser' && httpOnly.refresh ? [] : [names.refresh]]
  const marks = [...httpOnly.refresh ? [names.session] : [], ...[names.remember, names.activity, names.expires].filter(name => present[name] !== undefined)]
  const removed = [...tokens.flatMap(name => [name, ...chunksOf(present, name)]), ...marks]
  return removed.map(name => withPrefixRules({ name, value: undefined, attributes: base }))
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
  return { accessToken: names.access, refreshToken: side === 'browser' && options.tokens.refresh.httpOnly ? names.session : names.refresh }
}

/** The cookie that holds the time of the user's last activity (ms since the epoch), which every tab and the server read. */
export function activityCookie(options: CookiePolicyOptions, at: number): CookieWrite {
  return withPrefixRules({ name: cookieNames(options).activity, value: String(at), attributes: baseAttributes(options) })
}

export function baseAttributes({ cookie }: CookiePolicyOptions): CookieAttributes {
  return { path: cookie.path, domain: cookie.domain || undefined, sameSite: cookie.sameSite, secure: cookie.secure }
}
