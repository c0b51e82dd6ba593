import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import type { ResolvedOptions } from '../../core/options'

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

export function rememberSignIn(event: H3Event, config: ResolvedOptions, pending: PendingSignIn): void {
  const value = Buffer.from(JSON.stringify(pending)).toString('base64url')
  setCookie(event, cookieName(config), value, { ...attributes(config), maxAge: PENDING_SECONDS })
}

const isPending = (value: unknown): value is PendingSignIn => typeof value === 'object' && value !== null
  && ['state', 'nonce', 'verifier', 'redirectUri', 'redirect'].every(key => typeof (value as Record<string, unknown>)[key] === 'string')

/** The sign-in this browser started, used up: a callback can complete it once. `undefined` when there is none, or garbage. */
export function takeSignIn(event: H3Event, config: ResolvedOptions): PendingSignIn | undefined {
  const value = getCookie(event, cookieName(config))
  if (value === undefined) return undefined
  deleteCookie(event, cookieName(config), attributes(config))
  try {
    const pending: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    return isPending(pending) ? pending : undefined
  }
  catch {
    return undefined
  }
}
