import axios, { type AxiosInstance } from 'axios'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { installJwtClient, type JwtClientOptions } from '../src/runtime/core/client'
import type { ClientOptions } from '../src/runtime/core/options'
import type { DeepPartial } from '../src/runtime/types'
import { RefreshError, SessionExpiredError } from '../src/runtime/core/errors'
import { startTestApi, type TestApi } from './utils/test-api'
import { clientOptions } from './utils/client-options'
import { memoryStore } from './utils/memory-store'
import { sleep } from './utils/time'

let api: TestApi
let other: TestApi

beforeAll(async () => {
  api = await startTestApi()
  other = await startTestApi()
})
afterAll(async () => {
  await api.close()
  await other.close()
})
beforeEach(() => {
  api.reset()
  other.reset()
  api.options.accessTtl = 60
})

/** A client of the test API: `options` over the defaults, the rest of the setup as `installJwtClient` takes it. */
type TestSetup = Partial<Omit<JwtClientOptions, 'options'>> & { options?: DeepPartial<ClientOptions> }

async function client({ options, login, ttl, ...setup }: TestSetup & { login?: boolean, ttl?: number } = {}) {
  const tokens = login === false ? {} : await api.login('alice', ttl)
  const store = setup.store ?? memoryStore(tokens)
  const ended: SessionExpiredError[] = []
  const http: AxiosInstance = axios.create({ baseURL: api.url })
  const jwt = installJwtClient(http, {
    callHook: (name, ...args) => {
      if (name === 'axios-jwt:session-ended') ended.push((args[0] as { error: SessionExpiredError }).error)
    },
    ...setup,
    options: clientOptions({ ...options, refresh: { beforeExpiry: 0, timeout: 2000, ...options?.refresh } }),
    store,
  })
  return { http, jwt, store: store as ReturnType<typeof memoryStore>, ended }
}

/** Logs in with an access token that lives one second, then waits until it has expired. */
async function expiredClient(setup: TestSetup = {}) {
  const c = await client({ ...setup, ttl: 1 })
  await sleep(1100)
  return c
}

