/** `axiosJwt.refresh`: when the pair is refreshed, and which answers of the API make the client refresh and retry. */
export interface RefreshOptions {
  /**
   * Seconds before a JWT access token's `exp` at which it is refreshed before sending; `0` refreshes before sending only
   * a token whose `exp` has passed, and one still valid on a 401.
   * Capped at half the token's lifetime, so short-lived tokens are not refreshed on every request.
   * @default 30
   */
  beforeExpiry: number
  /**
   * Also refresh in the browser on a timer, `beforeExpiry` before the access token expires, while the tab is visible,
   * so requests never wait for a refresh.
   * @default false
   */
  inBackground: boolean
  /**
   * Milliseconds the refresh call may take before it fails as a transient error.
   * @default 10000
   */
  timeout: number
  /**
   * Statuses of the API's answers (not the refresh endpoint's) that make the client refresh the pair and retry the
   * request once, e.g. `[401, 403]` for an API that answers 403 to an expired token. Replaces the default list.
   * @default [401]
   */
  statuses?: number[]
}
