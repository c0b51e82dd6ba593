// Proxy mode (backend for frontend) in Chromium on the built basic fixture: the page holds no token; a route of the
// app signs every API call with the access token from an HttpOnly cookie.
import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { gotoHydrated, logInThroughForm, text } from './utils/browser'
import { fixtureWithOtherOrigin } from './utils/fixture'
import { rawRequest } from './utils/raw-http'
import { sleep } from './utils/time'

const { api, other } = await fixtureWithOtherOrigin({
  nuxtConfig: { axiosJwt: { proxy: { path: '/api' } } },
  env: api => ({ NUXT_AXIOS_JWT_PROXY_TO: api.url }),
})

/** The token cookies, their chunks included, as the browser holds them. */
const tokenCookies = async (context: BrowserContext) => (await context.cookies()).filter(c => /^(?:access|refresh)_token(?:\.\d+)?$/.test(c.name))

/** The Authorization headers the page's own requests carried. */
function watchPageAuthorization(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (request) => {
    const authorization = request.headers().authorization
    if (authorization) seen.push(authorization)
  })
  return seen
}

const inPage = <T>(page: Page, run: string) => page.evaluate(`(async () => { const api = window.useNuxtApp().$api; ${run} })()`) as Promise<T>

describe.each([
  ['a small access token', undefined],
  ['a 9.5 kB access token', 9000],
])('proxy mode with %s', (_, padding) => {
  async function loggedIn(ttl?: number): Promise<Page> {
    api.options.padding = padding ? { access: padding } : undefined
    if (ttl) api.options.accessTtl = ttl
    return logInThroughForm(await createPage())
  }

  it('logs in and renders on the server, with both tokens HttpOnly and none readable by the page', async () => {
    const page = await loggedIn()
    const cookies = await tokenCookies(page.context())
    expect(cookies.length).toBeGreaterThanOrEqual(padding ? 3 : 2)
    expect(cookies.every(c => c.httpOnly)).toBe(true)
    const access = cookies.filter(c => c.name.startsWith('access_token')).sort((a, b) => a.name.localeCompare(b.name)).map(c => c.value).join('')
    expect(access.length).toBeGreaterThan(padding ?? 100)
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/(?:access|refresh)_token=/)
    await gotoHydrated(page, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    const html = await page.content()
    expect(html).not.toContain(access.slice(0, 60))
    const served = await (await fetch('/protected', { headers: { cookie: cookies.map(c => `${c.name}=${c.value}`).join('; ') } })).text()
    expect(served).toContain('Keys:Alice')
    expect(served).not.toContain(access.slice(0, 60))
    // useApiData renders on the server and hydrates; the page reads through the proxy afterwards.
    await gotoHydrated(page, '/data')
    expect(await text(page, 'items')).toBe('Alice:a')
    await page.getByTestId('supersede').click()
    await expect.poll(() => text(page, 'items'), { timeout: 5000 }).toBe('Alice:b')
    await gotoHydrated(page, '/public')
    await page.getByTestId('token').click()
    await expect.poll(() => text(page, 'public-result')).toBe('error:AxiosJwtError')
  })

  it('refreshes once on the server for a storm of 10 after expiry, and the page sends no token', async () => {
    const page = await loggedIn(2)
    await gotoHydrated(page, '/protected')
    const authorizations = watchPageAuthorization(page)
    await sleep(2100)
    const [refreshes, signed] = [api.calls.refresh, api.authorizations.length]
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh - refreshes).toBe(1)
    expect(api.stats().reused).toBe(0)
    expect(authorizations).toEqual([])
    expect(api.authorizations.slice(signed).filter(a => a?.startsWith('Bearer ')).length).toBeGreaterThanOrEqual(10)
  })

  it('forwards an upload of 5 MB, and follows no redirect of the API', async () => {
    const page = await loggedIn()
    await gotoHydrated(page, '/protected')
    const upload = await inPage<{ bytes: number, type: string, owner: string }>(page, `return (await api.post('/upload', new Uint8Array(5 * 1024 * 1024), { headers: { 'content-type': 'application/octet-stream' } })).data`)
    expect(upload).toEqual({ bytes: 5 * 1024 * 1024, type: 'application/octet-stream', owner: 'Alice' })
    api.redirects['GET /items'] = `${other.url}/items`
    const status = await inPage<number>(page, `return api.get('/items').then(r => r.status, e => e.response?.status)`)
    expect(status).toBe(502)
    expect(other.authorizations).toEqual([])
    expect(other.calls.items).toBe(0)
  })

  it('refuses a cross-site POST, and logs out', async () => {
    const page = await loggedIn()
    const cookie = (await tokenCookies(page.context())).map(c => `${c.name}=${c.value}`).join('; ')
    api.calls.items = 0
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-origin' }]) {
      const response = await fetch('/api/upload', { method: 'POST', headers: { cookie, ...headers }, body: 'x' })
      expect(response.status).toBe(403)
    }
    await gotoHydrated(page, '/protected')
    await page.getByTestId('logout').click()
    await page.waitForURL(url('/login'))
    expect(await tokenCookies(page.context())).toEqual([])
    expect(api.revoked.length).toBe(1)
  })
})

