// Proxy mode (backend for frontend) in Chromium on the built basic fixture: the page holds no token; a route of the
// app signs every API call with the access token from an HttpOnly cookie.
import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { gotoHydrated, logInThroughForm, text } from '../utils/browser'
import { fixtureWithOtherOrigin } from '../utils/fixture'
import { rawRequest } from '../utils/raw-http'
import { sleep } from '../utils/time'

// `/api/files/**` may open as a page (sandboxed); answers above 5 MB or streaming past 3 s are cut.
const { api, other } = await fixtureWithOtherOrigin({
  nuxtConfig: { axiosJwt: { mode: 'proxy', proxy: { path: '/api', navigation: ['/files/'], maxResponseSize: 5 * 1024 * 1024, maxDuration: 3000 } } },
  env: api => ({ NUXT_AXIOS_JWT_SERVER_BASE_URL: api.url }),
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
    const response = await fetch('/api/echo?q=1&r=a%20b', { headers: { 'cookie': cookie, 'x-axios-jwt': '1', 'authorization': 'Bearer forged', 'x-forwarded-host': 'evil.example' } })
    expect(await response.json()).toMatchObject({ authorization: `Bearer ${accessToken}`, cookie: null, forwardedHost: null, query: '?q=1&r=a%20b' })
  })

  it('forwards only the headers an API call needs, with X-Forwarded-For from the socket, none a client claims for the proxy', async () => {
    const { cookie } = await sessionCookie()
    const response = await rawRequest(url('/api/echo'), {
      headers: {
        'host': new URL(url('/')).host,
        cookie,
        'x-axios-jwt': '1',
        'accept-language': 'de',
        'if-none-match': '"v1"',
        'traceparent': '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        'x-real-ip': '10.0.0.1',
        'true-client-ip': '10.0.0.2',
        'x-forwarded-for': '10.0.0.3',
        'x-forwarded-port': '8443',
        'x-forwarded-prefix': '/admin',
        'x-original-url': '/admin/users',
        'x-http-method-override': 'DELETE',
        'x-internal': 'yes',
        'connection': 'keep-alive, accept-language',
      },
    })
    const { headers } = JSON.parse(response.body) as { headers: Record<string, string> }
    expect(headers).toMatchObject({ 'if-none-match': '"v1"', 'traceparent': '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'x-forwarded-for': '127.0.0.1' })
    for (const name of ['accept-language', 'x-real-ip', 'true-client-ip', 'x-forwarded-port', 'x-forwarded-prefix', 'x-original-url', 'x-http-method-override', 'x-internal', 'cookie', 'x-axios-jwt']) {
      expect(headers[name], name).toBeUndefined()
    }
  })

  it('refuses to open an answer as a page or embed it outside proxy.navigation, and sandboxes every answer', async () => {
    const { cookie } = await sessionCookie()
    const heard = api.stats().requests.length
    const requests: Array<Record<string, string>> = [
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' },
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image', 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'same-origin' },
      // A browser that says nothing of what it does, without the header `$api` sends.
      {},
    ]
    for (const headers of requests) {
      const response = await fetch('/api/echo', { headers: { cookie, ...headers } })
      expect(response.status, JSON.stringify(headers)).toBe(403)
    }
    expect(api.stats().requests.length).toBe(heard)
    // A script's fetch or EventSource says `Sec-Fetch-Dest: empty`: a GET needs no more.
    const fetched = await fetch('/api/echo', { headers: { cookie, 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', 'sec-fetch-site': 'same-origin' } })
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('content-security-policy')).toBe('sandbox')
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('never runs an HTML file the API serves as the app, opened in the browser', async () => {
    const page = await logInThroughForm(await createPage())
    // Outside proxy.navigation: refused before the API hears of it.
    const refused = await page.goto(url('/api/echo'))
    expect(refused!.status()).toBe(403)
    // Inside it, the file opens sandboxed: its script does not run, nor call the API as the user.
    const opened = await page.goto(url('/api/files/upload.html'))
    expect(opened!.status()).toBe(200)
    await sleep(500)
    expect(await page.title()).toBe('upload')
    expect(api.stats().requests.some(request => request.path.includes('from=upload'))).toBe(false)
  })

  it('streams an event stream as it comes, cuts one that lasts past maxDuration, and an answer past maxResponseSize', async () => {
    const page = await logInThroughForm(await createPage())
    // Five events 200 ms apart through an EventSource on the proxy: they arrive spread out, not all at the end.
    const arrivals = await page.evaluate(() => new Promise<number[]>((resolve) => {
      const times: number[] = []
      const source = new EventSource('/api/events?events=5')
      source.onmessage = () => {
        times.push(performance.now())
        if (times.length === 5) {
          source.close()
          resolve(times)
        }
      }
    }))
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(500)
    const { cookie } = await sessionCookie()
    const headers = { cookie, 'x-axios-jwt': '1' }
    // 50 events take 10 s: the proxy ends the stream at 3 s, cutting the connection.
    const long = await fetch('/api/events?events=50', { headers })
    const received = await long.text().then(body => body, () => 'cut')
    expect(received === 'cut' || (received.match(/^id: /gm) ?? []).length < 50).toBe(true)
    const declared = await fetch('/api/bytes?bytes=6000000', { headers })
    expect(declared.status).toBe(502)
    expect((await declared.json()).data).toEqual({ error: 'response_too_large' })
    const streamed = await fetch('/api/bytes?bytes=6000000&chunked=1', { headers })
    await expect(streamed.arrayBuffer()).rejects.toThrow()
    const within = await fetch('/api/bytes?bytes=4000000&chunked=1', { headers })
    expect((await within.arrayBuffer()).byteLength).toBe(4_000_000)
  })

  it('never climbs out of the API or leaves it for another host', async () => {
    const { cookie } = await sessionCookie()
    // Sent as written (a WHATWG client would fold the dot segments first): refused by the proxy, or folded by the
    // server's router into a path outside the proxy; either way the API hears nothing.
    const heard = api.authorizations.length
    for (const path of ['/api/%2e%2e/echo', '/api/a/..%2f..%2fecho', '/api/.%2E/echo', '/api/a/%2E%2e%2Fecho', '/api/a/..;/echo', '/api/a/..;x=1/echo', '/api/a/%252e%252e/echo', '/api/a/%25252e%25252e/echo', '/api/a/%255c/echo']) {
      const response = await rawRequest(url(path), { headers: { cookie, 'x-axios-jwt': '1' } })
      expect([400, 404], path).toContain(response.status)
    }
    expect(api.authorizations.length).toBe(heard)
    const away = await fetch(`/api/${other.url}/echo`, { headers: { cookie, 'x-axios-jwt': '1' } })
    expect(away.status).toBe(404)
    expect(other.authorizations).toEqual([])
  })

  it('refuses a body above maxBodySize, and answers 401 "session over" when the refresh token is gone', async () => {
    const { cookie } = await sessionCookie()
    const large = await fetch('/api/upload', { method: 'POST', headers: { 'cookie': cookie, 'x-axios-jwt': '1', 'sec-fetch-site': 'same-origin' }, body: new Uint8Array(10 * 1024 * 1024 + 1) })
    expect(large.status).toBe(413)
    const expired = await api.loginExpired()
    await globalThis.fetch(`${api.url}/auth/logout`, { method: 'POST', body: JSON.stringify({ refreshToken: expired.refreshToken }) })
    const over = await fetch('/api/items', { headers: { 'cookie': `access_token=${expired.accessToken}; refresh_token=${expired.refreshToken}`, 'x-axios-jwt': '1' } })
    expect(over.status).toBe(401)
    expect((await over.json()).data).toEqual({ error: 'session_ended' })
    expect(over.headers.getSetCookie().filter(c => /Max-Age=0/.test(c)).length).toBeGreaterThanOrEqual(2)
  })
})
