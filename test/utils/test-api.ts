import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { listenOnLoopback } from './loopback-server'
import { sleep } from './time'
import { createTokenIssuer, type TokenIssuer, type IssuerOptions, type IssuedTokens } from './token-issuer'

/** What the refresh endpoint does instead of its job, to test how the client copes. */
export type RefreshFault
  = | { status: number, body?: string, contentType?: string }
    | { hang: true }
    | { reset: true }
    /** Starts a response, then drops the connection mid-body (browsers do not retry this). */
    | { cut: true }
    /** Starts a response, then sends one byte of it every `everyMs` for `forMs`, then the rest. */
    | { trickle: { everyMs: number, forMs: number } }

export interface TestApiCalls {
  login: number
  refresh: number
  me: number
  items: number
  /** 401s answered on protected routes. */
  unauthorized: number
}

export interface TestApi {
  url: string
  options: IssuerOptions
  calls: TestApiCalls
  /** Authorization headers seen on every request, refresh included, in order. */
  authorizations: Array<string | undefined>
  /** Bodies posted to the refresh endpoint. */
  refreshBodies: unknown[]
  /** Set to make the refresh endpoint misbehave; `undefined` restores it. */
  refreshFault?: RefreshFault
  /** Protected routes answer 401 whatever the token. */
  rejectAll: boolean
  /** Speak OAuth2 (RFC 6749 §6) at the refresh endpoint: form body with `grant_type`, `invalid_grant` on 400. */
  oauth: boolean
  /** Hand out opaque access tokens (random handles, not JWTs) in place of the signed ones. */
  opaque: boolean
  /** The logout endpoint revokes only for a caller with a valid access token, as most APIs do. */
  strictLogout: boolean
  /** Requests to `/items`, in order: their query and whether a browser made them (it sends `Origin`). */
  itemRequests: Array<{ query: string, browser: boolean }>
  /** Queries of `/items` requests whose client went away before the answer. */
  abortedItems: string[]
  /** Refresh tokens the logout endpoint revoked. */
  revoked: string[]
  /** Access tokens that protected routes reject although they are valid and unexpired. */
  rejectedTokens: Set<string>
  /** The status protected routes answer a token they refuse with; some APIs answer 403. */
  unauthorizedStatus: number
  /** Routes (`'POST /auth/login'`) answered with a 307 to another address instead. */
  redirects: Record<string, string>
  /** Shape of the token responses; the default matches the module's defaults. */
  shape: (tokens: IssuedTokens) => unknown
  /** A new session; `ttl` sets its access token's lifetime in seconds. */
  login: (username?: string, ttl?: number) => Promise<IssuedTokens>
  /** A new session whose access token has already expired (it lived one second). */
  loginExpired: (username?: string) => Promise<IssuedTokens>
  stats: () => TokenIssuer['stats']
  /** The user of a valid, unrevoked access token of this API, as its protected routes judge it; for other APIs that trust it. */
  verifyAccess: (token: string | undefined) => Promise<{ id: number, name: string } | undefined>
  reset: () => void
  close: () => Promise<void>
}

