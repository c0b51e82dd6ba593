import { createError, getRequestHeader, getRequestHost, type H3Event } from 'h3'
import { CSRF_HEADER } from '../../core/http-only'
import { callerContext } from '../lib/request-jar'

const hostOf = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).host : undefined
  }
  catch {
    return undefined
  }
}

/**
 * Whether a request comes from this app: its own pages (`Sec-Fetch-Site: same-origin`, or an `Origin` of this host
 * where the browser sends no `Sec-Fetch-Site`), the user directly (an address typed or bookmarked: `none`), or its
 * own server code in-process. A page of another origin, a sibling subdomain included, is not.
 */
export function isSameOriginRequest(event: H3Event): boolean {
  if (callerContext(event)) return true
  const site = getRequestHeader(event, 'sec-fetch-site')
  if (site) return site === 'same-origin' || site === 'none'
  const origin = getRequestHeader(event, 'origin')
  return !origin || hostOf(origin) === getRequestHost(event)
}

/**
 * Whether a form the browser posted itself comes from a page of this origin: a form carries no custom header, so it
 * must say so with `Sec-Fetch-Site: same-origin`, and with an `Origin` of this host whenever it sends one; a browser
 * that sends neither is not believed. A sibling subdomain (`same-site`) or a typed address (`none`) is not this origin.
 */
export function isFormFromOwnPage(event: H3Event): boolean {
  const site = getRequestHeader(event, 'sec-fetch-site')
  const origin = getRequestHeader(event, 'origin')
  if (origin === undefined) return site === 'same-origin'
  return hostOf(origin) === getRequestHost(event) && (!site || site === 'same-origin')
}

/** Methods that only read: the ones a link or a plain navigation of another site can send. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The 403 that refuses a request of another site, with what to do about it. */
export const crossSiteRefused = (message: string) =>
  createError({ statusCode: 403, statusMessage: 'Cross-site request refused', message, data: { error: 'cross_site' } })

/**
 * Refuses what a page of another site could send to the module's routes: they also want the custom header, which
 * needs a CORS preflight that they never grant.
 */
export function assertSameSite(event: H3Event): void {
  if (!isSameOriginRequest(event) || getRequestHeader(event, CSRF_HEADER) !== '1') {
    throw crossSiteRefused('The module\'s session routes answer only the app\'s own pages.')
  }
}
