import type { H3Event } from 'h3'
import type { ApiInstance } from '../../types'
import { routeCookies, signedApiFor, useServerOptions } from './session'

const CONTEXT_KEY = 'axiosJwtServerApi'

/**
 * The API's client for a Nitro route that calls the API on the user's behalf: signed with the request's token
 * cookies, refreshed when due (sharing the refresh with concurrent renders), the rotated pair written into the
 * response's `Set-Cookie`. Works in both cookie modes; one instance per request.
 */
export function useServerApi(event: H3Event): ApiInstance {
  const existing = event.context[CONTEXT_KEY] as ApiInstance | undefined
  if (existing) return existing
  const config = useServerOptions(event)
  const { api } = signedApiFor(event, config, routeCookies(event, config), {})
  event.context[CONTEXT_KEY] = api
  return api as unknown as ApiInstance
}
