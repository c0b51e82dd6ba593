import { pipeline, Transform, type Readable } from 'node:stream'
import type { AxiosResponse, AxiosResponseHeaders, RawAxiosResponseHeaders } from 'axios'
import { createError, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { HOP_BY_HOP } from '../../core/server-only/proxy-headers'
import { readUpTo } from './read-up-to'
import type { ProxyOptions } from '../../types'

/** What the browser must not get of the API's answer: its cookies are the API's, not the site's. */
const NOT_FOR_THE_BROWSER = new Set([...HOP_BY_HOP, 'set-cookie'])

/** An answer's body as the proxy holds it: streamed from the API, or read whole (an error's, to replay or hand on). */
export type ApiBody = Readable | Buffer

type Limits = Pick<ProxyOptions, 'maxResponseSize' | 'maxDuration'>

const tooLarge = (limit: number) =>
  createError({ statusCode: 502, statusMessage: `The API's answer is larger than the proxy hands on (${limit} bytes, \`axiosJwt.proxy.maxResponseSize\`)`, data: { error: 'response_too_large' } })

/** `body` read whole, refused above `limit` bytes. */
export async function readWhole(body: ApiBody, limit: number): Promise<Buffer> {
  const whole = Buffer.isBuffer(body) ? body : await readUpTo(body, limit)
  if (whole && whole.length <= limit) return whole
  if (!Buffer.isBuffer(body)) body.destroy()
  throw tooLarge(limit)
}

/**
 * The API's headers for the browser: all but its cookies and the hop-by-hop ones (those its `Connection` names too),
 * and a sandbox on every answer, so that one opened as a page runs no script on the app's origin and is never sniffed
 * into HTML. The API's own policy stays beside it: browsers apply each.
 */
function copyHeaders(event: H3Event, headers: RawAxiosResponseHeaders | AxiosResponseHeaders): void {
  const hopNames = new Set(String(headers.connection ?? '').split(',').map(name => name.trim().toLowerCase()))
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (!NOT_FOR_THE_BROWSER.has(lower) && !hopNames.has(lower) && value !== undefined && value !== null) setResponseHeader(event, lower, value as string | string[])
  }
  const policy = headers['content-security-policy'] as string | string[] | undefined
  setResponseHeader(event, 'content-security-policy', policy ? [policy, 'sandbox'].flat() : 'sandbox')
  setResponseHeader(event, 'x-content-type-options', 'nosniff')
}

/** A pass-through that fails once more than `limit` bytes went through it. */
function capped(limit: number): Transform {
  let size = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      done(size > limit ? tooLarge(limit) : null, chunk)
    },
  })
}

/**
 * Streams `body` to the browser as it arrives, for at most `maxResponseSize` bytes and `maxDuration` ms: past either
 * the connection is cut, so the browser never takes a short body for a whole one. A browser that goes away stops the
 * API's stream.
 */
function stream(event: H3Event, body: Readable, { maxResponseSize, maxDuration }: Limits): Promise<void> {
  event._handled = true
  return new Promise((resolve) => {
    const timer = setTimeout(() => body.destroy(new Error('The answer streamed longer than `axiosJwt.proxy.maxDuration`')), maxDuration)
    pipeline(body, capped(maxResponseSize), event.node.res, () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * The API's answer to the browser: status, headers (sandboxed, as `copyHeaders` says), body streamed within the limits.
 * A redirect is not followed, nor handed on. A request made in-process gets the body whole.
 */
export async function sendApiResponse(event: H3Event, response: AxiosResponse<ApiBody | undefined>, limits: Limits): Promise<Buffer | undefined> {
  const { status } = response
  const body = response.data ?? Buffer.alloc(0)
  const length = Number(response.headers['content-length'])
  const refusal = status >= 300 && status < 400 && status !== 304
    ? createError({ statusCode: 502, statusMessage: `The API answered a redirect (${status}), which the proxy does not follow`, data: { error: 'api_redirected' } })
    : length > limits.maxResponseSize ? tooLarge(limits.maxResponseSize) : undefined
  if (refusal) {
    if (!Buffer.isBuffer(body)) body.destroy()
    throw refusal
  }
  setResponseStatus(event, status, response.statusText)
  copyHeaders(event, response.headers)
  if (Buffer.isBuffer(body) || '__unenv__' in event.node.req) return readWhole(body, limits.maxResponseSize)
  await stream(event, body, limits)
  return undefined
}
