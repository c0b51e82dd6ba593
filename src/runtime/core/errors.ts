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
 * The API refused the credentials of `login()` (it answered 400, 401, 403 or 422): `message` is the API's own when its
 * answer has one (`message`, `error_description`, `detail`, `error`), else a general one. Nothing was stored.
 */
export class InvalidCredentialsError extends AxiosJwtError {
  override name = 'InvalidCredentialsError'
  readonly code = 'invalid_credentials'
  constructor(message: string | undefined, readonly status: number) {
    super(message || 'The username or password is not right.')
  }
}

/** Statuses by which a login endpoint refuses credentials (rather than failing). */
export const CREDENTIALS_REFUSED = new Set([400, 401, 403, 422])

/** The API's own words in a refusal's body, where the common shapes keep them. */
export function refusalMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return undefined
  const answer = body as { message?: unknown, error_description?: unknown, detail?: unknown, error?: unknown } | undefined
  const error = answer?.error as { message?: unknown } | undefined
  const found = [answer?.message, answer?.error_description, answer?.detail, error?.message, answer?.error].find(value => typeof value === 'string' && value.trim())
  return (found as string | undefined)?.trim().slice(0, 300)
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
