import { deleteCookie, getRequestHeader, parseCookies, setCookie, type H3Event } from 'h3'
import type { CookieJar } from '../../core/cookies/cookie-store'

const JAR_KEY = 'axiosJwtCookies'

/** A request's cookies, and the `Cookie` header they were read from. */
interface RequestJar extends CookieJar {
  header: string | undefined
}

/** The request's cookies, its own writes included, written into its response with h3. */
function eventJar(event: H3Event): RequestJar {
  const current: Record<string, string | undefined> = parseCookies(event)
  return {
    header: getRequestHeader(event, 'cookie'),
    read: () => current,
    write: ({ name, value, attributes }) => {
      current[name] = value
      if (value === undefined) deleteCookie(event, name, attributes)
      else setCookie(event, name, value, attributes)
    },
  }
}

/**
 * The context of the server request that made this one in-process through its event (`event.$fetch`, `useFetch` in
 * a render): Nitro hands it along on the request object. A request from the network never has one.
 */
export function callerContext(event: H3Event): Record<string, unknown> | undefined {
  const passed = (event.node.req as { __unenv__?: unknown }).__unenv__
  return typeof passed === 'object' && passed !== null ? passed as Record<string, unknown> : undefined
}

/**
 * The jar of the request that made this one in-process (a page render's `useFetch('/api/...')`, `useRequestFetch`,
 * `event.$fetch`) with its cookies forwarded unchanged; nothing a client sends can reach another request's jar.
 */
function callerJar(event: H3Event): RequestJar | undefined {
  const jar = callerContext(event)?.[JAR_KEY] as RequestJar | undefined
  return jar && jar.header === getRequestHeader(event, 'cookie') ? jar : undefined
}

/**
 * The token cookies of one server request, shared with the requests it makes in-process: a pair that the page's
 * render or one of its own routes rotates is seen by all of them and reaches the browser in the page's response,
 * whichever refreshed (Nuxt drops the `Set-Cookie` of an inner response).
 */
export function requestJar(event: H3Event): CookieJar {
  return (event.context[JAR_KEY] ??= callerJar(event) ?? eventJar(event)) as CookieJar
}