describe('signing requests', () => {
  it('sends the token to the API origin only', async () => {
    const { http, store } = await client()
    await http.get('/echo')
    await http.get(`${api.url}/echo`)
    await http.get(`${other.url}/echo`)
    expect(api.authorizations).toEqual([`Bearer ${store.tokens.accessToken}`, `Bearer ${store.tokens.accessToken}`])
    expect(other.authorizations).toEqual([undefined])
  })

  it('judges protocol-relative and look-alike URLs by the origin they resolve to', async () => {
    const { jwt } = await client({ origin: 'http://site.test' })
    const host = new URL(api.url).host
    expect(jwt.isApiRequest({ url: '/items' })).toBe(true)
    expect(jwt.isApiRequest({ url: `//${new URL(other.url).host}/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: `http://${host}.evil.example/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: `http://${host}@evil.example/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: `https://${host}/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: '/items', baseURL: 'http://evil.example' })).toBe(false)
  })

  it('sends no token and never refreshes with `axiosJwt: { sign: false }`', async () => {
    const { http } = await client()
    api.rejectAll = true
    const error = await http.get('/items', { axiosJwt: { sign: false } }).catch(e => e)
    expect(error.response.status).toBe(401)
    expect(api.authorizations).toEqual([undefined])
    expect(api.calls.refresh).toBe(0)
  })

  it('sends no token and never refreshes with `auth: false`', async () => {
    const { http } = await client()
    api.rejectAll = true
    const error = await http.get('/items', { auth: false } as object).catch(e => e)
    expect(error.response.status).toBe(401)
    expect(api.authorizations).toEqual([undefined])
    expect(api.calls.refresh).toBe(0)
  })

  it('sends a bare token when `header.type` is empty, in the configured header', async () => {
    const { http, store } = await client({ options: { header: { name: 'X-Token', type: '' } } })
    const { data } = await http.get('/echo', { transformResponse: [(_d, headers) => headers['x-echo']] })
    expect(data).toBeUndefined()
    expect(api.authorizations).toEqual([undefined])
    expect(store.tokens.accessToken).toBeTruthy()
  })
})

describe('refresh on 401', () => {
  it('refreshes once and retries the request with the new token', async () => {
    const { http, store } = await expiredClient()
    const before = store.tokens.accessToken
    const { data } = await http.get('/items')
    expect(data.data[0].owner).toBe('Alice')
    expect(api.calls.refresh).toBe(1)
    expect(store.tokens.accessToken).not.toBe(before)
    expect(api.authorizations.at(-1)).toBe(`Bearer ${store.tokens.accessToken}`)
  })

  it('refreshes and retries on the statuses `refresh.statuses` names: an API that answers 403 to a refused token', async () => {
    api.unauthorizedStatus = 403
    const plain = await client()
    api.rejectedTokens.add(plain.store.tokens.accessToken!)
    await expect(plain.http.get('/items')).rejects.toMatchObject({ response: { status: 403 } })
    expect(api.calls.refresh).toBe(0)

    const configured = await client({ options: { refresh: { statuses: [401, 403] } } })
    api.rejectedTokens.add(configured.store.tokens.accessToken!)
    const { data } = await configured.http.get('/items')
    expect(data.data[0].owner).toBe('Alice')
    expect(api.calls.refresh).toBe(1)
  })

  it('posts the refresh token in the configured body field, and in the header when asked', async () => {
    const { http, store } = await expiredClient({ options: { tokens: { refresh: { header: true } } } })
    const refreshToken = store.tokens.refreshToken
    await http.get('/items')
    expect(api.refreshBodies).toEqual([{ refreshToken }])
    expect(api.authorizations).toContain(`Bearer ${refreshToken}`)
  })

  it('does not loop when the retried request is rejected again', async () => {
    const { http, store } = await client()
    api.rejectAll = true
    const error = await http.get('/items').catch(e => e)
    expect(error.response.status).toBe(401)
    expect(api.calls.items).toBe(2)
    expect(api.calls.refresh).toBe(1)
    expect(store.tokens.accessToken).toBeTruthy()
  })

  it('makes exactly one refresh call for 10 concurrent expired requests, and retries all', async () => {
    const { http } = await expiredClient()
    const results = await Promise.all(Array.from({ length: 10 }, () => http.get('/items')))
    expect(results.map(r => r.status)).toEqual(Array.from({ length: 10 }, () => 200))
    expect(api.calls.refresh).toBe(1)
  })

  it('makes exactly one refresh call when the proactive path and the 401 path meet', async () => {
    const { http } = await expiredClient({ options: { refresh: { beforeExpiry: 30 } } })
    const results = await Promise.all(Array.from({ length: 10 }, () => http.get('/items')))
    expect(results.every(r => r.status === 200)).toBe(true)
    expect(api.calls.refresh).toBe(1)
    expect(api.calls.unauthorized).toBe(0)
  })

  it('retries with a token refreshed meanwhile instead of refreshing again', async () => {
    const { http, jwt } = await expiredClient()
    const slow = http.get('/items')
    await jwt.refresh()
    await slow
    expect(api.calls.refresh).toBe(1)
  })

  it('takes a good pair another tab stored between its own read and the refresh, instead of refreshing it again', async () => {
    const expired = await api.loginExpired()
    const fresh = await api.login()
    // The first read sees the expired pair (a cookie read a moment before another tab's write lands); later reads see the new one.
    const store = memoryStore(fresh)
    let reads = 0
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } }, store: { ...store, get: () => reads++ === 0 ? { ...expired } : store.get() } })
    const response = await http.get('/items')
    expect(response.status).toBe(200)
    expect(api.calls.refresh).toBe(0)
    expect(api.authorizations.at(-1)).toBe(`Bearer ${fresh.accessToken}`)
  })

  it('makes one refresh call for requests whose 401s straggle in after it failed', async () => {
    const { http, store } = await client()
    api.rejectedTokens.add(store.tokens.accessToken!)
    api.refreshFault = { status: 503 }
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => http.get('/items', { params: { delay: i * 40 } })))
    expect(results.every(r => r.status === 'rejected' && r.reason instanceof RefreshError)).toBe(true)
    expect(api.calls.refresh).toBe(1)
    // A request sent after the failure tries again.
    api.refreshFault = undefined
    expect((await http.get('/items')).status).toBe(200)
    expect(api.calls.refresh).toBe(2)
  })

  it('fails every waiting request together when the refresh fails', async () => {
    const { http, store } = await expiredClient()
    api.refreshFault = { status: 503 }
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => http.get('/items')))
    expect(results.every(r => r.status === 'rejected' && r.reason instanceof RefreshError)).toBe(true)
    expect(api.calls.refresh).toBe(1)
    expect(store.tokens.refreshToken).toBeTruthy()
  })
})

