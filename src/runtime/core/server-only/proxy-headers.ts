/** Which request headers the proxy hands the API: an allowlist, so nothing that speaks for the proxy passes by accident. */

/** Headers of one hop, never forwarded either way (RFC 9110 §7.6.1), and the length the proxy sets itself. */
export const HOP_BY_HOP = ['connection', 'expect', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length']

/**
 * What the API never gets from the browser, not even when the app lists it: the browser's cookies and claims to a
 * token, and headers by which a client would speak for the proxy (its address, the original URL, the host).
 */
export const NEVER_FORWARDED = new Set([
  ...HOP_BY_HOP, 'host', 'cookie', 'authorization', 'x-axios-jwt', 'forwarded', 'x-forwarded-for', 'x-forwarded-host',
  'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-prefix', 'x-forwarded-server', 'x-real-ip', 'true-client-ip',
  'cf-connecting-ip', 'x-client-ip', 'x-cluster-client-ip', 'x-original-url', 'x-rewrite-url', 'x-original-host',
  'x-http-method-override', 'x-http-method', 'x-method-override',
])

/** What a request to an API usually needs: content negotiation, conditional and range requests, tracing, idempotency. */
export const FORWARDED_BY_DEFAULT = [
  'accept', 'accept-encoding', 'accept-language', 'cache-control', 'pragma', 'content-type', 'content-encoding',
  'content-language', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'if-range', 'range',
  'last-event-id', 'user-agent', 'x-requested-with', 'traceparent', 'tracestate', 'baggage', 'idempotency-key',
  'x-request-id',
]

/** Why a header named in `proxy.forwardHeaders` cannot be forwarded, if it cannot. */
export function forwardHeaderProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !/^[\w!#$%&'*+\-.^`|~]+$/.test(name)) return `${JSON.stringify(name)} is not a header name`
  if (NEVER_FORWARDED.has(name.toLowerCase())) return `"${name}" is one the proxy never forwards (cookies, credentials, hop-by-hop headers and those that speak for the proxy)`
  return undefined
}
