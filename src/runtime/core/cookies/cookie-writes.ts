// The writing half of the cookie policy: what cookies a pair, and the end of a session, become. The server loads it
// with its store; the browser with the code of its first refresh, login or logout (a page that only reads its session
// never downloads it).
import { AxiosJwtError } from '../errors'
import { activityCookie, baseAttributes, chunkName, chunksOf, cookieNames, httpOnlyTokens, readTokenCookie, withPrefixRules, type CookieAttributes, type CookiePolicyOptions, type CookieSide, type CookieValues, type CookieWrite } from './cookie-policy'
import { tokenLifetime } from '../tokens/jwt'
import { opaqueCookieLifetime } from '../client/token-clock'
import type { PairChoice, TokenPair } from '../tokens/tokens'

/** Browsers drop a cookie whose name and value pass about 4096 bytes: a token longer than this goes in chunks. */
const CHUNK_BYTES = 3800

/** A token longer than this is refused: no browser sends back that many cookie bytes reliably. */
export const MAX_TOKEN_BYTES = 16 * 1024

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
    throw new AxiosJwtError(`The token for the cookie "${name}" is too large to store: ${bytes} bytes, above the ${MAX_TOKEN_BYTES} bytes browsers send back reliably. Use httpOnly mode (\`mode: 'httpOnly'\`) or ask the identity provider for smaller tokens (fewer group or role claims).`)
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
 * the access token's cookie is `HttpOnly` too. The ID token of a sign-in with an identity provider (the server's only)
 * is `HttpOnly` and lives as long as the pair; a pair without one leaves the kept one alone. A pair that starts a
 * session (`choice` given: a login) records the user's activity now, with `session.idleTimeout`.
 */
export function cookiesOfPair(tokens: TokenPair, side: CookieSide, options: CookiePolicyOptions, present: CookieValues, choice: PairChoice = {}, now = Date.now()): CookieWrite[] {
  const httpOnly = httpOnlyTokens(options)
  if (side === 'browser' && httpOnly.refresh) return []
  const names = cookieNames(options)
  const base = baseAttributes(options)
  // A session kept until the browser closes has cookies without `Max-Age`; a mark cookie carries the choice to refreshes.
  const remember = choice.remember ?? present[names.remember] !== '0'
  const lifetime = remember ? tokenLifetime(tokens.refreshToken, now / 1000) ?? tokens.refreshExpiresIn ?? options.tokens.refresh.maxAge : undefined
  const accessLifetime = remember ? opaqueCookieLifetime(tokens, options.refresh.beforeExpiry) ?? lifetime : undefined
  return [
    ...tokenCookie(names.access, tokens.accessToken, { ...base, maxAge: accessLifetime, httpOnly: httpOnly.access || undefined }, present),
    ...tokenCookie(names.refresh, tokens.refreshToken, { ...base, maxAge: lifetime, httpOnly: httpOnly.refresh }, present),
    ...tokens.idToken ? tokenCookie(names.idToken, tokens.idToken, { ...base, maxAge: lifetime, httpOnly: true }, present) : [],
    ...httpOnly.refresh ? [{ name: names.session, value: globalThis.crypto.randomUUID(), attributes: { ...base, maxAge: lifetime } }] : [],
    ...remember ? present[names.remember] === undefined ? [] : [{ name: names.remember, value: undefined, attributes: base }] : [{ name: names.remember, value: '0', attributes: base }],
    ...expiryMark(tokens, names, { ...base, maxAge: lifetime }, present, now),
    // A session that starts (a login) starts its idle clock with it: a session never exists without its activity.
    ...choice.remember !== undefined && options.session?.idleTimeout ? [activityCookie(options, now)] : [],
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

/** The cookies that ending the session removes on `side`, chunks included: the browser cannot touch `HttpOnly` ones. */
export function cookiesOfEnd(side: CookieSide, options: CookiePolicyOptions, present: CookieValues): CookieWrite[] {
  const names = cookieNames(options)
  const base = baseAttributes(options)
  const httpOnly = httpOnlyTokens(options)
  const kept = (name: string) => side === 'server' && readTokenCookie(present, name) !== undefined
  const tokens = [...side === 'browser' && httpOnly.access ? [] : [names.access], ...side === 'browser' && httpOnly.refresh ? [] : [names.refresh], ...kept(names.idToken) ? [names.idToken] : []]
  const marks = [...httpOnly.refresh ? [names.session] : [], ...[names.remember, names.activity, names.activitySeal, names.expires].filter(name => present[name] !== undefined)]
  const removed = [...tokens.flatMap(name => [name, ...chunksOf(present, name)]), ...marks]
  return removed.map(name => withPrefixRules({ name, value: undefined, attributes: base }))
}
