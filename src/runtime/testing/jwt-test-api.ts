import type { IncomingMessage, ServerResponse } from 'node:http'
import { json } from './http'
import { listenOnLoopback } from './loopback'
import { testApiRoutes } from './test-api-routes'
import { tokenShapes, type TokenShape } from './token-shapes'
import { createTokenIssuer, type IssuerOptions } from './token-issuer'
import type { JwtTestApi, JwtTestApiOptions, TestApiState } from './test-api-types'

export type { JwtTestApi, JwtTestApiCalls, JwtTestApiOptions, JwtTestApiStats, RefreshFault } from './test-api-types'

/** The `Cookie` header a browser holding this pair sends, with the module's default cookie names. */
export const cookieHeader = (tokens: { accessToken: string, refreshToken: string }) =>
  `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`

const defaultUsers = ['alice', 'bob', 'carol', 'dave', 'erin'].map((username, index) => ({
  id: index + 1,
  username,
  password: 'secret',
  name: username[0]!.toUpperCase() + username.slice(1),
}))

/** The knobs and records of a test API as it starts, and after each `reset()`. */
function initialKnobs(shape: TokenShape): Omit<JwtTestApi, 'url' | 'options' | 'shape' | 'failRefresh' | 'revokeAll' | 'login' | 'loginExpired' | 'stats' | 'verifyAccess' | 'reset' | 'close'> {
  return {
    calls: { login: 0, refresh: 0, me: 0, items: 0, unauthorized: 0 },
    authorizations: [],
    refreshBodies: [],
    refreshFault: undefined,
    rejectAll: false,
    oauth: shape === 'oauth2',
    opaque: false,
    strictLogout: false,
    itemRequests: [],
    abortedItems: [],
    revoked: [],
    rejectedTokens: new Set<string>(),
    redirects: {},
    unauthorizedStatus: 401,
  }
}

/**
 * Starts a JWT API on 127.0.0.1 (a free port) that behaves like a strict backend (rotating refresh tokens, reuse
 * detection) and counts what it is asked, for tests to assert on. Works with `@nuxt/test-utils/e2e`:
 * `setup({ env: { NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url } })`.
 */
export async function startJwtTestApi({ shape = 'default', users = defaultUsers, ...issuer }: JwtTestApiOptions = {}): Promise<JwtTestApi> {
  const options: IssuerOptions = { accessTtl: 60, refreshTtl: 3600, rotation: 'strict', users, ...issuer }
  let auth = createTokenIssuer(options)
  const loginAs = async (username = users[0]!.username, ttl?: number, issuedAgo?: number) => {
    const user = users.find(candidate => candidate.username === username)
    const tokens = user && await auth.login(username, user.password, ttl, issuedAgo)
    if (!tokens) throw new Error(`The test API has no user "${username}".`)
    return tokens
  }
  const state: TestApiState = { api: undefined!, auth: () => auth, handles: new Map(), hanging: new Set(), failures: { times: 0, status: 503 }, requests: [] }
  const api: JwtTestApi = {
    url: '',
    options,
    ...initialKnobs(shape),
    shape: tokenShapes[shape],
    failRefresh: ({ times = 1, status = 503 } = {}) => {
      state.failures = { times, status }
    },
    revokeAll: () => auth.revokeAll(),
    stats: () => ({ ...auth.stats, refreshCalls: api.calls.refresh, requests: [...state.requests] }),
    verifyAccess: token => auth.verify(token),
    login: (username, ttl) => loginAs(username, ttl),
    // Issued a second back with a one-second lifetime: expired already, without waiting for it.
    loginExpired: username => loginAs(username, 1, 1),
    reset() {
      auth = createTokenIssuer(options)
      Object.assign(api, initialKnobs(shape))
      state.handles.clear()
      state.failures = { times: 0, status: 503 }
      state.requests = []
    },
    async close() {
      for (const res of state.hanging) res.destroy()
      await server.close()
    },
  }
  state.api = api
  const handle = testApiRoutes(state)
  const server = await listenOnLoopback((req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(error => json(res, 500, { error: String(error) }))
  })
  api.url = server.url
  return api
}
