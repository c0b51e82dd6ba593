import { withQuery } from 'ufo'
import type { ResolvedOptions } from '../../core/options'
import { safeRedirect } from '../../core/url'
import type { LoginErrorCode } from '../../types'

/** A path of `redirect.*`; a named route location (which only the app's router knows) stands for the site's root. */
const pathOf = (target: ResolvedOptions['redirect']['home']): string => typeof target === 'string' ? target : '/'

/** The page a sign-in returns to: the same-site `redirect` asked for, else `redirect.home`. */
export const returnPage = (config: ResolvedOptions, asked: unknown): string => safeRedirect(asked, pathOf(config.redirect.home))

/**
 * The login page with the code of why a sign-in failed (`?auth_error=code`, what `useLoginError()` reads; the details
 * stay in the server's log) and the page it was for, so that the next sign-in returns there.
 */
export function loginPageWithError(config: ResolvedOptions, code: LoginErrorCode, redirect?: string): string {
  return withQuery(pathOf(config.redirect.login), { auth_error: code, ...redirect && { redirect } })
}
