// The token client (core/client/client.ts): which requests it signs, the refresh on 401 and its single flight, the session's end.
import { describe, expect, it } from 'vitest'
import { memoryStore } from '../utils/memory-store'
import { RefreshError, SessionExpiredError } from '../../src/runtime/core/errors'
import { clientHarness, type TestSetup } from '../utils/client-harness'

const { servers, client, expiredClient } = clientHarness()

describe('signing requests', () => {
  it('sends the token to the API origin only', async () => {
    const { http, store } = await client()
    await http.get('/echo')
    await http.get(`${servers.api.url}/echo`)
    await http.get(`${servers.other.url}/echo`)
    expect(servers.api.authorizations).toEqual([`Bearer ${store.tokens.accessToken}`, `Bearer ${store.tokens.accessToken}`])
    expect(servers.other.authorizations).toEqual([undefined])
  })

  it('judges protocol-relative and look-alike URLs by the origin they resolve to', async () => {
    const { jwt } = await client({ origin: 'http://site.test' })
    const host = new URL(servers.api.url).host
    expect(jwt.isApiRequest({ url: '/items' })).toBe(true)
    expect(jwt.isApiRequest({ url: `//${new URL(servers.other.url).host}/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: `http://${host}.evil.example/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: `http://${host}@evil.example/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: `https://${host}/echo` })).toBe(false)
    expect(jwt.isApiRequest({ url: '/items', baseURL: 'http://evil.example' })).toBe(false)
  })

  it('sends no token and never refreshes with `axiosJwt: { sign: false }`', async () => {
    const { http } = await client()
    servers.api.rejectAll = true
    const error = await http.get('/items', { axiosJwt: { sign: false } }).catch(e => e)
    expect(error.response.status).toBe(401)
    expect(servers.api.authorizations).toEqual([undefined])
    expect(servers.api.calls.refresh).toBe(0)
  })

  it('sends no token and never refreshes with `auth: false`', async () => {
    const { http } = await client()
    servers.api.rejectAll = true
    const error = await http.get('/items', { auth: false } as object).catch(e => e)
    expect(error.response.status).toBe(401)
    expect(servers.api.authorizations).toEqual([undefined])
    expect(servers.api.calls.refresh).toBe(0)
  })

  it('sends a bare token when `header.type` is empty, in the configured header', async () => {
    const { http, store } = await client({ options: { header: { name: 'X-Token', type: '' } } })
    const { data } = await http.get('/echo', { transformResponse: [(_d, headers) => headers['x-echo']] })
    expect(data).toBeUndefined()
    expect(servers.api.authorizations).toEqual([undefined])
    expect(store.tokens.accessToken).toBeTruthy()
  })
})

describe('refresh on 401', () => {
  it('refreshes once and retries the request with the new token', async () => {
    const { http, store } = await expiredClient()
    const before = store.tokens.accessToken
    const { data } = await http.get('/items')
    expect(data.data[0].owner).toBe('Alice')
    expect(servers.api.calls.refresh).toBe(1)
    expect(store.tokens.accessToken).not.toBe(before)
    expect(servers.api.authorizations.at(-1)).toBe(`Bearer ${store.tokens.accessToken}`)
  })

  it('refreshes and retries on the statuses `refresh.statuses` names: an API that answers 403 to a refused token', async () => {
    servers.api.unauthorizedStatus = 403
    const plain = await client()
    servers.api.rejectedTokens.add(plain.store.tokens.accessToken!)
    await expect(plain.http.get('/items')).rejects.toMatchObject({ response: { status: 403 } })
    expect(servers.api.calls.refresh).toBe(0)

    const configured = await client({ options: { refresh: { statuses: [401, 403] } } })
    servers.api.rejectedTokens.add(configured.store.tokens.accessToken!)
    const { data } = await configured.http.get('/items')
    expect(data.data[0].owner).toBe('Alice')
    expect(servers.api.calls.refresh).toBe(1)
  })

  it('posts the refresh token in the configured body field, and in the header when asked', async () => {
    const { http, store } = await expiredClient({ options: { tokens: { refresh: { header: true } } } })
    const refreshToken = store.tokens.refreshToken
    await http.get('/items')
    expect(servers.api.refreshBodies).toEqual([{ refreshToken }])
    expect(servers.api.authorizations).toContain(`Bearer ${refreshToken}`)
  })

  it('does not loop when the retried request is rejected again', async () => {
    const { http, store } = await client()
    servers.api.rejectAll = true
    const error = await http.get('/items').catch(e => e)
    expect(error.response.status).toBe(401)
    expect(servers.api.calls.items).toBe(2)
    expect(servers.api.calls.refresh).toBe(1)
    expect(store.tokens.accessToken).toBeTruthy()
  })

  it('makes exactly one refresh call for 10 concurrent expired requests, and retries all', async () => {
    const { http } = await expiredClient()
    const results = await Promise.all(Array.from({ length: 10 }, () => http.get('/items')))
    expect(results.map(r => r.status)).toEqual(Array.from({ length: 10 }, () => 200))
    expect(servers.api.calls.refresh).toBe(1)
  })

  it('makes exactly one refresh call when the proactive path and the 401 path meet', async () => {
    const { http } = await expiredClient({ options: { refresh: { beforeExpiry: 30 } } })
    const results = await Promise.all(Array.from({ length: 10 }, () => http.get('/items')))
    expect(results.every(r => r.status === 200)).toBe(true)
    expect(servers.api.calls.refresh).toBe(1)
    expect(servers.api.calls.unauthorized).toBe(0)
  })

  it('retries with a token refreshed meanwhile instead of refreshing again', async () => {
    const { http, jwt } = await expiredClient()
    const slow = http.get('/items')
    await jwt.refresh()
    await slow
    expect(servers.api.calls.refresh).toBe(1)
  })

  it('takes a good pair another tab stored between its own read and the refresh, instead of refreshing it again', async () => {
    const expired = await servers.api.loginExpired()
    const fresh = await servers.api.login()
    // The first read sees the expired pair (a cookie read a moment before another tab's write lands); later reads see the new one.
    const store = memoryStore(fresh)
    let reads = 0
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } }, store: { ...store, get: () => reads++ === 0 ? { ...expired } : store.get() } })
    const response = await http.get('/items')
    expect(response.status).toBe(200)
    expect(servers.api.calls.refresh).toBe(0)
    expect(servers.api.authorizations.at(-1)).toBe(`Bearer ${fresh.accessToken}`)
  })

  it('makes one refresh call for requests whose 401s straggle in after it failed', async () => {
    const { http, store } = await client()
    servers.api.rejectedTokens.add(store.tokens.accessToken!)
    servers.api.refreshFault = { status: 503 }
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => http.get('/items', { params: { delay: i * 40 } })))
    expect(results.every(r => r.status === 'rejected' && r.reason instanceof RefreshError)).toBe(true)
    expect(servers.api.calls.refresh).toBe(1)
    // A request sent after the failure tries again.
    servers.api.refreshFault = undefined
    expect((await http.get('/items')).status).toBe(200)
    expect(servers.api.calls.refresh).toBe(2)
  })

  it('fails every waiting request together when the refresh fails', async () => {
    const { http, store } = await expiredClient()
    servers.api.refreshFault = { status: 503 }
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => http.get('/items')))
    expect(results.every(r => r.status === 'rejected' && r.reason instanceof RefreshError)).toBe(true)
    expect(servers.api.calls.refresh).toBe(1)
    expect(store.tokens.refreshToken).toBeTruthy()
  })
})

