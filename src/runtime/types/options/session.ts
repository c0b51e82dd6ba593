/** `axiosJwt.session`: when the main session ends, and the warning before. */
export interface SessionOptions {
  /**
   * Statuses of the refresh endpoint that end the session (clear the tokens and go to login).
   * Every other failure is transient and keeps the session. Replaces the default list.
   * @default [401, 403]
   */
  endStatuses?: number[]
  /**
   * `error` codes in the refresh response body that end the session whatever the status (OAuth2's `invalid_grant`
   * arrives with 400). Replaces the default list.
   * @default ['invalid_grant']
   */
  endErrors?: string[]
  /**
   * Seconds without user activity (pointer, keyboard, touch, a tab shown again, a page requested) in any tab of the
   * app after which the session ends in every tab, revoked at the API as `logout()` does; a server render past that
   * deadline (a laptop woken from sleep) ends it too, without refreshing. `0` turns it off.
   * @default 0
   */
  idleTimeout: number
  /**
   * Seconds before the session ends (the idle deadline, or the refresh token's own expiry when it is a JWT) at which
   * `axios-jwt:session-expiring` is called and `useSessionExpiry().expiring` turns true. `0` turns the warning off.
   * @default 0
   */
  warnBefore: number
}