describe('session over', () => {
  it('clears the tokens once and reports it when the refresh token is rejected', async () => {
    const { http, store, ended } = await expiredClient()
    await http.post(`${api.url}/auth/logout`, { refreshToken: store.tokens.refreshToken }, { auth: false } as object)
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => http.get('/items')))
    expect(results.every(r => r.status === 'rejected' && r.reason instanceof SessionExpiredError)).toBe(true)
    expect(store.tokens).toEqual({})
    expect(ended).toHaveLength(1)
    expect(ended[0]!.status).toBe(401)
  })

  it('leaves an anonymous user\'s 401 alone: no refresh, no session end', async () => {
    const { http, ended } = await client({ login: false })
    const error = await http.get('/items').catch(e => e)
    expect(error.response.status).toBe(401)
    expect(api.calls.refresh).toBe(0)
    expect(ended).toHaveLength(0)
  })

  it('ends the session when there is no refresh token', async () => {
    const { http, store, ended } = await client()
    store.tokens.refreshToken = undefined
    api.rejectAll = true
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(ended).toHaveLength(1)
    expect(api.calls.refresh).toBe(0)
  })

  it('treats statuses from `session.endStatuses` as the end, others as transient', async () => {
    const { http, store, ended } = await expiredClient({ options: { session: { endStatuses: [400] } } })
    api.refreshFault = { status: 401 }
    expect(await http.get('/items').catch(e => e)).toBeInstanceOf(RefreshError)
    expect(store.tokens.refreshToken).toBeTruthy()
    api.refreshFault = { status: 400, body: '{"error":"invalid_grant"}' }
    expect(await http.get('/items').catch(e => e)).toBeInstanceOf(SessionExpiredError)
    expect(ended).toHaveLength(1)
  })
})

describe('OAuth2 token endpoint', () => {
  const oauth: TestSetup = {
    options: {
      tokens: {
        access: { path: 'access_token' },
        refresh: { path: 'refresh_token', bodyField: 'refresh_token', bodyFormat: 'form', extraFields: { grant_type: 'refresh_token', client_id: 'web' } },
      },
      session: { endErrors: ['invalid_grant'] },
    },
  }

  it('refreshes with a form-encoded grant and reads snake_case tokens', async () => {
    const { http, store } = await expiredClient(oauth)
    api.oauth = true
    const refreshToken = store.tokens.refreshToken
    expect((await http.get('/items')).status).toBe(200)
    expect(api.refreshBodies).toEqual([{ grant_type: 'refresh_token', client_id: 'web', refresh_token: refreshToken }])
    expect(store.tokens.refreshToken).not.toBe(refreshToken)
  })

  it('ends the session on 400 invalid_grant, and not on other 400s', async () => {
    const { http, store, ended } = await expiredClient(oauth)
    api.oauth = true
    api.refreshFault = { status: 400, body: '{"error":"invalid_request"}' }
    expect(await http.get('/items').catch(e => e)).toBeInstanceOf(RefreshError)
    expect(store.tokens.refreshToken).toBeTruthy()
    api.refreshFault = undefined
    await http.post(`${api.url}/auth/logout`, { refreshToken: store.tokens.refreshToken }, { auth: false } as object)
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(error.message).toContain('invalid_grant')
    expect(ended).toHaveLength(1)
  })
})