describe('session over', () => {
  it('clears the tokens once and reports it when the refresh token is rejected', async () => {
    const { http, store, ended } = await expiredClient()
    await http.post(`${servers.api.url}/auth/logout`, { refreshToken: store.tokens.refreshToken }, { auth: false } as object)
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
    expect(servers.api.calls.refresh).toBe(0)
    expect(ended).toHaveLength(0)
  })

  it('ends the session when there is no refresh token', async () => {
    const { http, store, ended } = await client()
    store.tokens.refreshToken = undefined
    servers.api.rejectAll = true
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(ended).toHaveLength(1)
    expect(servers.api.calls.refresh).toBe(0)
  })

  it('treats statuses from `session.endStatuses` as the end, others as transient', async () => {
    const { http, store, ended } = await expiredClient({ options: { session: { endStatuses: [400] } } })
    servers.api.refreshFault = { status: 401 }
    expect(await http.get('/items').catch(e => e)).toBeInstanceOf(RefreshError)
    expect(store.tokens.refreshToken).toBeTruthy()
    servers.api.refreshFault = { status: 400, body: '{"error":"invalid_grant"}' }
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
    servers.api.oauth = true
    const refreshToken = store.tokens.refreshToken
    expect((await http.get('/items')).status).toBe(200)
    expect(servers.api.refreshBodies).toEqual([{ grant_type: 'refresh_token', client_id: 'web', refresh_token: refreshToken }])
    expect(store.tokens.refreshToken).not.toBe(refreshToken)
  })

  it('ends the session on 400 invalid_grant, and not on other 400s', async () => {
    const { http, store, ended } = await expiredClient(oauth)
    servers.api.oauth = true
    servers.api.refreshFault = { status: 400, body: '{"error":"invalid_request"}' }
    expect(await http.get('/items').catch(e => e)).toBeInstanceOf(RefreshError)
    expect(store.tokens.refreshToken).toBeTruthy()
    servers.api.refreshFault = undefined
    await http.post(`${servers.api.url}/auth/logout`, { refreshToken: store.tokens.refreshToken }, { auth: false } as object)
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(error.message).toContain('invalid_grant')
    expect(ended).toHaveLength(1)
  })
})
