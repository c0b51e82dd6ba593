import { randomUUID } from 'node:crypto'
import axios, { type AxiosInstance } from 'axios'
import { createError, deleteCookie, getCookie, getRequestHeader, getRequestHost, getRequestURL, setCookie, type H3Event } from 'h3'
import type { TokenPair, TokenStore } from '../../core/client'
import { CSRF_HEADER, sessionCookieName, type HttpOnlyAnswer } from '../../core/http-only'
import { opaqueCookieLifetime, readTokenTimes, tokenLifetime } from '../../core/jwt'
import { withDeployOptions } from '../../core/options'
import type { DeployOptions, ResolvedAxiosJwtOptions } from '../../types'
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

export function useServerOptions(event: H3Event): ResolvedAxiosJwtOptions {
  return withDeployOptions(built, useRuntimeConfig(event).public.axiosJwt as unknown as DeployOptions)
}

/**
 * Refuses what a page of another site could send: the custom header needs a CORS preflight that these routes never
 * grant, and the browser's `Sec-Fetch-Site` (or `Origin`) must name this site.
 */
export function assertSameSite(event: H3Event): void {
  const site = getRequestHeader(event, 'sec-fetch-site')
  const origin = getRequestHeader(event, 'origin')
  const sameSite = site ? site === 'same-origin' : !origin || hostOf(origin) === getRequestHost(event)
  if (!sameSite || getRequestHeader(event, CSRF_HEADER) !== '1') {
    throw createError({ statusCode: 403, statusMessage: 'Cross-site request refused', data: { error: 'cross_site' } })
  }
}

/** An axios instance for the API, relative base URLs taken against this site. */
export function apiFor(event: H3Event, config: ResolvedAxiosJwtOptions): AxiosInstance {
  return axios.create({ baseURL: new URL(config.baseURL || '/', getRequestURL(event).origin).href, timeout: config.refreshTimeout })
}

/** The token cookies of one request: the refresh token `HttpOnly`, the access token and the session value readable. */
export function routeCookies(event: H3Event, config: ResolvedAxiosJwtOptions): TokenStore & { answer: (accessToken: string) => HttpOnlyAnswer } {
  const names = { access: config.tokens.access.cookie, refresh: config.tokens.refresh.cookie, session: sessionCookieName(config.tokens.refresh.cookie) }
  const base = { path: config.cookie.path, domain: config.cookie.domain || undefined, sameSite: config.cookie.sameSite, secure: config.cookie.secure }
  let session = getCookie(event, names.session)
  return {
    get: () => ({ accessToken: getCookie(event, names.access) || undefined, refreshToken: getCookie(event, names.refresh) || undefined }),
    set(tokens: TokenPair) {
      const { accessToken, refreshToken } = tokens
      const maxAge = tokenLifetime(refreshToken, Date.now() / 1000) ?? config.tokens.refresh.maxAge
      session = randomUUID()
      setCookie(event, names.access, accessToken, { ...base, maxAge: opaqueCookieLifetime(tokens, config.refreshBeforeExpiry) ?? maxAge })
      if (refreshToken) setCookie(event, names.refresh, refreshToken, { ...base, maxAge, httpOnly: true })
      setCookie(event, names.session, session, { ...base, maxAge })
    },
    clear() {
      for (const name of Object.values(names)) deleteCookie(event, name, base)
      session = undefined
    },
    answer: accessToken => ({ accessToken, session: session ?? '', expiresAt: readTokenTimes(accessToken).exp }),
  }
}
