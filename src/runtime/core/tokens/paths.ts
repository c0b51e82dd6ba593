/** Reads a dot path (`data.accessToken`) from a parsed response body; `''` is the body itself. */
export function getByPath(body: unknown, path: string): unknown {
  if (!path) return body
  let value: unknown = body
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}