describe('what the proxy forwards', () => {
  async function sessionCookie(): Promise<{ cookie: string, accessToken: string }> {
    const tokens = await api.login()
    return { cookie: `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`, accessToken: tokens.accessToken }
  }

  it('signs with the session\'s token and hands the API neither the browser\'s cookies nor its own claims', async () => {
    const { cookie, accessToken } = await sessionCookie()
    const response = await fetch('/api/echo?q=1&r=a%20b', { headers: { 'cookie': cookie, 'authorization': 'Bearer forged', 'x-forwarded-host': 'evil.example' } })
    expect(await response.json()).toMatchObject({ authorization: `Bearer ${accessToken}`, cookie: null, forwardedHost: null, query: '?q=1&r=a%20b' })
  })

  it('never climbs out of the API or leaves it for another host', async () => {
    const { cookie } = await sessionCookie()
    // Sent as written (a WHATWG client would fold the dot segments first): refused by the proxy, or folded by the
    // server's router into a path outside the proxy; either way the API hears nothing.
    const heard = api.authorizations.length
    for (const path of ['/api/%2e%2e/echo', '/api/a/..%2f..%2fecho', '/api/.%2E/echo', '/api/a/%2E%2e%2Fecho']) {
      const response = await rawRequest(url(path), { headers: { cookie } })
      expect([400, 404], path).toContain(response.status)
    }
    expect(api.authorizations.length).toBe(heard)
    const away = await fetch(`/api/${other.url}/echo`, { headers: { cookie } })
    expect(away.status).toBe(404)
    expect(other.authorizations).toEqual([])
  })

  it('refuses a body above maxBodySize, and answers 401 "session over" when the refresh token is gone', async () => {
    const { cookie } = await sessionCookie()
    const large = await fetch('/api/upload', { method: 'POST', headers: { 'cookie': cookie, 'x-axios-jwt': '1', 'sec-fetch-site': 'same-origin' }, body: new Uint8Array(10 * 1024 * 1024 + 1) })
    expect(large.status).toBe(413)
    const expired = await api.loginExpired()
    await globalThis.fetch(`${api.url}/auth/logout`, { method: 'POST', body: JSON.stringify({ refreshToken: expired.refreshToken }) })
    const over = await fetch('/api/items', { headers: { cookie: `access_token=${expired.accessToken}; refresh_token=${expired.refreshToken}` } })
    expect(over.status).toBe(401)
    expect((await over.json()).data).toEqual({ error: 'session_ended' })
    expect(over.headers.getSetCookie().filter(c => /Max-Age=0/.test(c)).length).toBeGreaterThanOrEqual(2)
  })
})
