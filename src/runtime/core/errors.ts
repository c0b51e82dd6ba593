/** Base of every error the module raises, so apps can tell them apart with `instanceof`. */
export class AxiosJwtError extends Error {
  override name = 'AxiosJwtError'
}

/**
 * The session is over: there is no refresh token, or the API rejected it. Both cookies are cleared.
 * The user has to log in again.
 */
export class SessionExpiredError extends AxiosJwtError {
  override name = 'SessionExpiredError'
  constructor(reason: string, readonly status?: number) {
    super(`The session has ended (${reason}). Log in again.`)
  }
}

/**
 * A refresh failed for a reason that may pass (network error, timeout, 5xx, a response without tokens).
 * The tokens are kept, so the next request tries again.
 */
export class RefreshError extends AxiosJwtError {
  override name = 'RefreshError'
  constructor(reason: string, readonly status?: number, readonly code?: string) {
    super(`Refreshing the access token failed: ${reason}. The session is kept; the next request tries again.`)
  }
}

/**
 * The browser is offline (`navigator.onLine` is false): the request to the API was not sent, and nothing was refreshed.
 * The session is kept; the refresh that was due runs when the browser is back online.
 */
export class OfflineError extends AxiosJwtError {
  override name = 'OfflineError'
  readonly code = 'offline'
  constructor() {
    super('The browser is offline: the request was not sent. The session is kept; try again when it is back online.')
  }
}

/** Whether the browser says it is offline; a server, or a browser that cannot tell, never is. */
export const isOffline = (): boolean => globalThis.navigator?.onLine === false
