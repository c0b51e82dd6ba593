// `server.baseURL`: the server calls the API at a private address while the browser keeps the public `baseURL`.
import { fetch } from '@nuxt/test-utils/e2e'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { fixtureWithApi } from '../utils/fixture'
import { cookieHeader, startTestApi } from '../utils/test-api'

// The public address the browser uses; the server must not go there.
const publicApi = await startTestApi()
const api = await fixtureWithApi({
  browser: false,
  env: api => ({ NUXT_PUBLIC_AXIOS_JWT_BASE_URL: publicApi.url, NUXT_AXIOS_JWT_SERVER_BASE_URL: api.url }),
})

afterAll(() => publicApi.close())
beforeEach(() => publicApi.reset())

describe('server.baseURL', () => {
  it('renders with the API at its private address, and never calls the public one', async () => {
    const tokens = await api.login()
    const html = await fetch('/protected', { headers: { cookie: cookieHeader(tokens) } }).then(r => r.text())
    expect(html).toContain('Keys:Alice')
    expect(api.authorizations).toContain(`Bearer ${tokens.accessToken}`)
    expect(publicApi.authorizations).toEqual([])
  })

  it('refreshes at the private address during SSR', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/protected', { headers: { cookie: cookieHeader(tokens) }, redirect: 'manual' })
    expect(await response.text()).toContain('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    expect(publicApi.calls.refresh).toBe(0)
  })

  it('keeps the private address out of the page: the browser gets the public baseURL only', async () => {
    const html = await fetch('/public').then(r => r.text())
    expect(html).toContain(`baseURL:"${publicApi.url}"`)
    expect(html).not.toContain(api.url)
  })
})
