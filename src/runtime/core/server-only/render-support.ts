import type { AxiosRequestConfig } from 'axios'
import type { H3Event } from 'h3'
import type { CookieJar } from '../cookies/cookie-store'
import { AxiosJwtError } from '../errors'
import type { IdleOptions } from '../cookies/idle'
import type { ResolvedOptions } from '../options'
import type { TokenStore } from '../tokens/tokens'

/**
 * What the Nuxt server lends the app while it renders a page: the request's cookies, the session kept in them, and in
 * apps that sign in with a provider its refresh request and user. The module's Nitro plugin puts it on every
 * request's context, so the app's code never imports the server's.
 */
export interface RenderSupport {
  /** The request's cookies, shared with its in-process requests. */
  cookieJar: (event: H3Event) => CookieJar
  /** The session's token cookies on the server's side of `jar`. */
  tokenStore: (jar: CookieJar, config: ResolvedOptions) => TokenStore
  /** Counts a page request as the user's activity (`session.idleTimeout`). */
  touchActivity: (options: IdleOptions, jar: CookieJar) => Promise<void>
  /** The main session's refresh at the identity provider's token endpoint, in apps that sign in with one. */
  providerRefreshRequest?: (event: H3Event, config: ResolvedOptions) => ((refreshToken: string) => Promise<AxiosRequestConfig>) | undefined
  /** The signed-in user of a provider's session, in apps that sign in with one. */
  providerUser?: (event: H3Event, config: ResolvedOptions) => Promise<Record<string, unknown>>
}

/** Where a request's context carries the render's support. */
export const RENDER_CONTEXT_KEY = 'axiosJwtRender'

/** The render's support on a server request; a request the module's plugin did not see fails loudly. */
export function renderSupport(event: H3Event): RenderSupport {
  const support = event.context[RENDER_CONTEXT_KEY] as RenderSupport | undefined
  if (!support) throw new AxiosJwtError('The server request has no nuxt-axios-jwt render support: the module\'s Nitro plugin did not run for it.')
  return support
}
