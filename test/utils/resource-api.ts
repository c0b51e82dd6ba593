import type { IncomingMessage, ServerResponse } from 'node:http'
import { listenOnLoopback } from './loopback-server'

/** A second API that accepts the access tokens of another (a second audience of one issuer), for `axiosJwt.apis`. */
export interface ResourceApi {
  url: string
  /** Authorization headers of every request, in order. */
  authorizations: Array<string | undefined>
  /** 401s it answered. */
  unauthorized: number
  /** Access tokens it refuses although they are valid (as an API that revoked them would). */
  rejected: Set<string>
  reset: () => void
  close: () => Promise<void>
}

/**
 * Starts on 127.0.0.1 an API whose `GET /invoices` answers the user of a token `verify` accepts (the issuer's own
 * judgement), and 401 otherwise; `GET /to-other?url=` redirects (302) to `url`, to check that no token follows.
 */
export async function startResourceApi(verify: (token: string | undefined) => Promise<{ name: string } | undefined>): Promise<ResourceApi> {
  const api: ResourceApi = {
    url: '',
    authorizations: [],
    unauthorized: 0,
    rejected: new Set(),
    reset() {
      api.authorizations = []
      api.unauthorized = 0
      api.rejected.clear()
    },
    close: () => server.close(),
  }
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url || '/', 'http://127.0.0.1')
    res.setHeader('access-control-allow-origin', req.headers.origin || '*')
    res.setHeader('access-control-allow-headers', 'authorization, content-type')
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    api.authorizations.push(req.headers.authorization)
    if (url.pathname === '/to-other') return void res.writeHead(302, { location: url.searchParams.get('url') ?? '/' }).end()
    if (url.pathname !== '/invoices') return void res.writeHead(404).end()
    const token = (req.headers.authorization || '').replace(/^Bearer\s+/i, '') || undefined
    const user = token && api.rejected.has(token) ? undefined : await verify(token)
    if (!user) api.unauthorized++
    res.writeHead(user ? 200 : 401, { 'content-type': 'application/json' })
    res.end(JSON.stringify(user ? { data: [{ id: 7, owner: user.name }] } : { error: 'invalid_token' }))
  }
  const server = await listenOnLoopback((req, res) => void handle(req, res))
  api.url = server.url
  return api
}
