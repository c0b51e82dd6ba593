const PLACEHOLDER = 'http://placeholder.invalid'

/** The origin `url` resolves to against `base`, or `undefined` when it cannot be parsed. */
export function originOf(url: string, base?: string): string | undefined {
  try {
    return new URL(url, base ? new URL(base, PLACEHOLDER).href : PLACEHOLDER).origin
  }
  catch {
    return undefined
  }
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
  if (resolved.origin !== PLACEHOLDER) return fallback
  return resolved.pathname + resolved.search + resolved.hash
}
