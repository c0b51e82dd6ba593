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

/** How one pair differs from the issuer's own: the access token's lifetime and age, a refresh token kept as it was. */
interface PairOptions {
  accessTtl?: number
  /** Dates the access token that many seconds back. */
  accessIssuedAgo?: number
  keptRefresh?: string
}

/** Signs and reads the issuer's tokens (HS256 with a key of its own) for `options`' lifetimes and padding. */
function tokenSigner(options: IssuerOptions) {
  const secret = randomBytes(32)
  // `issuedAgo` seconds back: a token whose whole lifetime lies in the past is expired the moment it is issued.
  const sign = (user: IssuerUser, claims: Record<string, unknown>, ttl: number, issuedAgo = 0) => {
    const issuedAt = Math.floor(Date.now() / 1000) - issuedAgo
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttl)
      .sign(secret)
  }
  return {
    /** A pair of `session`, whose refresh token has the id `jti` (or is `keptRefresh`, without rotation). */
    async pair(user: IssuerUser, session: string, jti: string, { accessTtl = options.accessTtl, accessIssuedAgo = 0, keptRefresh }: PairOptions = {}): Promise<IssuedTokens> {
      return {
        accessToken: await sign(user, { name: user.name, username: user.username, typ: 'access', sid: session, jti: randomUUID(), ...user.claims, ...filler(options.padding?.access) }, accessTtl, accessIssuedAgo),
        refreshToken: keptRefresh ?? await sign(user, { typ: 'refresh', sid: session, jti, ...filler(options.padding?.refresh) }, options.refreshTtl),
        expiresIn: accessTtl,
      }
    },
    /** The claims of a valid token of this type, or `undefined`. */
    async claims(token: string | undefined, typ: 'access' | 'refresh') {
      if (!token) return undefined
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] })
        return payload.typ === typ ? payload : undefined
      }
      catch {
        return undefined
      }
    },
  }
}

/** The sessions an issuer started: which refresh token id belongs to which, whether it was spent, which are revoked. */
function sessionBook() {
  const refreshIds = new Map<string, { session: string, spent: boolean }>()
  const revoked = new Set<string>()
  return {
    /** A new refresh token id of `session`. */
    track(session: string): string {
      const jti = randomUUID()
      refreshIds.set(jti, { session, spent: false })
      return jti
    },
    entry: (jti: unknown) => typeof jti === 'string' ? refreshIds.get(jti) : undefined,
    revoke: (session: unknown) => revoked.add(String(session)),
    isRevoked: (session: unknown) => revoked.has(String(session)),
    revokeAll() {
      for (const { session } of refreshIds.values()) revoked.add(session)
    },
  }
}

const publicUser = ({ password: _password, ...user }: IssuerUser & { password: string }): IssuerUser => user

/**
 * A small JWT issuer that behaves like a strict backend: signed HS256 tokens, refresh tokens that rotate on
 * every use, and reuse detection (presenting a spent refresh token revokes the whole session); or, with
 * `rotation: 'none'`, refresh tokens that stay the same.
 */
export function createTokenIssuer(options: IssuerOptions) {
  const signer = tokenSigner(options)
  const sessions = sessionBook()
  const stats = { logins: 0, refreshes: 0, rejected: 0, reused: 0 }
  const issue = (user: IssuerUser, session: string, access: PairOptions = {}) => signer.pair(user, session, sessions.track(session), access)
  const userById = (id: unknown) => options.users.find(user => String(user.id) === id)
  const refused = (reason: 'invalid' | 'reused' | 'revoked'): RefreshResult => {
    stats.rejected++
    return { ok: false, reason }
  }

  return {
    stats,
    /**
     * Starts a session; `accessTtl` overrides the access token's lifetime for this login, `accessIssuedAgo` dates the
     * access token that many seconds back.
     */
    async login(username: unknown, password: unknown, accessTtl?: number, accessIssuedAgo?: number): Promise<IssuedTokens | undefined> {
      const user = options.users.find(u => u.username === username && u.password === password)
      if (!user) return undefined
      stats.logins++
      return issue(publicUser(user), randomUUID(), { accessTtl, accessIssuedAgo })
    },

    async refresh(token: string | undefined): Promise<RefreshResult> {
      const payload = await signer.claims(token, 'refresh')
      const entry = sessions.entry(payload?.jti)
      const user = userById(payload?.sub)
      if (!payload || !entry || !user) return refused('invalid')
      if (entry.spent) {
        // A spent token shows up again: treat the session as stolen.
        sessions.revoke(entry.session)
        stats.reused++
        return refused('reused')
      }
      if (sessions.isRevoked(entry.session)) return refused('revoked')
      stats.refreshes++
      if (options.rotation === 'none') return { ok: true, tokens: await signer.pair(publicUser(user), entry.session, String(payload.jti), { keptRefresh: token }) }
      entry.spent = true
      return { ok: true, tokens: await issue(publicUser(user), entry.session) }
    },

    /** The user an access token belongs to, if it is valid and its session is alive. */
    async verify(token: string | undefined): Promise<IssuerUser | undefined> {
      const payload = await signer.claims(token, 'access')
      const user = userById(payload?.sub)
      if (!payload || !user || sessions.isRevoked(payload.sid)) return undefined
      return publicUser(user)
    },

    async logout(token: string | undefined): Promise<void> {
      const payload = await signer.claims(token, 'refresh')
      if (payload?.sid) sessions.revoke(payload.sid)
    },

    /** Ends every session so far, as a backend that revokes all of a user's tokens does. */
    revokeAll: sessions.revokeAll,
  }
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>
