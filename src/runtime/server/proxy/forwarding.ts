import type { AxiosResponse } from 'axios'
import { createError, getRequestHeader, getRequestHeaders, readRawBody, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { CSRF_HEADER } from '../../core/http-only'
import { callerContext } from '../utils/request-jar'
import { crossSiteRefused, isSameOriginRequest, SAFE_METHODS } from '../utils/same-origin'

/** Headers of one hop, never forwarded (RFC 9110 §7.6.1), and what the proxy sets itself. */
const HOP_BY_HOP = ['connection', 'expect', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length']
/** What the API must not see of the browser's request: its cookies (the tokens among them), its own claims to a token, and headers that would speak for the proxy. */
const NOT_FOR_THE_API = new Set([...HOP_BY_HOP, 'host', 'cookie', 'authorization', CSRF_HEADER, 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'])
/** What the browser must not get of the API's answer: its cookies are the API's, not the site's. */
const NOT_FOR_THE_BROWSER = new Set([...HOP_BY_HOP, 'set-cookie'])

/**
 * Refuses what a page of another site could send: any request not from the app's own pages (or the user directly),
 * and requests of unsafe methods without the header `$api` sends, which another site cannot send without a preflight.
 */
export function assertProxyRequest(event: H3Event): void {
  if (callerContext(event)) return
  if (!isSameOriginRequest(event)) throw crossSiteRefused('The API proxy answers only the app\'s own pages.')
  if (!SAFE_METHODS.has(event.method) && getRequestHeader(event, CSRF_HEADER) !== '1') {
    throw crossSiteRefused(`The API proxy takes ${event.method} requests only with the \`${CSRF_HEADER}: 1\` header, which \`$api\` sends.`)
  }
}

const decoded = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  }
  catch {
    return segment
  }
}

/** The path under the proxy's target, with the query: never a dot segment that could climb out of it. */
export function targetPath(event: H3Event): string {
  const rest = String(event.context.params?._ ?? '')
  if (rest.split('/').map(decoded).some(segment => segment === '.' || segment === '..' || /[\\/]/.test(segment))) {
    throw createError({ statusCode: 400, statusMessage: 'The path may not climb out of the API', data: { error: 'bad_path' } })
  }
  const query = event.path.indexOf('?')
  return rest + (query === -1 ? '' : event.path.slice(query))
}

/** The browser's headers that the API may see. */
export function forwardedHeaders(event: H3Event): Record<string, string> {
  return Object.fromEntries(Object.entries(getRequestHeaders(event)).filter((entry): entry is [string, string] => !NOT_FOR_THE_API.has(entry[0]) && typeof entry[1] === 'string'))
}

const tooLarge = (limit: number) =>
  createError({ statusCode: 413, statusMessage: `The request body is larger than the proxy takes (${limit} bytes, \`axiosJwt.proxy.maxBodySize\`)`, data: { error: 'body_too_large' } })

/** The request's body, kept whole so a retry after a refresh can send it again; refused above `limit` bytes. */
export async function limitedBody(event: H3Event, limit: number): Promise<Buffer | undefined> {
  if (event.method === 'GET' || event.method === 'HEAD') return undefined
  if (Number(getRequestHeader(event, 'content-length')) > limit) throw tooLarge(limit)
  // A request made in-process carries its body whole.
  if ('__unenv__' in event.node.req) return (await readRawBody(event, false)) ?? undefined
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of event.node.req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  return size ? Buffer.concat(chunks) : undefined
}

/** The API's answer, as it was, to the browser: status, headers but its cookies and hop-by-hop ones, body. A redirect is not followed, nor handed on. */
export function sendApiResponse(event: H3Event, response: AxiosResponse<ArrayBuffer>): Buffer {
  const { status } = response
  if (status >= 300 && status < 400 && status !== 304) {
    throw createError({ statusCode: 502, statusMessage: `The API answered a redirect (${status}), which the proxy does not follow`, data: { error: 'api_redirected' } })
  }
  setResponseStatus(event, status, response.statusText)
  for (const [name, value] of Object.entries(response.headers)) {
    if (!NOT_FOR_THE_BROWSER.has(name.toLowerCase()) && value !== undefined && value !== null) setResponseHeader(event, name, value as string | string[])
  }
  return Buffer.from(response.data ?? new ArrayBuffer(0))
}