describe('transient refresh failures keep the session', () => {
  const faults = {
    '500': { status: 500 },
    '502': { status: 502 },
    '503': { status: 503 },
    '504': { status: 504 },
    'connection reset': { reset: true },
    'a connection dropped mid-response': { cut: true },
    'a hang past the timeout': { hang: true },
    'an HTML page': { status: 200, body: '<html>maintenance</html>', contentType: 'text/html' },
    'an empty body': { status: 200, body: '' },
    'JSON without tokens': { status: 200, body: '{"data":{}}' },
    'a token that is not a string': { status: 200, body: '{"data":{"accessToken":42}}' },
  } as const

  for (const [name, fault] of Object.entries(faults)) {
    it(`survives ${name}, and the next request refreshes fine`, async () => {
      const { http, store, ended } = await expiredClient({ options: { refresh: { timeout: 300 } } })
      const kept = { ...store.tokens }
      api.refreshFault = fault
      const error = await http.get('/items').catch(e => e)
      expect(error).toBeInstanceOf(RefreshError)
      expect(error.message).toMatch(/session is kept/)
      expect(store.tokens).toEqual(kept)
      expect(ended).toHaveLength(0)
      api.refreshFault = undefined
      expect((await http.get('/items')).status).toBe(200)
    })
  }

  it('names the missing path in the error', async () => {
    const { http } = await expiredClient()
    api.refreshFault = { status: 200, body: '{"data":{}}' }
    const error = await http.get('/items').catch(e => e)
    expect(error.message).toContain('"data.accessToken"')
  })

  it('fails when the API cannot be reached at all', async () => {
    const store = memoryStore(await api.login())
    const dead = await startTestApi()
    await dead.close()
    const http = axios.create({ baseURL: api.url })
    installJwtClient(http, { store, options: clientOptions({ endpoints: { refresh: `${dead.url}/auth/refresh` }, refresh: { beforeExpiry: 0, timeout: 1000 } }) })
    api.rejectAll = true
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(RefreshError)
    expect(error.message).toMatch(/could not be reached/)
    expect(store.tokens.refreshToken).toBeTruthy()
  })

  it('keeps no token in the error message', async () => {
    const { http, store } = await expiredClient()
    api.refreshFault = { status: 502, body: 'bad gateway' }
    const error = await http.get('/items').catch(e => e)
    expect(JSON.stringify({ message: error.message, ...error })).not.toContain(store.tokens.refreshToken)
  })
})

describe('proactive refresh', () => {
  it('refreshes before sending when the token expires within the margin, so the API sees no 401', async () => {
    api.options.accessTtl = 4
    const { http } = await client({ options: { refresh: { beforeExpiry: 3 } } })
    await sleep(2100)
    await http.get('/items')
    expect(api.calls.refresh).toBe(1)
    expect(api.calls.unauthorized).toBe(0)
  })

  it('does not refresh on every request when tokens live shorter than the margin', async () => {
    api.options.accessTtl = 10
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } } })
    for (let i = 0; i < 20; i++) await http.get('/items')
    expect(api.calls.refresh).toBe(0)
    expect(api.calls.items).toBe(20)
  })

  it('does not spin when the client clock runs 10 minutes fast', async () => {
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } }, now: () => Date.now() + 10 * 60_000 })
    for (let i = 0; i < 10; i++) await http.get('/items')
    expect(api.calls.refresh).toBeLessThanOrEqual(1)
    expect(api.calls.unauthorized).toBe(0)
  })

  it('does not spin on tokens without `iat` that arrive already inside the margin', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const shortLived = () => `${b64({ alg: 'HS256' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 5 })}.sig`
    const store = memoryStore({ accessToken: shortLived(), refreshToken: 'r1' })
    const { http } = await client({ store, options: { refresh: { beforeExpiry: 30 } }, login: false })
    api.refreshFault = { status: 200, body: JSON.stringify({ data: { accessToken: shortLived(), refreshToken: 'r2' } }) }
    for (let i = 0; i < 10; i++) await http.get('/echo')
    expect(api.calls.refresh).toBe(1)
  })

  it('learns the API clock from a refreshed token when the client clock runs 10 minutes slow', async () => {
    api.options.accessTtl = 6
    const { http, jwt } = await client({ options: { refresh: { beforeExpiry: 30 } }, now: () => Date.now() - 10 * 60_000 })
    await jwt.refresh()
    await sleep(3100)
    // Half of the 6 s lifetime is left or less: due for a proactive refresh by the API's clock.
    await http.get('/items')
    expect(api.calls.refresh).toBe(2)
    expect(api.calls.unauthorized).toBe(0)
  })

  it('uses the old token when a proactive refresh fails transiently but the token still works', async () => {
    api.options.accessTtl = 4
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } } })
    await sleep(2100)
    api.refreshFault = { status: 503 }
    const { status } = await http.get('/items')
    expect(status).toBe(200)
    expect(api.calls.refresh).toBe(1)
  })
})

