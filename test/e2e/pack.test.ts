import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fetch, setup, url } from '@nuxt/test-utils/e2e'
import { afterAll, describe, expect, it } from 'vitest'
import { packedTarball } from '../utils/packed'
import { rawRequest } from '../utils/raw-http'
import { startResourceApi } from '../utils/resource-api'
import { cookieHeader, startTestApi } from '../utils/test-api'

// Pack the module as `npm publish` would, and unpack it into a plain app's node_modules.
const tmp = fileURLToPath(new URL('../.tmp/packed/', import.meta.url))
const app = `${tmp}packed-app/`
rmSync(tmp, { recursive: true, force: true })
mkdirSync(`${app}node_modules/nuxt-axios-jwt`, { recursive: true })
cpSync(fileURLToPath(new URL('../fixtures/packed', import.meta.url)), app, { recursive: true })
const tarball = packedTarball(tmp)
execFileSync('tar', ['-xzf', `${tmp}${tarball}`, '-C', `${app}node_modules/nuxt-axios-jwt`, '--strip-components=1'])

// The API sits behind the app's own proxy route, as in most deployments; `other` is a service the server could reach.
const api = await startTestApi()
const other = await startTestApi()
// A second API that accepts the same tokens (`apis.billing`), and a partner's API with its own session, answering
// refreshes as OAuth2 token endpoints do (`apis.partner`).
const billing = await startResourceApi(token => api.verifyAccess(token))
const partner = await startTestApi()
partner.oauth = true
partner.shape = tokens => ({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer' })
await setup({
  rootDir: app,
  nuxtConfig: { routeRules: { '/backend/**': { proxy: { to: `${api.url}/**`, fetchOptions: { redirect: 'manual' } } } } },
  env: { NUXT_PUBLIC_AXIOS_JWT_BASE_URL: '/backend', NUXT_PUBLIC_AXIOS_JWT_APIS_BILLING_BASE_URL: billing.url, NUXT_PUBLIC_AXIOS_JWT_APIS_PARTNER_BASE_URL: partner.url },
})
afterAll(async () => {
  await api.close()
  await other.close()
  await billing.close()
  await partner.close()
})

describe('the packed module in a plain app', () => {
  it('ships the built module and its runtime, nothing else', () => {
    const files = readdirSync(`${app}node_modules/nuxt-axios-jwt`, { recursive: true }).map(String)
    expect(files).toContain('dist/module.mjs')
    expect(files).toContain('dist/types.d.mts')
    expect(files).toContain('LICENSE')
    expect(files.some(f => f.startsWith('dist/runtime/app/plugins/api'))).toBe(true)
    expect(files.filter(f => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('playground/'))).toEqual([])
  })

  it('builds for production and answers 200, signing SSR requests with the cookie\'s token', async () => {
    const tokens = await api.login()
    api.authorizations = []
    const response = await fetch('/', { headers: { cookie: cookieHeader(tokens) } })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Keys:Alice')
    // The same API read through useApiData.
    expect(html).toContain('packed:Alice')
    expect(api.authorizations).toEqual([`Bearer ${tokens.accessToken}`, `Bearer ${tokens.accessToken}`])
  })

  it('answers 200 without a session', async () => {
    const response = await fetch('/')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('none')
  })

  it('renders signed-in pages when the request names a public host the server cannot reach', async () => {
    const tokens = await api.login()
    const response = await rawRequest(url('/'), { headers: { host: 'shop.example.invalid', cookie: cookieHeader(tokens) } })
    expect(response.status).toBe(200)
    expect(response.body).toContain('Keys:Alice')
  })

  it('sends nothing to a host named only by the request', async () => {
    const tokens = await api.loginExpired()
    const response = await rawRequest(url('/'), { headers: { host: new URL(other.url).host, cookie: cookieHeader(tokens) } })
    expect(response.body).toContain('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    expect(other.authorizations).toEqual([])
  })

  it('guards a page by role and renders a second API with the same session', async () => {
    api.options.users.find(user => user.username === 'alice')!.claims = { realm_access: { roles: ['admin'] } }
    const admin = await api.loginExpired('alice')
    const refreshes = api.calls.refresh
    const response = await fetch('/admin', { headers: { cookie: cookieHeader(admin) } })
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/data-testid="invoices"[^>]*>\s*Alice\s*</)
    expect(api.calls.refresh - refreshes).toBe(1)
    expect(billing.unauthorized).toBe(0)
    const viewer = await fetch('/admin', { headers: { cookie: cookieHeader(await api.login('bob')) }, redirect: 'manual' })
    expect(viewer.status).toBe(403)
    expect((await fetch('/admin', { redirect: 'manual' })).headers.get('location')).toBe('/login?redirect=/admin')
  })

  it('refreshes a partner API\'s own session beside the main one during SSR, and writes both pairs', async () => {
    const [main, own] = await Promise.all([api.loginExpired('alice'), partner.loginExpired('bob')])
    const refreshes = { main: api.calls.refresh, partner: partner.calls.refresh }
    const response = await fetch('/partner', { headers: { cookie: `${cookieHeader(main)}; partner_access_token=${own.accessToken}; partner_refresh_token=${own.refreshToken}` } })
    const html = await response.text()
    expect(html).toMatch(/data-testid="orders"[^>]*>\s*Bob\s*</)
    expect(html).toMatch(/data-testid="signed-in"[^>]*>\s*yes\s*</)
    expect([api.calls.refresh - refreshes.main, partner.calls.refresh - refreshes.partner]).toEqual([1, 1])
    expect(partner.stats().reused).toBe(0)
    const written = response.headers.getSetCookie().map(cookie => cookie.split('=')[0]).sort()
    expect(written).toEqual(['access_token', 'partner_access_token', 'partner_refresh_token', 'refresh_token'])
  })
})
