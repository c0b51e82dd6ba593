import { isPlainHttpRemote } from './url'

/** The same origin for a live connection and an API: `ws:` is `http:`'s, `wss:` is `https:`'s. */
const HTTP_SCHEME: Record<string, string> = { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' }

/** `url` (resolved against `page`) with its scheme as HTTP names it, or `undefined` when it is no http(s) or ws(s) URL. */
function asHttp(url: string, page: string): URL | undefined {
  let parsed: URL
  try {
    parsed = new URL(url, page)
  }
  catch {
    return undefined
  }
  const scheme = HTTP_SCHEME[parsed.protocol]
  if (!scheme) return undefined
  parsed.protocol = scheme
  return parsed
}

/**
 * Why a live connection may not carry the access token to `url`, if it may not: only to `allowed` (the configured
 * APIs' addresses and `liveOrigins`, resolved against `page`), and unencrypted (`ws:`, `http:`) only on this machine.
 */
export function liveTargetProblem(url: string, page: string, allowed: string[]): string | undefined {
  const target = asHttp(url, page)
  if (!target) return `"${url}" is not a ws(s) or http(s) URL`
  const origins = new Set(allowed.map(entry => asHttp(entry, page)?.origin))
  if (!origins.has(target.origin)) {
    return `${target.host} is neither an API of \`axiosJwt\` nor in \`axiosJwt.liveOrigins\`: add its origin there to send it the token`
  }
  if (isPlainHttpRemote(target.href)) return `${url} is unencrypted: use wss: (or https:) beyond this machine`
  return undefined
}
