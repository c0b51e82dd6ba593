// When a token is due (core/client/token-clock.ts): the proactive refresh before sending, the API's clock, opaque tokens.
import { describe, expect, it } from 'vitest'
import { memoryStore } from '../utils/memory-store'
import { sleep } from '../utils/time'
import { clientHarness } from '../utils/client-harness'

const { servers, client, expiredClient } = clientHarness()

describe('proactive refresh', () => {
  it('refreshes before sending when the token expires within the margin, so the API sees no 401', async () => {
    servers.api.options.accessTtl = 4
    const { http } = await client({ options: { refresh: { beforeExpiry: 3 } } })
    await sleep(2100)
    await http.get('/items')
    expect(servers.api.calls.refresh).toBe(1)
    expect(servers.api.calls.unauthorized).toBe(0)
  })

  it('does not refresh on every request when tokens live shorter than the margin', async () => {
    servers.api.options.accessTtl = 10
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } } })
    for (let i = 0; i < 20; i++) await http.get('/items')
    expect(servers.api.calls.refresh).toBe(0)
    expect(servers.api.calls.items).toBe(20)
  })

  it('does not spin when the client clock runs 10 minutes fast', async () => {
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } }, now: () => Date.now() + 10 * 60_000 })
    for (let i = 0; i < 10; i++) await http.get('/items')
    expect(servers.api.calls.refresh).toBeLessThanOrEqual(1)
    expect(servers.api.calls.unauthorized).toBe(0)
  })

  it('does not spin on tokens without `iat` that arrive already inside the margin', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const shortLived = () => `${b64({ alg: 'HS256' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 5 })}.sig`
    const store = memoryStore({ accessToken: shortLived(), refreshToken: 'r1' })
    const { http } = await client({ store, options: { refresh: { beforeExpiry: 30 } }, login: false })
    servers.api.refreshFault = { status: 200, body: JSON.stringify({ data: { accessToken: shortLived(), refreshToken: 'r2' } }) }
    for (let i = 0; i < 10; i++) await http.get('/echo')
    expect(servers.api.calls.refresh).toBe(1)
  })

  it('learns the API clock from a refreshed token when the client clock runs 10 minutes slow', async () => {
    servers.api.options.accessTtl = 6
    const { http, jwt } = await client({ options: { refresh: { beforeExpiry: 30 } }, now: () => Date.now() - 10 * 60_000 })
    await jwt.refresh()
    await sleep(3100)
    // Half of the 6 s lifetime is left or less: due for a proactive refresh by the API's clock.
    await http.get('/items')
    expect(servers.api.calls.refresh).toBe(2)
    expect(servers.api.calls.unauthorized).toBe(0)
  })

  it('uses the old token when a proactive refresh fails transiently but the token still works', async () => {
    servers.api.options.accessTtl = 4
    const { http } = await client({ options: { refresh: { beforeExpiry: 30 } } })
    await sleep(2100)
    servers.api.refreshFault = { status: 503 }
    const { status } = await http.get('/items')
    expect(status).toBe(200)
    expect(servers.api.calls.refresh).toBe(1)
  })
})

describe('opaque tokens', () => {
  it('works with tokens that are not JWTs, refreshing on 401 only', async () => {
    const store = memoryStore({ accessToken: 'opaque-access', refreshToken: 'opaque-refresh' })
    const { http } = await client({ store, options: { refresh: { beforeExpiry: 30 } }, login: false })
    // The test API issues JWTs; answer the refresh with a pair of opaque-looking shape by hand.
    const fresh = await servers.api.login()
    servers.api.refreshFault = { status: 200, body: JSON.stringify({ data: { accessToken: fresh.accessToken, refreshToken: 'opaque-refresh-2' } }) }
    expect((await http.get('/items')).status).toBe(200)
    expect(servers.api.refreshBodies).toEqual([{ refreshToken: 'opaque-refresh' }])
    expect(servers.api.calls.unauthorized).toBe(1)
    expect(store.tokens).toEqual({ accessToken: fresh.accessToken, refreshToken: 'opaque-refresh-2' })
  })

  it('keeps the refresh token when the API does not rotate it', async () => {
    const { http, store } = await expiredClient()
    const refreshToken = store.tokens.refreshToken
    const fresh = await servers.api.login()
    servers.api.refreshFault = { status: 200, body: JSON.stringify({ data: { accessToken: fresh.accessToken } }) }
    await http.get('/items')
    expect(store.tokens).toEqual({ accessToken: fresh.accessToken, refreshToken })
  })
})

describe('refresh.beforeExpiry: 0', () => {
  it('sends a token that is still valid, and refreshes before sending one whose exp has passed', async () => {
    servers.api.options.accessTtl = 3
    const { http } = await client({ options: { refresh: { beforeExpiry: 0 } } })
    await http.get('/items')
    expect(servers.api.calls.refresh).toBe(0)
    await sleep(3100)
    await http.get('/items')
    expect(servers.api.calls.refresh).toBe(1)
    expect(servers.api.calls.unauthorized).toBe(0)
  })
})
