import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import type { ResolvedOptions } from '../../core/options'

/**
 * The mark of a session the app ended (a logout, an idle timeout) in a browser whose session at the provider may live
 * on: the next sign-in asks the provider for the password again (`prompt=login`) instead of coming straight back. Over
 * HTTPS `__Host-`; `HttpOnly`, and kept as long as a refresh token would be.
 */
const cookieName = (config: ResolvedOptions) => config.cookie.secure ? '__Host-axios-jwt-signed-out' : 'axios-jwt-signed-out'
const attributes = (config: ResolvedOptions) => ({ httpOnly: true, sameSite: 'lax' as const, secure: config.cookie.secure, path: '/' })

export function markSignOut(event: H3Event, config: ResolvedOptions): void {
  setCookie(event, cookieName(config), '1', { ...attributes(config), maxAge: config.tokens.refresh.maxAge })
}

/** Whether the app ended this browser's last session: its next sign-in must authenticate again. */
export const isSignedOut = (event: H3Event, config: ResolvedOptions): boolean => getCookie(event, cookieName(config)) !== undefined

/** A sign-in completed: the mark has done its work. */
export function forgetSignOut(event: H3Event, config: ResolvedOptions): void {
  if (isSignedOut(event, config)) deleteCookie(event, cookieName(config), attributes(config))
}
