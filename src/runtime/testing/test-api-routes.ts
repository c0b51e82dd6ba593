import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { json, readBody, trickle } from './http'
import type { TestApiState } from './test-api-types'
import { tokenShapes } from './token-shapes'
import type { IssuedTokens, IssuerUser } from './token-issuer'

interface RouteContext {
  state: TestApiState
  req: IncomingMessage
  res: ServerResponse
  url: URL
}

type Route = (context: RouteContext) => Promise<void> | void

const tokenOf = (value: unknown): string | undefined => typeof value === 'string' ? value : undefined

/** The pair as the API hands it out: with an opaque handle in place of the access token when `opaque`. */
function present({ api, handles }: TestApiState, tokens: IssuedTokens): IssuedTokens {
  if (!api.opaque) return tokens
  const handle = `opaque-${randomUUID()}`
  handles.set(handle, tokens.accessToken)
  return { ...tokens, accessToken: handle }
}

/** The user of the request's access token, or a 401 (`unauthorizedStatus`) answered. */
async function protectedUser({ state, req, res }: RouteContext): Promise<IssuerUser | undefined> {
  const { api } = state
  const token = (req.headers.authorization || '').replace(/^Bearer\s+/i, '') || undefined
  const rejected = api.rejectAll || (token !== undefined && api.rejectedTokens.has(token))
  const user = rejected ? undefined : await state.auth().verify(api.opaque && token ? state.handles.get(token) : token)
  if (!user) {
    api.calls.unauthorized++
    json(res, api.unauthorizedStatus, { error: 'invalid_token' })
  }
  return user
}

/** Answers a fault instead of refreshing (`failRefresh`, then `refreshFault`); `false` when there is none. */
async function refreshFault({ state, req, res }: RouteContext): Promise<boolean> {
  if (state.failures.times > 0) {
    state.failures.times--
    json(res, state.failures.status, { error: 'temporarily_unavailable' })
    return true
  }
  const fault = state.api.refreshFault
  if (!fault) return false
  if ('hang' in fault) state.hanging.add(res)
  else if ('reset' in fault) req.socket.destroy()
  else if ('trickle' in fault) await trickle(res, fault.trickle, state.api.shape(await state.api.login()))
  else if ('cut' in fault) {
    req.socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"data":')
    req.socket.destroy()
  }
  else {
    res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' })
    res.end(fault.body ?? '')
  }
  return true
}

/** The refresh token of a refresh or logout body, in any field the token shapes read it from. */
const refreshTokenOf = (body: Record<string, unknown>) => tokenOf(body.refreshToken) ?? tokenOf(body.refresh_token) ?? tokenOf(body.refresh)

/** The refresh as an OAuth2 token endpoint answers it: a form grant, 400 `invalid_grant`. */
async function oauthRefresh({ state, req, res }: RouteContext, body: Record<string, unknown>) {
  const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
  if (!form || body.grant_type !== 'refresh_token') return json(res, 400, { error: 'invalid_request' })
  const result = await state.auth().refresh(tokenOf(body.refresh_token))
  if (!result.ok) return json(res, 400, { error: 'invalid_grant', error_description: `refresh token ${result.reason}` })
  json(res, 200, tokenShapes.oauth2(present(state, result.tokens)))
}

/** The session routes: login, refresh (faults first), logout and the user. */
const sessionRoutes: Record<string, Route> = {
  async 'POST /auth/login'({ state, req, res }) {
    state.api.calls.login++
    const body = await readBody(req)
    const tokens = await state.auth().login(body.username, body.password)
    return tokens ? json(res, 200, state.api.shape(present(state, tokens))) : json(res, 401, { error: 'wrong credentials' })
  },
  async 'POST /auth/refresh'(context) {
    const { api } = context.state
    api.calls.refresh++
    const body = await readBody(context.req)
    api.refreshBodies.push(body)
    if (await refreshFault(context)) return
    if (api.oauth) return oauthRefresh(context, body)
    const result = await context.state.auth().refresh(refreshTokenOf(body))
    return result.ok ? json(context.res, 200, api.shape(present(context.state, result.tokens))) : json(context.res, 401, { error: result.reason })
  },
  async 'POST /auth/logout'(context) {
    const { api } = context.state
    if (api.strictLogout && !await protectedUser(context)) return
    const body = await readBody(context.req)
    const refreshToken = refreshTokenOf(body)
    await context.state.auth().logout(refreshToken)
    if (refreshToken) api.revoked.push(refreshToken)
    json(context.res, 200, { ok: true })
  },
  async 'GET /auth/me'(context) {
    context.state.api.calls.me++
    const user = await protectedUser(context)
    if (user) json(context.res, 200, { data: user })
  },
}

