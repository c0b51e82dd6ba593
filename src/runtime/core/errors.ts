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
