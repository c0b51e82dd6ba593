import type { AxiosInstance, CreateAxiosDefaults } from 'axios'
import { createError, getRequestHeader, getRequestHost, type H3Event } from 'h3'
import { installJwtClient, type JwtClient } from '../../core/client'
import { cookieNames } from '../../core/cookie-policy'
import { cookieTokenStore } from '../../core/cookie-store'
import { CSRF_HEADER, type HttpOnlyAnswer } from '../../core/http-only'
import { nitroLocalFetch } from '../../core/in-process'
import { readTokenTimes } from '../../core/jwt'
import { resolveOptions, type ResolvedOptions, serverDeployOptions } from '../../core/options'
import { createServerApi, type ServerApi } from '../../core/server-api'
import { serverSharing } from '../../core/shared-refresh'
import type { TokenStore } from '../../core/tokens'
import { callerContext, requestJar } from './request-jar'
import built from '#axios-jwt/options'
import { useRuntimeConfig } from '#imports'

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host
  }
  catch {
    return undefined
  }
}

export function useServerOptions(event: H3Event): ResolvedOptions {
  return resolveOptions(built, useRuntimeConfig(event).public)
}

/**
 * Whether a request comes from this app: its own pages (`Sec-Fetch-Site: same-origin`, or an `Origin` of this host
 * where the browser sends no `Sec-Fetch-Site`), the user directly (an address typed or bookmarked: `none`), or its
 * own server code in-process. A page of another origin, a sibling subdomain included, is not.
 */
export function isSameOriginRequest(event: H3Event): boolean {
  if (callerContext(event)) return true
  const site = getRequestHeader(event, 'sec-fetch-site')
  if (site) return site === 'same-origin' || site === 'none'
  const origin = getRequestHeader(event, 'origin')
  return !origin || hostOf(origin) === getRequestHost(event)
}

export const crossSiteRefused = (message: string) =>
  createError({ statusCode: 403, statusMessage: 'Cross-site request refused', message, data: { error: 'cross_site' } })

/**
 * Refuses what a page of another site could send to the module's routes: they also want the custom header, which
 * needs a CORS preflight that they never grant.
 */
export function assertSameSite(event: H3Event): void {
  if (!isSameOriginRequest(event) || getRequestHeader(event, CSRF_HEADER) !== '1') {
    throw crossSiteRefused('The module\'s session routes answer only the app\'s own pages.')
  }
}

/**
 * The API's client on the server: `serverBaseURL` or `baseURL`, a path served in-process; never the request's Host.
 * The module's own routes give each call `refreshTimeout` and follow no redirect, so neither credentials nor tokens
 * are re-sent to where a 3xx points.
 */
export function apiFor(event: H3Event, config: ResolvedOptions, defaults: CreateAxiosDefaults = { timeout: config.refreshTimeout, maxRedirects: 0 }): ServerApi {
  const { serverBaseURL } = serverDeployOptions(useRuntimeConfig(event))
  return createServerApi({ baseURL: config.baseURL, serverBaseURL }, nitroLocalFetch(), defaults)
}

/** The token cookies of one request to the module's routes, and the answer that tells the browser of a new pair. */
export function routeCookies(event: H3Event, config: ResolvedOptions): TokenStore & { answer: (accessToken: string) => HttpOnlyAnswer } {
  const jar = requestJar(event)
  const session = cookieNames(config).session
  return {
    ...cookieTokenStore(jar, 'server', config),
    answer: accessToken => ({ accessToken, session: jar.read()[session] ?? '', expiresAt: readTokenTimes(accessToken).exp }),
  }
}

/** The API's client for one request, signed with its token cookies and refreshing them (shared as the server shares). */
export function signedApiFor(event: H3Event, config: ResolvedOptions, cookies: TokenStore, defaults?: CreateAxiosDefaults): { api: AxiosInstance, client: JwtClient } {
  const { api, origin } = apiFor(event, config, defaults)
  const client = installJwtClient(api, { options: config, store: cookies, origin, share: serverSharing(event.context).share })
  return { api, client }
}
