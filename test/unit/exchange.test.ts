// The refresh call (core/client/exchange.ts): transient failures keep the session, the call's deadline and where it may go.
import { describe, expect, it } from 'vitest'
import axios from 'axios'
import { installJwtClient } from '../../src/runtime/core/client/client'
import { memoryStore } from '../utils/memory-store'
import { clientOptions } from '../utils/client-options'
import { startTestApi } from '../utils/test-api'
import { RefreshError } from '../../src/runtime/core/errors'
import { clientHarness } from '../utils/client-harness'

const { servers, client, expiredClient } = clientHarness()

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
      servers.api.refreshFault = fault
      const error = await http.get('/items').catch(e => e)
      expect(error).toBeInstanceOf(RefreshError)
      expect(error.message).toMatch(/session is kept/)
      expect(store.tokens).toEqual(kept)
      expect(ended).toHaveLength(0)
      servers.api.refreshFault = undefined
      expect((await http.get('/items')).status).toBe(200)
    })
  }

  it('names the missing path in the error', async () => {
    const { http } = await expiredClient()
    servers.api.refreshFault = { status: 200, body: '{"data":{}}' }
    const error = await http.get('/items').catch(e => e)
    expect(error.message).toContain('"data.accessToken"')
  })

  it('fails when the API cannot be reached at all', async () => {
    const store = memoryStore(await servers.api.login())
    const dead = await startTestApi()
    await dead.close()
    const http = axios.create({ baseURL: servers.api.url })
    installJwtClient(http, { store, options: clientOptions({ endpoints: { refresh: `${dead.url}/auth/refresh` }, refresh: { beforeExpiry: 0, timeout: 1000 } }) })
    servers.api.rejectAll = true
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(RefreshError)
    expect(error.message).toMatch(/could not be reached/)
    expect(store.tokens.refreshToken).toBeTruthy()
  })

  it('keeps no token in the error message', async () => {
    const { http, store } = await expiredClient()
    servers.api.refreshFault = { status: 502, body: 'bad gateway' }
    const error = await http.get('/items').catch(e => e)
    expect(JSON.stringify({ message: error.message, ...error })).not.toContain(store.tokens.refreshToken)
  })
})

describe('around the refresh', () => {
  it('strips a custom token header from a redirect to another origin, as axios does for Authorization', async () => {
    const { http, store } = await client({ options: { header: { name: 'X-Access-Token', type: '' } } })
    const same = await http.get<{ accessToken: string | null }>('/redirect', { params: { to: `${servers.api.url}/echo` } })
    expect(same.data.accessToken).toBe(store.tokens.accessToken)
    const away = await http.get<{ accessToken: string | null }>('/redirect', { params: { to: `${servers.other.url}/echo` } })
    expect(away.data.accessToken).toBeNull()
  })

  it('follows no redirect with the refresh token: a 307 to another origin is a transient failure', async () => {
    const { http, store } = await expiredClient({
      options: { endpoints: { refresh: `/redirect?status=307&to=${encodeURIComponent(`${servers.other.url}/auth/refresh`)}` } },
    })
    const refreshToken = store.tokens.refreshToken
    const error = await http.get('/items').catch(e => e)
    expect(error).toBeInstanceOf(RefreshError)
    expect(servers.other.refreshBodies).toEqual([])
    expect(servers.other.calls.refresh).toBe(0)
    expect(store.tokens.refreshToken).toBe(refreshToken)
  })

  it('gives the whole refresh call `refresh.timeout`, however slowly its answer trickles in', async () => {
    const { http, store } = await expiredClient({ options: { refresh: { timeout: 1000 } } })
    servers.api.refreshFault = { trickle: { everyMs: 100, forMs: 4000 } }
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
