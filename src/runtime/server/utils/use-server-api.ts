import { getMethod, type H3Event } from 'h3'
import { nitroLocalFetch } from '../../core/server-only/in-process'
import { namedApi, namedApis, signedBy } from '../../core/named-apis'
import type { ResolvedOptions } from '../../core/options'
import { ownSessionOptions } from '../../core/own-sessions'
import { createServerApi } from '../../core/server-only/server-api'
import type { ApiInstance, ApiName } from '../../types'
import { signedApiFor } from '../lib/api-client'
import { routeCookies } from '../lib/route-cookies'
import { crossSiteRefused, isSameOriginRequest, SAFE_METHODS } from './same-origin'
import { useServerOptions } from '../lib/server-options'

const CONTEXT_KEY = 'axiosJwtServerApi'
/** The instances of `axiosJwt.apis` for this request, by name. */
const NAMED_KEY = 'axiosJwtServerApis'

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

/** The main API's client of this request, and the JWT client that signs it. */
function mainClientOf(event: H3Event, options: UseServerApiOptions) {
  const existing = event.context[CONTEXT_KEY] as ReturnType<typeof signedApiFor> | undefined
  if (existing) return existing
  assertMayUseSession(event, options)
  const config = useServerOptions(event)
  const signed = signedApiFor(event, config, routeCookies(event, config), {})
  event.context[CONTEXT_KEY] = signed
  return signed
}

/** The client of an API's own session for this request: its own cookies, refreshed (and shared) as the main one's. */
function ownSessionClient(event: H3Event, config: ResolvedOptions, name: string) {
  const own = ownSessionOptions(config, name)
  return signedApiFor(event, own, routeCookies(event, own), {}).api
}

/**
 * The instance of the API `name` of `axiosJwt.apis` for this request: signed by its own session when it has one, else
 * by the main client for its own origin.
 */
function namedClientOf(event: H3Event, name: string, options: UseServerApiOptions): ApiInstance {
  const apis = (event.context[NAMED_KEY] ??= namedApisOf(event, options)) as Record<string, ApiInstance>
  return namedApi(apis, name)
}

function namedApisOf(event: H3Event, options: UseServerApiOptions) {
  assertMayUseSession(event, options)
  const config = useServerOptions(event)
  const sameSession = (name: string, baseURL: string) =>
    signedBy(mainClientOf(event, options).client, url => createServerApi({ baseURL: url }, nitroLocalFetch()).api)(name, baseURL)
  return namedApis(config.apis, (name, baseURL) => Object.hasOwn(config.ownSessions, name) ? ownSessionClient(event, config, name) : sameSession(name, baseURL))
}

/**
 * The API's client for a Nitro route that calls the API on the user's behalf: signed with the request's token
 * cookies, refreshed when due (sharing the refresh with concurrent renders), the rotated pair written into the
 * response's `Set-Cookie`. Works in both cookie modes; one instance per request. Requests from other sites are refused
 * with a 403 (a cookie is not consent): any of unsafe methods, and safe ones unless `allowCrossSite` is set.
 * `useServerApi(event, 'billing')` is the client of that API of `axiosJwt.apis`, signed with the same session, or with
 * its own when it has one.
 */
export function useServerApi(event: H3Event, options?: UseServerApiOptions): ApiInstance
export function useServerApi(event: H3Event, api: ApiName, options?: UseServerApiOptions): ApiInstance
export function useServerApi(event: H3Event, apiOrOptions?: ApiName | UseServerApiOptions, maybeOptions: UseServerApiOptions = {}): ApiInstance {
  if (typeof apiOrOptions === 'string') return namedClientOf(event, apiOrOptions, maybeOptions)
  return mainClientOf(event, apiOrOptions ?? {}).api as unknown as ApiInstance
}
