// Server rendering on the built basic fixture: refresh and Set-Cookie, security, configuration, bad input.
import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { hydrated, setTokenCookies, text, tokenCookies } from '../utils/browser'
import { fixtureWithOtherOrigin } from '../utils/fixture'
import { expectOwnRouteRefreshKept } from '../utils/own-route'
import { sessionPages, watchErrors } from '../utils/session-pages'
import { cookieHeader } from '../utils/test-api'
import { sleep } from '../utils/time'

type Tokens = { accessToken: string, refreshToken: string }

const { api, other, billing, partner } = await fixtureWithOtherOrigin()
const { sessionPage } = sessionPages(api)

describe('server rendering', () => {
  it('refreshes an expired token during SSR, sends the rotated pair in Set-Cookie, and the browser does not refresh again', async () => {
    const { page, tokens } = await sessionPage(1)
    await sleep(1100)
    const errors = watchErrors(page)
    await page.goto(url('/protected'), { waitUntil: 'hydration' })
    await page.waitForLoadState('networkidle')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    const { access, refresh } = await tokenCookies(page.context())
    expect(access?.value).not.toBe(tokens.accessToken)
    expect(refresh?.value).not.toBe(tokens.refreshToken)
    expect(errors).toEqual([])
  })

  it('writes both rotated cookies into the response', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/protected', { headers: { cookie: cookieHeader(tokens) }, redirect: 'manual' })
    expect(response.status).toBe(200)
    const setCookies = response.headers.getSetCookie()
    const access = setCookies.find(c => c.startsWith('access_token='))
    const refresh = setCookies.find(c => c.startsWith('refresh_token='))
    expect(access).toMatch(/^access_token=ey[^;]+; Max-Age=\d+; Path=\/; Secure; SameSite=Lax$/)
    expect(refresh).not.toContain(tokens.refreshToken)
    expect(await response.text()).not.toContain(refresh!.split(';')[0]!.split('=')[1])
  })

  it('sends an SSR request whose refresh token was revoked to login, clearing the cookies', async () => {
    const tokens = await api.loginExpired()
    await globalThis.fetch(`${api.url}/auth/logout`, { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) })
    const response = await fetch('/protected', { headers: { cookie: cookieHeader(tokens) }, redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?redirect=/protected')
    expect(response.headers.getSetCookie().sort()).toEqual([
      expect.stringMatching(/^access_token=; Max-Age=0/),
      expect.stringMatching(/^refresh_token=; Max-Age=0/),
    ])
  })

  it('renders the page with the session kept when the refresh endpoint is down during SSR', async () => {
    const tokens = await api.loginExpired()
    api.refreshFault = { status: 502 }
    const response = await fetch('/protected', { headers: { cookie: cookieHeader(tokens) }, redirect: 'manual' })
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie()).toEqual([])
  })
})

describe('security', () => {
  it('sends no token along a server-side redirect to another origin', async () => {
    const tokens = await api.login()
    const response = await fetch('/ssr-redirect', { headers: { cookie: cookieHeader(tokens) } })
    const html = await response.text()
    expect(html).toMatch(/data-testid="echo"[^>]*>\s*echo:none\s*</)
    expect(other.authorizations).toEqual([undefined])
    expect(api.authorizations).toContain(`Bearer ${tokens.accessToken}`)
  })

  it('keeps both tokens out of the rendered page and its payload', async () => {
    const tokens = await api.login()
    const response = await fetch('/protected', { headers: { cookie: cookieHeader(tokens) } })
    const html = await response.text()
    expect(html).toContain('__NUXT_DATA__')
    expect(html).toContain('Keys:Alice')
    expect(html).not.toContain(tokens.refreshToken)
    expect(html).not.toContain(tokens.accessToken)
  })
})

describe('configuration', () => {
  it('publishes only the deployment options in the page, with the environment applied', async () => {
    const html = await fetch('/public').then(r => r.text())
    const config = html.match(/axiosJwt:(\{.*?cookie:\{[^}]*\}\})/)?.[1]
    expect(config).toContain(`baseURL:"${api.url}"`)
    expect(config).toContain('endpoints:{login:"/auth/login"')
    // The API's shape is built into the app, not repeated in every page and re-read per request.
    for (const option of ['tokens', 'beforeExpiry', 'redirect', 'endStatuses']) expect(html).not.toContain(`${option}:`)
  })
})

describe('production build', () => {
  it('has no DevTools route: the session tab exists in development only', async () => {
    for (const path of ['/__nuxt-axios-jwt', '/__nuxt-axios-jwt/session']) {
      const response = await fetch(path, { headers: { 'x-axios-jwt': '1', 'sec-fetch-site': 'same-origin' } })
      expect(response.status, path).toBe(404)
    }
  })
})

