/** How the browser and the module's server routes talk in httpOnly and proxy modes. */
import { joinURL } from 'ufo'
import type { TokenPaths } from './tokens/tokens'

/** The routes, under the app's base URL. */
export const httpOnlyRoutes = {
  login: '/api/_axios-jwt/login',
  refresh: '/api/_axios-jwt/refresh',
  logout: '/api/_axios-jwt/logout',
  /** With `session.idleTimeout`: the tabs' activity, which the server seals. */
  activity: '/api/_axios-jwt/activity',
} as const

/** The route of a session: the main API's, or under `/api/_axios-jwt/<name>/` the own session of the API `name` (`:api` to register it). */
export const sessionRoute = (route: string, session?: string): string => session ? route.replace('/_axios-jwt/', `/_axios-jwt/${session}/`) : route

/** The routes' absolute URLs on the site at `origin`, whose app lives under `baseURL`: the main session's, or those of `session`. */
export function httpOnlyURLs(origin: string, baseURL = '/', session?: string): Record<keyof typeof httpOnlyRoutes, string> {
  const at = (route: string) => new URL(joinURL(baseURL, sessionRoute(route, session)), origin).href
  return { login: at(httpOnlyRoutes.login), refresh: at(httpOnlyRoutes.refresh), logout: at(httpOnlyRoutes.logout), activity: at(httpOnlyRoutes.activity) }
}

/** The `error` of the module's answer when the session is over (its routes' and the proxy's 401). */
export const SESSION_ENDED = 'session_ended'

/** A header a cross-site form cannot send and a cross-site script cannot send without a CORS preflight. */
export const CSRF_HEADER = 'x-axios-jwt'

/**
 * The cookie JavaScript can see beside the HttpOnly refresh token: a random value that changes with every new
 * pair, so a tab knows that a session exists and whether another tab has rotated it.
 */
export const sessionCookieName = (refreshCookie: string): string => `${refreshCookie}_session`

/** Where the routes' answers hold the access token and the session value. */
export const httpOnlyPaths: TokenPaths = { access: { path: 'accessToken' }, refresh: { path: 'session' } }

/** In proxy mode the answers hold no token: the session value stands for the pair the page never sees. */
export const proxyAnswerPaths: TokenPaths = { access: { path: 'session' }, refresh: { path: 'session' } }

/** What the login and refresh routes answer. */
export interface HttpOnlyAnswer {
  /** Absent in proxy mode, where the page holds no token. */
  accessToken?: string
  session: string
  /** The access token's `exp` (seconds), when it is a JWT. */
  expiresAt?: number
}
