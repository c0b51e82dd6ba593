import axios, { type AxiosRequestConfig } from 'axios'

const PLACEHOLDER = 'http://placeholder.invalid'

/** Axios' own test for an absolute URL (protocol-relative included); the rest resolve against the base URL. */
const ABSOLUTE_URL = /^(?:[a-z][a-z\d+\-.]*:)?\/\//i

/** Whether axios sends the request to its own URL, an absolute one, rather than joining it to the base URL. */
export const goesToOwnURL = (config: Pick<AxiosRequestConfig, 'url' | 'allowAbsoluteUrls'>): boolean =>
  ABSOLUTE_URL.test(config.url || '') && config.allowAbsoluteUrls !== false

/**
 * The URL axios sends a request to, for a config an adapter holds (the instance's defaults merged in already): a
 * relative URL joined to the base URL as axios joins them, without `getUri`'s second merge of the defaults. Query
 * parameters and absolute URLs take `getUri` itself.
 */
export function requestURL(config: AxiosRequestConfig): string {
  const url = config.url || ''
  const base = config.baseURL
  if (config.params || !base || ABSOLUTE_URL.test(url)) return axios.getUri(config)
  return url ? `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : base
}

// Every server render asks about the same few base URLs: parse each once.
const origins = new Map<string, string | undefined>()
const ORIGINS_MAX = 200

/** The origin `url` resolves to against `base`, or `undefined` when it cannot be parsed. */
export function originOf(url: string, base?: string): string | undefined {
  // The base's length first: no two pairs share a key.
  const key = `${base?.length ?? -1}:${base ?? ''}${url}`
  if (origins.has(key)) return origins.get(key)
  let origin: string | undefined
  try {
    origin = new URL(url, base ? new URL(base, PLACEHOLDER).href : PLACEHOLDER).origin
  }
  catch {
    origin = undefined
  }
  if (origins.size >= ORIGINS_MAX) origins.clear()
  origins.set(key, origin)
  return origin
}

/**
 * The same-site path `target` names, or `fallback`. Anything that could leave the site
 * (absolute and protocol-relative URLs, backslash tricks, `javascript:`, control characters) falls back.
 */
export function safeRedirect(target: unknown, fallback: string): string {
  if (typeof target !== 'string' || !target.startsWith('/')) return fallback
  let decoded = target
  try {
    decoded = decodeURIComponent(target)
  }
  catch {
    return fallback
  }
  for (const candidate of [target, decoded]) {
    // eslint-disable-next-line no-control-regex
    if (/^\/[/\\]|[\\\u0000-\u001F\u007F]/.test(candidate)) return fallback
  }
  let resolved: URL
  try {
    resolved = new URL(target, PLACEHOLDER)
  }
  catch {
    return fallback
  }
  const path = resolved.pathname + resolved.search + resolved.hash
  // Dot segments can fold `/.//evil.example` into a protocol-relative URL.
  if (resolved.origin !== PLACEHOLDER || /^\/[/\\]/.test(path)) return fallback
  return path
}

/** Whether `url` is plain HTTP to a host other than this machine: tokens would cross the network unencrypted. */
export function isPlainHttpRemote(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  }
  catch {
    return false
  }
  return parsed.protocol === 'http:' && !/^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(parsed.hostname)
}

/** Why a `redirect.*` option cannot name a page (not a path starting with `/` nor a location with a `name`), if it cannot. */
export function redirectTargetProblem(target: unknown): string | undefined {
  if (typeof target === 'string') return target.startsWith('/') ? undefined : `"${target}" is not a path starting with /`
  if (target && typeof target === 'object' && typeof (target as { name?: unknown }).name === 'string') return undefined
  return `${JSON.stringify(target)} is neither a path nor a route location with a name`
}