describe('malformed input', () => {
  const garbage = {
    'an empty value': '',
    'non-UTF-8 bytes': '%FF%FE%FD',
    'a two-part JWT': 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9',
    'an alg none JWT': `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"exp":1,"sub":"1"}').toString('base64url')}.`,
    'a JWT with exp as a string': `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('{"exp":"tomorrow"}').toString('base64url')}.sig`,
    'garbage': 'x%%%{{{',
    'JSON': '{"a":1}',
    'a number': '12345',
    'an oversized value': 'a'.repeat(3900),
    'a JWT with a broken payload': 'eyJhbGciOiJIUzI1NiJ9.!!!.sig',
    'a JWT with 4 parts': 'a.b.c.d',
    'a bad percent escape': '%E0%A4%A',
  }

  for (const [name, value] of Object.entries(garbage)) {
    it(`survives ${name} in both cookies: no 500, the user ends at login`, async () => {
      const response = await fetch('/protected', { headers: { cookie: `access_token=${value}; refresh_token=${value}` }, redirect: 'manual' })
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe('/login?redirect=/protected')
    })
  }

  it('keeps working in the browser with garbage cookies, without uncaught errors', async () => {
    const page = await createPage()
    const errors = watchErrors(page)
    await page.context().addCookies([
      { name: 'access_token', value: 'not-a-jwt', url: url('/') },
      { name: 'refresh_token', value: 'eyJ.eyJ.x', url: url('/') },
    ])
    await page.goto(url('/public'), { waitUntil: 'hydration' })
    await page.goto(url('/protected'))
    await page.waitForURL(/\/login\?redirect=/)
    await hydrated(page)
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/protected'))
    expect(await text(page, 'user')).toBe('Alice')
    expect(errors).toEqual([])
  })
})

describe('useServerApi in a server route', () => {
  it('calls the API on the user\'s behalf with the request\'s token', async () => {
    const tokens = await api.login()
    const response = await fetch('/api/on-behalf', { headers: { cookie: cookieHeader(tokens) } })
    expect(await response.json()).toEqual({ items: 'Keys:Alice' })
    expect(api.authorizations).toContain(`Bearer ${tokens.accessToken}`)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('refreshes an expired token first and writes the rotated pair into Set-Cookie', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/api/on-behalf', { headers: { cookie: cookieHeader(tokens) } })
    expect(await response.json()).toEqual({ items: 'Keys:Alice' })
    expect(api.calls.refresh).toBe(1)
    const setCookies = response.headers.getSetCookie()
    expect(setCookies.find(c => c.startsWith('refresh_token='))).toMatch(/^refresh_token=ey/)
    expect(setCookies.join()).not.toContain(tokens.refreshToken)
  })

  it.each([
    ['a page of another site', { 'sec-fetch-site': 'cross-site' }],
    ['a sibling subdomain', { 'sec-fetch-site': 'same-site' }],
    ['an old browser on another origin', { origin: 'http://evil.example' }],
  ])('refuses %s before the session reaches the API: no refresh, no call', async (_, headers) => {
    const tokens = await api.loginExpired()
    const response = await fetch('/api/on-behalf', { headers: { cookie: cookieHeader(tokens), ...headers } })
    expect(response.status).toBe(403)
    expect((await response.json()).message).toMatch(/allowCrossSite/)
    expect(response.headers.getSetCookie()).toEqual([])
    const post = await fetch('/api/linkable', { method: 'POST', headers: { cookie: cookieHeader(tokens), ...headers } })
    expect(post.status).toBe(403)
    expect(api.calls).toMatchObject({ refresh: 0, items: 0 })
  })

  it('serves the app\'s own pages, an address the user typed, and a render that another site linked to', async () => {
    const tokens = await api.login()
    for (const site of ['same-origin', 'none']) {
      const response = await fetch('/api/on-behalf', { headers: { 'cookie': cookieHeader(tokens), 'sec-fetch-site': site } })
      expect(await response.json()).toEqual({ items: 'Keys:Alice' })
    }
    // The page's own request to the route is the app's, whoever linked to the page.
    const page = await fetch('/own-route', { headers: { 'cookie': cookieHeader(tokens), 'sec-fetch-site': 'cross-site' } })
    expect(await page.text()).toContain('Keys:Alice')
    expect(api.calls.items).toBe(3)
  })

  it('lets links from other sites reach a route that allows them, with GET only', async () => {
    const tokens = await api.login()
    const headers = { 'cookie': cookieHeader(tokens), 'sec-fetch-site': 'cross-site' }
    expect(await (await fetch('/api/linkable', { headers })).json()).toEqual({ items: 'Keys:Alice' })
    const post = await fetch('/api/linkable', { method: 'POST', headers })
    expect(post.status).toBe(403)
    expect((await post.json()).message).toMatch(/only with GET or HEAD/)
    expect(api.calls.items).toBe(1)
  })

  it('hands the pair it rotated during a page\'s render to the browser, so the next page keeps the session', async () => {
    await expectOwnRouteRefreshKept(api, setTokenCookies)
  })
})

describe('a second API with the same session (`apis`) on the server', () => {
  it('renders its data with the pair it refreshed once, and writes the rotated pair', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/billing', { headers: { cookie: cookieHeader(tokens) } })
    expect(await response.text()).toMatch(/data-testid="invoice-owner"[^>]*>\s*Alice\s*</)
    expect(api.calls.refresh).toBe(1)
    const rotated = response.headers.getSetCookie().find(c => c.startsWith('access_token='))!.split(';')[0]!.slice('access_token='.length)
    expect(billing.authorizations).toEqual([`Bearer ${decodeURIComponent(rotated)}`])
  })

  it('calls it from a server route with useServerApi(event, name), and refuses other sites before the session reaches it', async () => {
    const tokens = await api.login()
    expect(await (await fetch('/api/billing-on-behalf', { headers: { cookie: cookieHeader(tokens) } })).json()).toEqual({ data: [{ id: 7, owner: 'Alice' }] })
    const refused = await fetch('/api/billing-on-behalf', { headers: { 'cookie': cookieHeader(tokens), 'sec-fetch-site': 'cross-site' } })
    expect(refused.status).toBe(403)
    expect(billing.authorizations).toEqual([`Bearer ${tokens.accessToken}`])
  })

  it('sends no token along its redirect to another origin', async () => {
    const tokens = await api.login()
    const answer = await (await fetch('/api/billing-redirect', { headers: { cookie: cookieHeader(tokens) } })).json()
    expect(answer.authorization).toBeNull()
    expect(billing.authorizations).toEqual([`Bearer ${tokens.accessToken}`])
    expect(other.authorizations.filter(Boolean)).toEqual([])
  })
})