/** The resources: protected items (`?delay=` ms), an upload, and an echo of what reached the API. */
const resourceRoutes: Record<string, Route> = {
  async 'GET /items'(context) {
    const { state: { api }, req, res, url } = context
    api.calls.items++
    api.itemRequests.push({ query: url.search, browser: Boolean(req.headers.origin) })
    res.on('close', () => {
      if (!res.writableFinished) api.abortedItems.push(url.search)
    })
    const delay = Number(url.searchParams.get('delay')) || 0
    if (delay) await new Promise(resolve => setTimeout(resolve, Math.min(delay, 5000)))
    const user = await protectedUser(context)
    if (user) json(res, 200, { data: [{ id: 1, name: 'Keys', owner: user.name, q: url.searchParams.get('q') }], total: 1 })
  },
  async 'POST /upload'(context) {
    let bytes = 0
    for await (const chunk of context.req) bytes += (chunk as Buffer).length
    const user = await protectedUser(context)
    if (user) json(context.res, 200, { bytes, type: context.req.headers['content-type'] ?? null, owner: user.name })
  },
  'GET /echo'({ req, res, url }) {
    json(res, 200, { authorization: req.headers.authorization ?? null, accessToken: req.headers['x-access-token'] ?? null, cookie: req.headers.cookie ?? null, forwardedHost: req.headers['x-forwarded-host'] ?? null, query: url.search, headers: req.headers })
  },
}

/** What an API serves that a proxy in front of it must handle with care: uploaded files, streams, large bodies. */
const contentRoutes: Record<string, Route> = {
  // A file as a user uploaded it: HTML whose script, run on the site's origin, would call the API as the user.
  'GET /files/upload.html'({ res }) {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>upload</title><script>document.title = "script ran"; fetch("/api/items?from=upload")</script>')
  },
  // An event stream of the user's: `?events=` events, 200 ms apart (5 unless told), then the end.
  async 'GET /events'(context) {
    const user = await protectedUser(context)
    if (!user) return
    const { res, url } = context
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
    const count = Math.min(Number(url.searchParams.get('events')) || 5, 1000)
    for (let id = 1; id <= count && !res.destroyed; id++) {
      res.write(`id: ${id}\ndata: ${user.name}:${id}\n\n`)
      await new Promise(resolve => setTimeout(resolve, 200))
    }
    res.end()
  },
  // `?bytes=` bytes (at most 64 MB), with `Content-Length` unless `?chunked=1`.
  'GET /bytes'({ res, url }) {
    const size = Math.min(Number(url.searchParams.get('bytes')) || 0, 64 * 1024 * 1024)
    res.writeHead(200, { 'content-type': 'application/octet-stream', ...url.searchParams.get('chunked') ? {} : { 'content-length': size } })
    const chunk = Buffer.alloc(64 * 1024, 120)
    let left = size
    const write = () => {
      while (left > 0) {
        const part = chunk.subarray(0, Math.min(left, chunk.length))
        left -= part.length
        if (!res.write(part)) return void res.once('drain', write)
      }
      res.end()
    }
    res.on('close', () => {
      left = 0
    })
    write()
  },
}

const routes: Record<string, Route> = { ...sessionRoutes, ...resourceRoutes, ...contentRoutes }

/** The test API's request handler over its state: CORS for pages, the records, redirects asked for, then the routes. */
export function testApiRoutes(state: TestApiState): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1')
    res.setHeader('access-control-allow-origin', req.headers.origin || '*')
    res.setHeader('access-control-allow-headers', 'authorization, content-type, x-test')
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    state.api.authorizations.push(req.headers.authorization)
    state.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization: req.headers.authorization })
    const route = `${req.method} ${url.pathname}`
    const redirect = state.api.redirects[route]
    if (redirect) return void res.writeHead(307, { location: redirect }).end()
    // A redirect anywhere (`?to=`, `?status=`), for the tests of where tokens go.
    if (url.pathname === '/redirect') return void res.writeHead(Number(url.searchParams.get('status')) || 302, { location: url.searchParams.get('to') || '/echo' }).end()
    const answer = routes[route]
    if (answer) return answer({ state, req, res, url })
    json(res, 404, { error: 'not found' })
  }
}
