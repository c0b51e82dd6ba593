import { getQuery, getRequestHeader, readBody, sendRedirect, type H3Event } from 'h3'
import { CREDENTIALS_REFUSED } from '../../core/errors'
import type { ResolvedOptions } from '../../core/options'
import { loginPageWithError, returnPage } from '../oidc/sign-in-pages'
import { withBase } from '../lib/base-url'
import { crossSiteRefused, isFormFromOwnPage } from '../utils/same-origin'
import { logInAtApi } from './login-at-api'

/** Whether the request is a login form the browser posted itself (before the page ran its scripts, or without them). */
export const isFormPost = (event: H3Event): boolean =>
  getRequestHeader(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded'

/**
 * Signs in with a login form posted by the browser itself: 303 to the page asked for (`?redirect=`, same-site only,
 * else `redirect.home`) once the pair is stored, else 303 back to the login page with `?auth_error=invalid_credentials`
 * (the API refused) or `login_unavailable`. The credentials never reach a URL.
 */
export async function formLogin(event: H3Event, config: ResolvedOptions): Promise<void> {
  if (!isFormFromOwnPage(event)) throw crossSiteRefused('The login route takes a form posted by the app\'s own pages only.')
  const query = getQuery(event)
  const page = returnPage(config, query.redirect)
  const back = (code: 'invalid_credentials' | 'login_unavailable') => sendRedirect(event, withBase(event, loginPageWithError(config, code, page)), 303)
  let outcome
  try {
    outcome = await logInAtApi(event, config, await readBody(event), query.remember !== '0')
  }
  catch (error) {
    console.warn(`[nuxt-axios-jwt] A login form could not be completed: ${error instanceof Error ? error.message : String(error)}`)
    return back('login_unavailable')
  }
  if (outcome.ok) return sendRedirect(event, withBase(event, page), 303)
  return back(CREDENTIALS_REFUSED.has(outcome.status) ? 'invalid_credentials' : 'login_unavailable')
}
