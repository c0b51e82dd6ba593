import { getQuery, getRequestHeader, getRequestHost, readBody, sendRedirect, type H3Event } from 'h3'
import { CREDENTIALS_REFUSED } from '../../core/errors'
import type { ResolvedOptions } from '../../core/options'
import { loginPageWithError, returnPage } from '../oidc/sign-in-pages'
import { withBase } from '../utils/base-url'
import { crossSiteRefused } from '../utils/same-origin'
import { logInAtApi } from './login-at-api'

/** Whether the request is a login form the browser posted itself (before the page ran its scripts, or without them). */
export const isFormPost = (event: H3Event): boolean =>
  getRequestHeader(event, 'content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded'

const hostOf = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).host : undefined
  }
  catch {
    return undefined
  }
}

/**
 * A form post carries no custom header, so it must show that a page of this origin sent it: `Sec-Fetch-Site:
 * same-origin`, and an `Origin` of this host whenever there is one; a browser that sends neither header is refused.
 * A sibling subdomain (`same-site`) or a typed address (`none`) is not this origin.
 */
function assertFormFromOwnPage(event: H3Event): void {
  const site = getRequestHeader(event, 'sec-fetch-site')
  const origin = getRequestHeader(event, 'origin')
  const ownOrigin = origin === undefined ? site === 'same-origin' : hostOf(origin) === getRequestHost(event) && (!site || site === 'same-origin')
  if (!ownOrigin) throw crossSiteRefused('The login route takes a form posted by the app\'s own pages only.')
}

/**
 * Signs in with a login form posted by the browser itself: 303 to the page asked for (`?redirect=`, same-site only,
 * else `redirect.home`) once the pair is stored, else 303 back to the login page with `?auth_error=invalid_credentials`
 * (the API refused) or `login_unavailable`. The credentials never reach a URL.
 */
export async function formLogin(event: H3Event, config: ResolvedOptions): Promise<void> {
  assertFormFromOwnPage(event)
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