describe('opaque tokens', () => {
  it('works with tokens that are not JWTs, refreshing on 401 only', async () => {
    const store = memoryStore({ accessToken: 'opaque-access', refreshToken: 'opaque-refresh' })
    const { http } = await client({ store, options: { refresh: { beforeExpiry: 30 } }, login: false })
    // The test API issues JWTs; answer the refresh with a pair of opaque-looking shape by hand.
    const fresh = await api.login()
    api.refreshFault = { status: 200, body: JSON.stringify({ data: { accessToken: fresh.accessToken, refreshToken: 'opaque-refresh-2' } }) }
    expect((await http.get('/items')).status).toBe(200)
    expect(api.refreshBodies).toEqual([{ refreshToken: 'opaque-refresh' }])
    expect(api.calls.unauthorized).toBe(1)
    expect(store.tokens).toEqual({ accessToken: fresh.accessToken, refreshToken: 'opaque-refresh-2' })
  })

  it('keeps the refresh token when the API does not rotate it', async () => {
    const { http, store } = await expiredClient()
    const refreshToken = store.tokens.refreshToken
    const fresh = await api.login()
    api.refreshFault = { status: 200, body: JSON.stringify({ data: { accessToken: fresh.accessToken } }) }
    await http.get('/items')
    expect(store.tokens).toEqual({ accessToken: fresh.accessToken, refreshToken })
  })
})

describe('around the refresh', () => {
  it('strips a custom token header from a redirect to another origin, as axios does for Authorization', async () => {
    const { http, store } = await client({ options: { header: { name: 'X-Access-Token', type: '' } } })
    const same = await http.get<{ accessToken: string | null }>('/redirect', { params: { to: `${api.url}/echo` } })
    expect(same.data.accessToken).toBe(store.tokens.accessToken)
    const away = await http.get<{ accessToken: string | null }>('/redirect', { params: { to: `${other.url}/echo` } })
    expect(away.data.accessToken).toBeNull()
  })

  it('follows no redirect with the refresh token: a 307 to another origin is a transient failure', async () => {
    const { http, store } = await expiredClient({
      options: { endpoints: { refresh: `/redirect?status=307&to=${encodeURIComponent(`${other.url}/auth/refresh`)}` } },
    })
    const refreshToken = store.tokens.refreshToken
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(RefreshError)
    expect(other.refreshBodies).toEqual([])
    expect(other.calls.refresh).toBe(0)
    expect(store.tokens.refreshToken).toBe(refreshToken)
  })

  it('gives the whole refresh call `refresh.timeout`, however slowly its answer trickles in', async () => {
    const { http, store } = await expiredClient({ options: { refresh: { timeout: 1000 } } })
    api.refreshFault = { trickle: { everyMs: 100, forMs: 4000 } }
    const started = Date.now()
    const error = await http.get('/items').catch(e => e)
    // The upstream would take 4 s; the deadline ends the call at 1 s (with room for a slow machine).
    expect(Date.now() - started).toBeLessThan(3000)
    expect(error).toBeInstanceOf(RefreshError)
    expect(error.message).toMatch(/did not answer in time/)
    expect(store.tokens.refreshToken).toBeTruthy()
  })

  it('keeps no copy of the access token on the request config', async () => {
    const { http, store } = await client()
    const missing = await http.get('/missing').catch(e => e)
    const ok = await http.get('/echo')
    expect(missing.response.status).toBe(404)
    const states = [missing.config._axiosJwt, (ok.config as { _axiosJwt?: unknown })._axiosJwt]
    expect(states.every(Boolean)).toBe(true)
    expect(JSON.stringify(states)).not.toContain(store.tokens.accessToken)
  })
})

describe('refresh.beforeExpiry: 0', () => {
  it('sends a token that is still valid, and refreshes before sending one whose exp has passed', async () => {
    api.options.accessTtl = 3
    const { http } = await client({ options: { refresh: { beforeExpiry: 0 } } })
    await http.get('/items')
    expect(api.calls.refresh).toBe(0)
    await sleep(3100)
    await http.get('/items')
    expect(api.calls.refresh).toBe(1)
    expect(api.calls.unauthorized).toBe(0)
  })
})