describe('an API with an own session (`apis` with `endpoints`) on the server', () => {
  /** The `Cookie` header of a browser holding both sessions. */
  const bothSessions = (main: Tokens, own: Tokens) => `${cookieHeader(main)}; partner_access_token=${own.accessToken}; partner_refresh_token=${own.refreshToken}`
  const setCookie = (response: Response, name: string) => response.headers.getSetCookie().find(c => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1)

  it('refreshes both sessions once each during a render, and writes both pairs', async () => {
    const [main, own] = await Promise.all([api.loginExpired('alice'), partner.loginExpired('bob')])
    const response = await fetch('/partner', { headers: { cookie: bothSessions(main, own) } })
    const html = await response.text()
    expect(html).toMatch(/data-testid="partner-items"[^>]*>\s*Keys:Bob\s*</)
    expect(html).toMatch(/data-testid="main-items"[^>]*>\s*Keys:Alice\s*</)
    expect([api.calls.refresh, partner.calls.refresh]).toEqual([1, 1])
    for (const name of ['access_token', 'refresh_token', 'partner_access_token', 'partner_refresh_token']) expect(setCookie(response, name)).toMatch(/^ey/)
    expect(setCookie(response, 'partner_refresh_token')).not.toBe(own.refreshToken)
    expect(partner.authorizations.at(-1)).toBe(`Bearer ${decodeURIComponent(setCookie(response, 'partner_access_token')!)}`)
  })

  it('calls it from a server route with useServerApi(event, name), refreshing its own pair only', async () => {
    const main = await api.login('alice')
    const own = await partner.loginExpired('bob')
    const response = await fetch('/api/partner-on-behalf', { headers: { cookie: bothSessions(main, own) } })
    expect((await response.json()).data[0].owner).toBe('Bob')
    expect([api.calls.refresh, partner.calls.refresh]).toEqual([0, 1])
    expect(setCookie(response, 'partner_refresh_token')).toMatch(/^ey/)
    expect(setCookie(response, 'refresh_token')).toBeUndefined()
  })

  it('sends the partner\'s token along no redirect to the main API\'s origin', async () => {
    const main = await api.login('alice')
    const own = await partner.login('bob')
    const answer = await (await fetch('/api/partner-redirect', { headers: { cookie: bothSessions(main, own) } })).json()
    expect(answer.authorization).toBeNull()
    expect(partner.authorizations).toEqual([`Bearer ${own.accessToken}`])
    expect(api.authorizations.filter(Boolean)).toEqual([])
  })
})
