import type { AxiosInstance } from 'axios'
import { taggedCallHook, type CallHook } from '../../core/client/hooks'
import type { ResolvedOptions } from '../../core/options'
import { ownSessionOptions } from '../../core/own-sessions'
import type { UseAuthReturn } from '../../types'
import { useApiInstance } from '../client/api-instance'
import { installClientSide } from '../client/client-side'
import { useTokenCookies } from '../client/token-cookies'
import { authOf, createSession } from './session'

/** An API of `axiosJwt.apis` with an own session: its instance, and its session as `useAuth(name)` gives it. */
export interface OwnSessionParts {
  api: AxiosInstance
  auth: UseAuthReturn
}

/**
 * The sessions of the APIs of `axiosJwt.apis` that have their own, by name: each with its own cookies, client (single
 * flight, tab lock, sharing on the server) and state, its reports tagged with its name.
 */
export function createOwnSessions(config: ResolvedOptions, callHook: CallHook): Record<string, OwnSessionParts> {
  const sessions: Record<string, OwnSessionParts> = {}
  for (const name of Object.keys(config.ownSessions)) {
    const own = ownSessionOptions(config, name)
    const { api, origin } = useApiInstance(own)
    const store = useTokenCookies(own)
    const { client, routes } = installClientSide(api, { config: own, store, origin, callHook: taggedCallHook(callHook, name) })
    sessions[name] = { api, auth: authOf(createSession({ api, client, store, config: own, routes })) }
  }
  return sessions
}
