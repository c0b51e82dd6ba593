import { createError, getRequestHeader, getRequestHeaders, readRawBody, type H3Event } from 'h3'
import { CSRF_HEADER } from '../../core/http-only'
import type { ProxyOptions } from '../../types'
import { FORWARDED_BY_DEFAULT, NEVER_FORWARDED } from '../../core/server-only/proxy-headers'
import { callerContext } from '../lib/request-jar'
import { crossSiteRefused, isSameOriginRequest, SAFE_METHODS } from '../utils/same-origin'
import { readUpTo } from './read-up-to'

/** Whether the browser opens the answer as a page or embeds it (an image, a script, a frame) rather than fetching it. */
function isNavigation(event: H3Event): boolean {
  const mode = getRequestHeader(event, 'sec-fetch-mode')
  const dest = getRequestHeader(event, 'sec-fetch-dest')
  return mode === 'navigate' || mode === 'nested-navigate' || (dest !== undefined && dest !== 'empty')
}

/**
 * Refuses what a page of another site could send, and what would open the API's answers as pages of the app: a
 * navigation or embedding outside `proxy.navigation` (a file uploaded to the API, opened through the proxy, would run as
 * the app). A request must carry the header `$api` sends (which another site cannot send without a preflight) unless
 * it is a safe one whose browser says what it is (`Sec-Fetch-Dest: empty`: `fetch`, an `EventSource`); a browser
 * that does not say so is held to the header.
 */
export function assertProxyRequest(event: H3Event, proxy: Pick<ProxyOptions, 'navigation'>, path: string): void {
  if (callerContext(event)) return
  if (!isSameOriginRequest(event)) throw crossSiteRefused('The API proxy answers only the app\'s own pages.')
  const safe = SAFE_METHODS.has(event.method)
  if (isNavigation(event)) {
    if (safe && proxy.navigation.some(prefix => `/${path}`.startsWith(prefix))) return
    throw createError({ statusCode: 403, statusMessage: 'Not a page of the app', message: 'The API proxy answers the app\'s scripts; a browser opens its answers as a page only under `axiosJwt.proxy.navigation`.', data: { error: 'navigation_refused' } })
  }
  if (getRequestHeader(event, CSRF_HEADER) === '1' || (safe && getRequestHeader(event, 'sec-fetch-dest') === 'empty')) return
  throw crossSiteRefused(`The API proxy takes ${event.method} requests only with the \`${CSRF_HEADER}: 1\` header, which \`$api\` sends.`)
}

/** Times a segment is decoded to find a dot segment or a slash hidden under layers of percent-encoding. */
const DECODINGS = 3

/** `segment` and its decodings, as far as they go. */
function decodings(segment: string): string[] {
  const forms = [segment]
  for (let i = 0; i < DECODINGS; i++) {
    try {
      const next = decodeURIComponent(forms.at(-1)!)
      if (next === forms.at(-1)) break
      forms.push(next)
    }
    catch {
      break
    }
  }
  return forms
}

/**
 * Whether a path segment could climb out of the API at some server on the way: a dot segment (also with matrix
 * parameters, `..;x`, as servlet containers read it), a slash or backslash, or a control character, in any of its
 * decodings.
 */
// eslint-disable-next-line no-control-regex
const isUnsafeSegment = (segment: string): boolean => decodings(segment).some(form => /^\.\.?(?:;.*)?$|[\\/\u0000-\u001F\u007F]/.test(form))

/** The path under the proxy's target (without the query): never a segment that could climb out of it. */
export function targetPath(event: H3Event): string {
  const rest = String(event.context.params?._ ?? '')
  if (rest.split('/').some(isUnsafeSegment)) {
    throw createError({ statusCode: 400, statusMessage: 'The path may not climb out of the API', data: { error: 'bad_path' } })
  }
  return rest
}

/** The request's query, as the browser wrote it. */
export const queryOf = (event: H3Event): string => {
  const start = event.path.indexOf('?')
  return start === -1 ? '' : event.path.slice(start)
}

/**
 * The browser's headers that the API may see (an allowlist, with `extra` from `proxy.forwardHeaders`, but none the
 * request's `Connection` names), and `X-Forwarded-For` with the address of the proxy's peer.
 */
export function forwardedHeaders(event: H3Event, extra: string[]): Record<string, string> {
  const request = getRequestHeaders(event)
  const hopNames = new Set((request.connection ?? '').split(',').map(name => name.trim().toLowerCase()))
  const allowed = [...FORWARDED_BY_DEFAULT, ...extra.map(name => name.toLowerCase())]
  const headers: Record<string, string> = {}
  for (const name of allowed) {
    const value = request[name]
    if (typeof value === 'string' && !hopNames.has(name) && !NEVER_FORWARDED.has(name)) headers[name] = value
  }
  const peer = event.node.req.socket?.remoteAddress
  if (peer) headers['x-forwarded-for'] = peer
  return headers
}

const tooLarge = (limit: number) =>
  createError({ statusCode: 413, statusMessage: `The request body is larger than the proxy takes (${limit} bytes, \`axiosJwt.proxy.maxBodySize\`)`, data: { error: 'body_too_large' } })

/** The request's body, kept whole so a retry after a refresh can send it again; refused above `limit` bytes. */
export async function limitedBody(event: H3Event, limit: number): Promise<Buffer | undefined> {
  if (event.method === 'GET' || event.method === 'HEAD') return undefined
  if (Number(getRequestHeader(event, 'content-length')) > limit) throw tooLarge(limit)
  // A request made in-process carries its body whole.
  if ('__unenv__' in event.node.req) return (await readRawBody(event, false)) ?? undefined
  const body = await readUpTo(event.node.req, limit)
  if (!body) throw tooLarge(limit)
  return body.length ? body : undefined
}
