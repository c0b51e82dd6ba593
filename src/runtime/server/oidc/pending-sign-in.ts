import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import type { ResolvedOptions } from '../../core/options'
import { hmac } from '../lib/hmac'
import { sameValue } from './pkce'

/** What a sign-in started with, kept in the browser until the provider sends it back to the callback. */
export interface PendingSignIn {
  state: string
  nonce: string
  verifier: string
  /** The redirect URI the authorization request named; the code exchange must name the same. */
  redirectUri: string
  /** The same-site page to return to. */
  redirect: string
}

/** Seconds a sign-in may take at the provider. */
const PENDING_SECONDS = 600

/**
 * The cookie: `HttpOnly`, `SameSite=Lax` so that it comes back with the provider's top-level redirect, and over HTTPS
 * `__Host-` so that no sibling subdomain can plant one of its own (a login of the victim into another account).
 */
const cookieName = (config: ResolvedOptions) => config.cookie.secure ? '__Host-axios-jwt-oidc' : 'axios-jwt-oidc'
const attributes = (config: ResolvedOptions) => ({ httpOnly: true, sameSite: 'lax' as const, secure: config.cookie.secure, path: '/' })

/**
 * The seal of a pending sign-in: an HMAC-SHA-256 keyed by the client's secret, which only the server holds, so a
 * cookie planted or edited by anyone else (a sibling subdomain over plain HTTP, where `__Host-` cannot be used) is no
 * sign-in. A public client has no secret: its cookie rests on `__Host-` alone.
 */
const seal = (payload: string, clientSecret: string): Promise<string> => hmac(clientSecret, `pending sign-in:${payload}`)

export async function rememberSignIn(event: H3Event, config: ResolvedOptions, pending: PendingSignIn, clientSecret: string): Promise<void> {
  const payload = Buffer.from(JSON.stringify(pending)).toString('base64url')
  const value = clientSecret ? `${payload}.${await seal(payload, clientSecret)}` : payload
  setCookie(event, cookieName(config), value, { ...attributes(config), maxAge: PENDING_SECONDS })
}

/** The cookie's payload, when its seal is this server's (or the client has no secret to seal with). */
async function unsealed(value: string, clientSecret: string): Promise<string | undefined> {
  if (!clientSecret) return value
  const [payload, mac] = value.split('.')
  return payload && mac && sameValue(mac, await seal(payload, clientSecret)) ? payload : undefined
}

const isPending = (value: unknown): value is PendingSignIn => typeof value === 'object' && value !== null
  && ['state', 'nonce', 'verifier', 'redirectUri', 'redirect'].every(key => typeof (value as Record<string, unknown>)[key] === 'string')

/**
 * The sign-in this browser started, used up: a callback can complete it once. `undefined` when there is none, when
 * its seal is not this server's, or garbage.
 */
export async function takeSignIn(event: H3Event, config: ResolvedOptions, clientSecret: string): Promise<PendingSignIn | undefined> {
  const value = getCookie(event, cookieName(config))
  if (value === undefined) return undefined
  deleteCookie(event, cookieName(config), attributes(config))
  const payload = await unsealed(value, clientSecret)
  if (!payload) return undefined
  try {
    const pending: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return isPending(pending) ? pending : undefined
  }
  catch {
    return undefined
  }
}
