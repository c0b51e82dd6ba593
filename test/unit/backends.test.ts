// The token client against the test API speaking the token shapes of the backends the docs' guides configure
// (docs/guide/backends.md): each guide's `tokens` options, an expired access token, a storm of ten requests that makes
// one refresh with the body field the backend reads, and the rotated pair stored.
import { describe, expect, it } from 'vitest'
import { tokenShapes, type TokenShape } from '../../src/runtime/testing/token-shapes'
import { clientHarness, type TestSetup } from '../utils/client-harness'

const { servers, expiredClient } = clientHarness()

/** The guides' `tokens` options for each backend, and the refresh body each sends. */
const backends: Array<{ shape: TokenShape, setup: TestSetup, body: (refreshToken: string) => object }> = [
  {
    shape: 'simplejwt',
    setup: { options: { tokens: { access: { path: 'access' }, refresh: { path: 'refresh', bodyField: 'refresh' } } } },
    body: refresh => ({ refresh }),
  },
  {
    shape: 'directus',
    setup: { options: { tokens: { access: { path: 'data.access_token' }, refresh: { path: 'data.refresh_token', bodyField: 'refresh_token', extraFields: { mode: 'json' } } } } },
    body: refreshToken => ({ mode: 'json', refresh_token: refreshToken }),
  },
  {
    shape: 'strapi',
    setup: { options: { tokens: { access: { path: 'jwt' }, refresh: { path: 'refreshToken' } } } },
    body: refreshToken => ({ refreshToken }),
  },
]

describe.each(backends)('a backend answering in the $shape shape', ({ shape, setup, body }) => {
  it('refreshes once for a storm of ten with the field it reads, and stores the rotated pair', async () => {
    const { http, store } = await expiredClient(setup)
    servers.api.shape = tokenShapes[shape]
    const refreshToken = store.tokens.refreshToken!
    const statuses = await Promise.all(Array.from({ length: 10 }, () => http.get('/items').then(r => r.status)))
    expect(statuses).toEqual(Array(10).fill(200))
    expect(servers.api.calls.refresh).toBe(1)
    expect(servers.api.refreshBodies).toEqual([body(refreshToken)])
    expect(store.tokens.refreshToken).not.toBe(refreshToken)
    expect(servers.api.stats().reused).toBe(0)
  })
})

describe('SimpleJWT without ROTATE_REFRESH_TOKENS (its default)', () => {
  it('keeps the refresh token when the refresh answers only `{ access }`', async () => {
    const { http, store } = await expiredClient(backends[0]!.setup)
    servers.api.options.rotation = 'none'
    servers.api.shape = tokens => ({ access: tokens.accessToken })
    const refreshToken = store.tokens.refreshToken!
    const firstAccess = store.tokens.accessToken
    expect((await http.get('/items')).status).toBe(200)
    expect(store.tokens.refreshToken).toBe(refreshToken)
    expect(store.tokens.accessToken).not.toBe(firstAccess)
    expect(servers.api.refreshBodies).toEqual([{ refresh: refreshToken }])
  })
})
