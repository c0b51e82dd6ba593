import { getMethod, type H3Event } from 'h3'
import type { ApiInstance } from '../../types'
import { signedApiFor } from './api-client'
import { routeCookies } from './route-cookies'
import { crossSiteRefused, isSameOriginRequest, SAFE_METHODS } from './same-origin'
import { useServerOptions } from './server-options'

const CONTEXT_KEY = 'axiosJwtServerApi'

export interface UseServerApiOptions {
  /**
   * Lets a page of another site reach this route with a safe method (GET, HEAD), as a link does: for routes that only
   * read. Requests of other methods from another site are refused whatever this says.
   * @default false
   */
  allowCrossSite?: boolean
}

/** Refuses a request of another site before the session's cookies turn it into authority at the API. */
function assertMayUseSession(event: H3Event, { allowCrossSite = false }: UseServerApiOptions): void {
  if (isSameOriginRequest(event) || (allowCrossSite && SAFE_METHODS.has(getMethod(event)))) return
  throw crossSiteRefused(allowCrossSite
    ? 'This route calls the API with the user\'s session: a page of another site may reach it only with GET or HEAD.'
    : 'This route calls the API with the user\'s session and answers only the app\'s own pages. A route that only reads may let links from other sites in with `useServerApi(event, { allowCrossSite: true })`.')
}

/**
 * The API's client for a Nitro route that calls the API on the user's behalf: signed with the request's token
 * cookies, refreshed when due (sharing the refresh with concurrent renders), the rotated pair written into the
 * response's `Set-Cookie`. Works in both cookie modes; one instance per request. Requests from other sites are refused
 * with a 403 (a cookie is not consent): any of unsafe methods, and safe ones unless `allowCrossSite` is set.
 */
export function useServerApi(event: H3Event, options: UseServerApiOptions = {}): ApiInstance {
  const existing = event.context[CONTEXT_KEY] as ApiInstance | undefined
  if (existing) return existing
  assertMayUseSession(event, options)
  const config = useServerOptions(event)
  const { api } = signedApiFor(event, config, routeCookies(event, config), {})
  event.context[CONTEXT_KEY] = api
  return api as unknown as ApiInstance
}
