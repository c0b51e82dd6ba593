import type { ServerResponse } from 'node:http'
import type { TokenShape } from './token-shapes'
import type { IssuedTokens, IssuerOptions, IssuerUser, TokenIssuer } from './token-issuer'

/** What the refresh endpoint does instead of its job, to test how the app copes. */
export type RefreshFault
  = | { status: number, body?: string, contentType?: string }
    | { hang: true }
    | { reset: true }
    /** Starts a response, then drops the connection mid-body (browsers do not retry this). */
    | { cut: true }
    /** Starts a response, then sends one byte of it every `everyMs` for `forMs`, then the rest. */
    | { trickle: { everyMs: number, forMs: number } }

export interface JwtTestApiOptions {
  /** Seconds an access token lives. @default 60 */
  accessTtl?: number
  /** Seconds a refresh token lives. @default 3600 */
  refreshTtl?: number
  /** `strict`: refresh tokens rotate and a reused one revokes the session; `none`: they stay the same. @default 'strict' */
  rotation?: 'strict' | 'none'
  /** Who can log in (`POST /auth/login` with `{ username, password }`). @default alice, bob, carol, dave and erin, password `secret` */
  users?: Array<IssuerUser & { password: string }>
  /** The token answers' shape. @default 'default' */
  shape?: TokenShape
}

export interface JwtTestApiCalls {
  login: number
  refresh: number
  me: number
  items: number
  /** 401s answered on protected routes. */
  unauthorized: number
}

/** What `stats()` counts since the start or the last `reset()`. */
export interface JwtTestApiStats {
  logins: number
  /** Refresh calls answered with a new pair. */
  refreshes: number
  /** Refresh calls refused (an unknown, revoked or reused refresh token). */
  rejected: number
  /** Spent refresh tokens presented again: each revoked its session. */
  reused: number
  /** Every call of the refresh endpoint, faults included. */
  refreshCalls: number
  /** Every request, in order, with its `Authorization` header. */
  requests: Array<{ method: string, path: string, authorization?: string }>
}

/**
 * A JWT API on 127.0.0.1 for end-to-end tests: `POST /auth/login`, `POST /auth/refresh`, `POST /auth/logout`,
 * `GET /auth/me` and a protected `GET /items`, with the knobs below to make it misbehave.
 */
export interface JwtTestApi {
  /** `http://127.0.0.1:<port>`: the app's `axiosJwt.baseURL` (`NUXT_PUBLIC_AXIOS_JWT_BASE_URL`). */
  url: string
  /** The issuer's options: a new `accessTtl` is the lifetime of the access tokens issued from then on. */
  options: IssuerOptions
  calls: JwtTestApiCalls
  /** Authorization headers seen on every request, refresh included, in order. */
  authorizations: Array<string | undefined>
  /** Bodies posted to the refresh endpoint. */
  refreshBodies: unknown[]
  /** Set to make the refresh endpoint misbehave until reset; `failRefresh` for a number of times. */
  refreshFault?: RefreshFault
  /** Protected routes answer 401 whatever the token. */
  rejectAll: boolean
  /** Speak OAuth2 at the refresh endpoint (`shape: 'oauth2'`). */
  oauth: boolean
  /** Hand out opaque access tokens (random handles, not JWTs) in place of the signed ones. */
  opaque: boolean
  /** The logout endpoint revokes only for a caller with a valid access token, as most APIs do. */
  strictLogout: boolean
  /** Requests to `/items`, in order: their query and whether a browser made them (it sends `Origin`). */
  itemRequests: Array<{ query: string, browser: boolean }>
  /** Queries of `/items` requests whose client went away before the answer. */
  abortedItems: string[]
  /** Refresh tokens the logout endpoint revoked. */
  revoked: string[]
  /** Access tokens that protected routes reject although they are valid and unexpired. */
  rejectedTokens: Set<string>
  /** The status protected routes answer a token they refuse with; some APIs answer 403. */
  unauthorizedStatus: number
  /** Routes (`'POST /auth/login'`) answered with a 307 to another address instead. */
  redirects: Record<string, string>
  /** Shape of the token answers (`shape` sets it). */
  shape: (tokens: IssuedTokens) => unknown
  /** The next `times` refresh calls answer `status` (503 by default) and change nothing; then the endpoint works again. */
  failRefresh: (fault?: { times?: number, status?: number }) => void
  /** Ends every session so far: their refresh tokens are refused and their access tokens rejected. */
  revokeAll: () => void
  /** A new session; `ttl` sets its access token's lifetime in seconds. */
  login: (username?: string, ttl?: number) => Promise<IssuedTokens>
  /** A new session whose access token has already expired (issued a second back, for one second: no wait). */
  loginExpired: (username?: string) => Promise<IssuedTokens>
  stats: () => JwtTestApiStats
  /** The user of a valid, unrevoked access token of this API, as its protected routes judge it; for other APIs that trust it. */
  verifyAccess: (token: string | undefined) => Promise<IssuerUser | undefined>
  /** Forgets every session, count and knob (back to the start's options; `shape` stays as set). */
  reset: () => void
  close: () => Promise<void>
}

/** The `Cookie` header a browser holding this pair sends, with the module's default cookie names. */
/** What the routes share with the API object: the issuer of the moment, opaque handles, answers held open. */
export interface TestApiState {
  api: JwtTestApi
  auth: () => TokenIssuer
  /** Opaque handle -> the signed token behind it. */
  handles: Map<string, string>
  hanging: Set<ServerResponse>
  /** Refresh calls still to fail (`failRefresh`). */
  failures: { times: number, status: number }
  requests: JwtTestApiStats['requests']
}
