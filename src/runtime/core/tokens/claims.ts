/** What a page asks of the signed-in user, beyond being signed in (`definePageMeta({ auth: { … } })`). */
export interface AuthRequirement {
  /** At least one of these roles. */
  roles?: string[]
  /** Every one of these scopes. */
  scopes?: string[]
  /** Anything else: gets the access token's claims (or the user when the token is opaque) and the user. */
  allow?: (claims: Record<string, unknown>, user: Record<string, unknown> | null) => boolean
}

/** Where roles and scopes live: dot paths into the access token's claims, else into the user object. */
export interface ClaimPaths {
  roles: string
  scopes: string
}

/**
 * The value at a dot path. A key may itself hold dots (Auth0's namespaced claims such as
 * `https://example.com/roles`): at each level the whole rest of the path is tried as a key first.
 */
export function claimAt(source: unknown, path: string): unknown {
  if (source === null || typeof source !== 'object') return undefined
  const object = source as Record<string, unknown>
  if (Object.hasOwn(object, path)) return object[path]
  for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
    const head = path.slice(0, dot)
    if (Object.hasOwn(object, head)) {
      const found = claimAt(object[head], path.slice(dot + 1))
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** A claim as a list of names: an array's strings, or a string's space-separated words (OAuth2's `scope`). */
function namesIn(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean)
  if (Array.isArray(value)) return value.filter((name): name is string => typeof name === 'string')
  return undefined
}

/** The names at `path` in the token's claims, else in the user object; none when neither has them. */
export function namesAt(path: string, claims: Record<string, unknown> | undefined, user: unknown): string[] {
  return namesIn(claimAt(claims, path)) ?? namesIn(claimAt(user, path)) ?? []
}

/** What the guard and `useAuth()` read: the claims, the roles and the scopes of the session. */
export interface SessionClaims {
  claims: Record<string, unknown>
  roles: string[]
  scopes: string[]
}

/** The session's claims: the access token's when it is a readable JWT, else the user object's. */
export function sessionClaims(tokenClaims: Record<string, unknown> | undefined, user: Record<string, unknown> | null, paths: ClaimPaths): SessionClaims {
  return {
    claims: tokenClaims ?? user ?? {},
    roles: namesAt(paths.roles, tokenClaims, user),
    scopes: namesAt(paths.scopes, tokenClaims, user),
  }
}

/** Whether the session meets what the page asks: one of its roles, all of its scopes, and its predicate. */
export function meets(requirement: AuthRequirement, session: SessionClaims, user: Record<string, unknown> | null): boolean {
  const { roles, scopes, allow } = requirement
  if (roles?.length && !roles.some(role => session.roles.includes(role))) return false
  if (scopes?.length && !scopes.every(scope => session.scopes.includes(scope))) return false
  return allow ? allow(session.claims, user) === true : true
}
