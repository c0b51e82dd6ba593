import type { H3Event } from 'h3'
import { cookieNames } from '../../core/cookies/cookie-policy'
import type { HttpOnlyAnswer } from '../../core/http-only'
import { readTokenTimes } from '../../core/tokens/jwt'
import type { ResolvedOptions } from '../../core/options'
import type { TokenStore } from '../../core/tokens/tokens'
import { requestJar } from './request-jar'
import { serverTokenStore } from './session-cookies'
import { isProxyMode } from '../../core/mode'

/**
 * The token cookies of one request to the module's routes, and the answer that tells the browser of a new pair: the
 * access token (none in proxy mode), the session value and the access token's expiry.
 */
export function routeCookies(event: H3Event, config: ResolvedOptions): TokenStore & { answer: (accessToken: string) => HttpOnlyAnswer } {
  const jar = requestJar(event)
  const session = cookieNames(config).session
  return {
    ...serverTokenStore(jar, config),
    answer: accessToken => ({
      ...isProxyMode(config) ? {} : { accessToken },
      session: jar.read()[session] ?? '',
      expiresAt: readTokenTimes(accessToken).exp,
    }),
  }
}
