import { randomBytes, randomUUID } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'

export interface IssuerUser {
  id: number
  username: string
  name: string
  /** Further claims of the user's access tokens (roles, scopes), read at every issue: a change shows at the next refresh. */
  claims?: Record<string, unknown>
}

export interface IssuerOptions {
  /** Seconds an access token lives. */
  accessTtl: number
  /** Seconds a refresh token lives. */
  refreshTtl: number
  /**
   * `strict`: every refresh gives a new refresh token, and presenting a spent one revokes the whole session (reuse
   * detection). `none`: the refresh token stays the same and may be used again.
   */
  rotation?: 'strict' | 'none'
  users: Array<IssuerUser & { password: string }>
  /** Characters of filler claims that make tokens as large as identity providers issue them (group and role claims). */
  padding?: { access?: number, refresh?: number }
}

export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  expiresIn: number
}

/** A `groups` claim of about `size` characters once encoded, as Entra ID or Keycloak put into large tokens. */
const filler = (size = 0) => size > 0 ? { groups: Array.from({ length: Math.ceil(size * 3 / 4 / 37) }, () => randomUUID()) } : {}

export type RefreshResult = { ok: true, tokens: IssuedTokens } | { ok: false, reason: 'invalid' | 'reused' | 'revoked' }

/**
 * A small JWT issuer that behaves like a strict backend: signed HS256 tokens, refresh tokens that rotate on
 * every use, and reuse detection (presenting a spent refresh token revokes the whole session); or, with
 * `rotation: 'none'`, refresh tokens that stay the same.
 */
export function createTokenIssuer(options: IssuerOptions) {
  const secret = randomBytes(32)
  // refresh token id -> session id, and whether it was spent
  const refreshIds = new Map<string, { session: string, spent: boolean }>()
  const revoked = new Set<string>()
  const stats = { logins: 0, refreshes: 0, rejected: 0, reused: 0 }

  async function issue(user: IssuerUser, session: string, accessTtl = options.accessTtl, keptRefresh?: string): Promise<IssuedTokens> {
    const jti = randomUUID()
    refreshIds.set(jti, { session, spent: false })
    const sign = (claims: Record<string, unknown>, ttl: number) => new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(secret)
    return {
      accessToken: await sign({ name: user.name, username: user.username, typ: 'access', sid: session, jti: randomUUID(), ...user.claims, ...filler(options.padding?.access) }, accessTtl),
      refreshToken: keptRefresh ?? await sign({ typ: 'refresh', sid: session, jti, ...filler(options.padding?.refresh) }, options.refreshTtl),
      expiresIn: accessTtl,
    }
  }

  async function claims(token: string | undefined, typ: 'access' | 'refresh') {
    if (!token) return undefined
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] })
      return payload.typ === typ ? payload : undefined
    }
    catch {
      return undefined
    }
  }

  const userById = (id: unknown) => options.users.find(user => String(user.id) === id)
  const publicUser = ({ password: _password, ...user }: IssuerUser & { password: string }): IssuerUser => user

  return {
    stats,
    /** Starts a session; `accessTtl` overrides the access token's lifetime for this login. */
    async login(username: unknown, password: unknown, accessTtl?: number): Promise<IssuedTokens | undefined> {
      const user = options.users.find(u => u.username === username && u.password === password)
      if (!user) return undefined
      stats.logins++
      return issue(publicUser(user), randomUUID(), accessTtl)
    },

    async refresh(token: string | undefined): Promise<RefreshResult> {
      const payload = await claims(token, 'refresh')
      const entry = payload?.jti ? refreshIds.get(payload.jti) : undefined
      const user = userById(payload?.sub)
      if (!payload || !entry || !user) {
        stats.rejected++
        return { ok: false, reason: 'invalid' }
      }
      if (entry.spent) {
        // A spent token shows up again: treat the session as stolen.
        revoked.add(entry.session)
        stats.reused++
        stats.rejected++
        return { ok: false, reason: 'reused' }
      }
      if (revoked.has(entry.session)) {
        stats.rejected++
        return { ok: false, reason: 'revoked' }
      }
      stats.refreshes++
      if (options.rotation === 'none') return { ok: true, tokens: await issue(publicUser(user), entry.session, undefined, token) }
      entry.spent = true
      return { ok: true, tokens: await issue(publicUser(user), entry.session) }
    },

    /** The user an access token belongs to, if it is valid and its session is alive. */
    async verify(token: string | undefined): Promise<IssuerUser | undefined> {
      const payload = await claims(token, 'access')
      const user = userById(payload?.sub)
      if (!payload || !user || revoked.has(String(payload.sid))) return undefined
      return publicUser(user)
    },

    async logout(token: string | undefined): Promise<void> {
      const payload = await claims(token, 'refresh')
      if (payload?.sid) revoked.add(String(payload.sid))
    },

    /** Ends every session so far, as a backend that revokes all of a user's tokens does. */
    revokeAll(): void {
      for (const { session } of refreshIds.values()) revoked.add(session)
    },
  }
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>
