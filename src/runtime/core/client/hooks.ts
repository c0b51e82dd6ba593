import type { AxiosRequestConfig } from 'axios'
import type { RefreshError, SessionExpiredError } from '../errors'

/**
 * Which session a report is about: `api` is absent for the main API's, and names the API of `axiosJwt.apis` whose own
 * session it is otherwise.
 */
export interface SessionTag {
  api?: string
}

/** What the token client reports; in a Nuxt app these are runtime hooks (`nuxtApp.hook(name, handler)`). */
export interface ClientHooks {
  /** The pair was refreshed. `expiresAt` is the new access token's `exp` (seconds), when it is a JWT. */
  'axios-jwt:refreshed': (info: { expiresAt?: number } & SessionTag) => void | Promise<void>
  /** A refresh failed: `transient` keeps the session, `session-over` ended it. */
  'axios-jwt:refresh-failed': (info: { reason: 'transient' | 'session-over', error: RefreshError | SessionExpiredError } & SessionTag) => void | Promise<void>
  /** Change the refresh request (headers, body, URL) before it is sent. */
  'axios-jwt:refresh-request': (request: AxiosRequestConfig, info?: SessionTag) => void | Promise<void>
  /** The session is over (no refresh token, or the API rejected it); the tokens are cleared. */
  'axios-jwt:session-ended': (info: { error: SessionExpiredError } & SessionTag) => void | Promise<void>
}

/** Calls the handlers of one hook and waits for them, as `nuxtApp.callHook` does. */
export type CallHook = <K extends keyof ClientHooks>(name: K, ...args: Parameters<ClientHooks[K]>) => unknown

/** The reports of the own session of the API `api`, each tagged with its name. */
export function taggedCallHook(callHook: CallHook, api: string): CallHook {
  return ((name: keyof ClientHooks, first: object, ...rest: unknown[]) => name === 'axios-jwt:refresh-request'
    ? callHook(name, first as AxiosRequestConfig, { api })
    : (callHook as (name: string, ...args: unknown[]) => unknown)(name, { ...first, api }, ...rest)) as CallHook
}
