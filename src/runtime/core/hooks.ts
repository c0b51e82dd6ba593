import type { AxiosRequestConfig } from 'axios'
import type { RefreshError, SessionExpiredError } from './errors'

/** What the token client reports; in a Nuxt app these are runtime hooks (`nuxtApp.hook(name, handler)`). */
export interface ClientHooks {
  /** The pair was refreshed. `expiresAt` is the new access token's `exp` (seconds), when it is a JWT. */
  'axios-jwt:refreshed': (info: { expiresAt?: number }) => void | Promise<void>
  /** A refresh failed: `transient` keeps the session, `session-over` ended it. */
  'axios-jwt:refresh-failed': (info: { reason: 'transient' | 'session-over', error: RefreshError | SessionExpiredError }) => void | Promise<void>
  /** Change the refresh request (headers, body, URL) before it is sent. */
  'axios-jwt:refresh-request': (request: AxiosRequestConfig) => void | Promise<void>
  /** The session is over (no refresh token, or the API rejected it); the tokens are cleared. */
  'axios-jwt:session-ended': (info: { error: SessionExpiredError }) => void | Promise<void>
}

/** Calls the handlers of one hook and waits for them, as `nuxtApp.callHook` does. */
export type CallHook = <K extends keyof ClientHooks>(name: K, ...args: Parameters<ClientHooks[K]>) => unknown