/** The `Cookie` header a browser holding this pair sends. */
export const cookieHeader = (tokens: { accessToken: string, refreshToken: string }) =>
  `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** A JSON answer that arrives one byte at a time, as from a stalled upstream. */
async function trickle(res: ServerResponse, { everyMs, forMs }: { everyMs: number, forMs: number }, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  let sent = 0
  for (const until = Date.now() + forMs; Date.now() < until && sent < text.length - 1 && !res.destroyed; sent++) {
    res.write(text[sent])
    await sleep(everyMs)
  }
  if (!res.destroyed) res.end(text.slice(sent))
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = ''
  for await (const chunk of req) raw += chunk
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw))
  try {
    const parsed = JSON.parse(raw || '{}')
    return parsed && typeof parsed === 'object' ? parsed : {}
  }
  catch {
    return {}
  }
}

/**
 * A JWT API on 127.0.0.1 that behaves like a strict backend (rotating refresh tokens, reuse detection)
 * and counts what it is asked, for tests to assert on.
 */
export async function startTestApi(overrides: Partial<IssuerOptions> = {}): Promise<TestApi> {
  const options: IssuerOptions = {
    accessTtl: 60,
    refreshTtl: 3600,
    users: [
      { id: 1, username: 'alice', password: 'secret', name: 'Alice' },
      { id: 2, username: 'bob', password: 'secret', name: 'Bob' },
      { id: 3, username: 'carol', password: 'secret', name: 'Carol' },
      { id: 4, username: 'dave', password: 'secret', name: 'Dave' },
      { id: 5, username: 'erin', password: 'secret', name: 'Erin' },
    ],
    ...overrides,
  }
  let auth = createTokenIssuer(options)
  /** The issuer behind the API, for tests that look at its counters (refreshes, reuse detected). */
  const issuer = () => auth
  const hanging = new Set<ServerResponse>()

  const api: TestApi = {
    url: '',
    options,
    calls: { login: 0, refresh: 0, me: 0, items: 0, unauthorized: 0 },
    authorizations: [],
    refreshBodies: [],
    rejectAll: false,
    oauth: false,
    opaque: false,
    strictLogout: false,
    itemRequests: [],
    abortedItems: [],
    revoked: [],
    rejectedTokens: new Set(),
    redirects: {},
    unauthorizedStatus: 401,
    shape: tokens => ({ data: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken } }),
    stats: () => issuer().stats,
    verifyAccess: token => auth.verify(token),
    async login(username = 'alice', ttl?: number) {
      const tokens = await auth.login(username, 'secret', ttl)
      if (!tokens) throw new Error(`no test user ${username}`)
      return tokens
    },
    async loginExpired(username = 'alice') {
      const tokens = await api.login(username, 1)
      await sleep(1100)
      return tokens
    },
    reset() {
      auth = createTokenIssuer(options)
      api.calls = { login: 0, refresh: 0, me: 0, items: 0, unauthorized: 0 }
      api.authorizations = []
      api.refreshBodies = []
      api.refreshFault = undefined
      api.rejectAll = false
      api.oauth = false
      api.opaque = false
      api.strictLogout = false
      api.revoked = []
      api.itemRequests = []
      api.abortedItems = []
      handles.clear()
      api.rejectedTokens.clear()
      api.redirects = {}
      api.unauthorizedStatus = 401
    },
    async close() {
      for (const res of hanging) res.destroy()
      await server.close()
    },
  }

  // Opaque handle -> the signed token behind it.
  const handles = new Map<string, string>()
  const present = (tokens: IssuedTokens): IssuedTokens => {
    if (!api.opaque) return tokens
    const handle = `opaque-${randomUUID()}`
    handles.set(handle, tokens.accessToken)
    return { ...tokens, accessToken: handle }
  }

  async function protectedUser(req: IncomingMessage, res: ServerResponse) {
    const token = (req.headers.authorization || '').replace(/^Bearer\s+/i, '') || undefined
    const rejected = api.rejectAll || (token !== undefined && api.rejectedTokens.has(token))
    const user = rejected ? undefined : await auth.verify(api.opaque && token ? handles.get(token) : token)
    if (!user) {
      api.calls.unauthorized++
      json(res, api.unauthorizedStatus, { error: 'invalid_token' })
    }
    return user
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url || '/', 'http://127.0.0.1')
    res.setHeader('access-control-allow-origin', req.headers.origin || '*')
    res.setHeader('access-control-allow-headers', 'authorization, content-type, x-test')
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    api.authorizations.push(req.headers.authorization)
    const route = `${req.method} ${url.pathname}`
    const redirect = api.redirects[route]
    if (redirect) return void res.writeHead(307, { location: redirect }).end()

    if (route === 'POST /auth/login') {
      api.calls.login++
      const body = await readJson(req)
      const tokens = await auth.login(body.username, body.password)
      return tokens ? json(res, 200, api.shape(present(tokens))) : json(res, 401, { error: 'wrong credentials' })
    }
    if (route === 'POST /auth/refresh') {
      api.calls.refresh++
      const body = await readJson(req)
      api.refreshBodies.push(body)
      const fault = api.refreshFault
      if (fault && 'hang' in fault) return void hanging.add(res)
      if (fault && 'reset' in fault) return void req.socket.destroy()
      if (fault && 'trickle' in fault) return trickle(res, fault.trickle, api.shape(await api.login()))
      if (fault && 'cut' in fault) {
        req.socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"data":')
        return void req.socket.destroy()
      }
      if (fault) {
        res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' })
        return void res.end(fault.body ?? '')
      }
      if (api.oauth) {
        const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
        if (!form || body.grant_type !== 'refresh_token') return json(res, 400, { error: 'invalid_request' })
        const result = await auth.refresh(typeof body.refresh_token === 'string' ? body.refresh_token : undefined)
        if (!result.ok) return json(res, 400, { error: 'invalid_grant', error_description: `refresh token ${result.reason}` })
        const tokens = present(result.tokens)
        return json(res, 200, { access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer', expires_in: tokens.expiresIn })
      }
      const result = await auth.refresh(typeof body.refreshToken === 'string' ? body.refreshToken : undefined)
      return result.ok ? json(res, 200, api.shape(present(result.tokens))) : json(res, 401, { error: result.reason })
    }
    if (route === 'POST /auth/logout') {
      if (api.strictLogout && !await protectedUser(req, res)) return
      const body = await readJson(req)
      const refreshToken = typeof body.refreshToken === 'string' ? body.refreshToken : undefined
      await auth.logout(refreshToken)
      if (refreshToken) api.revoked.push(refreshToken)
      return json(res, 200, { ok: true })
    }
    if (route === 'GET /auth/me') {
      api.calls.me++
      const user = await protectedUser(req, res)
      return user && json(res, 200, { data: user })
    }
    if (route === 'GET /items') {
      api.calls.items++
      api.itemRequests.push({ query: url.search, browser: Boolean(req.headers.origin) })
      res.on('close', () => {
        if (!res.writableFinished) api.abortedItems.push(url.search)
      })
      const delay = Number(url.searchParams.get('delay')) || 0
      if (delay) await new Promise(resolve => setTimeout(resolve, Math.min(delay, 5000)))
      const user = await protectedUser(req, res)
      return user && json(res, 200, { data: [{ id: 1, name: 'Keys', owner: user.name, q: url.searchParams.get('q') }], total: 1 })
    }
    if (route === 'POST /upload') {
      let bytes = 0
      for await (const chunk of req) bytes += (chunk as Buffer).length
      const user = await protectedUser(req, res)
      return user && json(res, 200, { bytes, type: req.headers['content-type'] ?? null, owner: user.name })
    }
    if (route === 'GET /echo') {
      return json(res, 200, { authorization: req.headers.authorization ?? null, accessToken: req.headers['x-access-token'] ?? null, cookie: req.headers.cookie ?? null, forwardedHost: req.headers['x-forwarded-host'] ?? null, query: url.search })
    }
    if (url.pathname === '/redirect') {
      res.writeHead(Number(url.searchParams.get('status')) || 302, { location: url.searchParams.get('to') || '/echo' })
      return void res.end()
    }
    json(res, 404, { error: 'not found' })
  }

  const server = await listenOnLoopback((req, res) => {
    handle(req, res).catch(error => json(res, 500, { error: String(error) }))
  })
  api.url = server.url
  return api
}
