import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it, onTestFinished } from 'vitest'
import { gotoHydrated, logInThroughForm, text } from '../utils/browser'
import { submitBeforeHydration } from '../utils/form-login'
import { describeClaimGuards } from '../utils/claim-guards'
import { describeNamedApisInBrowser } from '../utils/named-apis'
import { describeOwnSessionsInBrowser } from '../utils/own-sessions'
import { fixtureWithOtherOrigin } from '../utils/fixture'
import { expectOwnRouteRefreshKept } from '../utils/own-route'

// Where the API may say the refresh token's lifetime, and a warning before the session ends (test: "tells the page ...").
const { api, other, billing, partner } = await fixtureWithOtherOrigin({
  nuxtConfig: { axiosJwt: { mode: 'httpOnly', tokens: { refresh: { expiresInPath: 'data.refreshExpiresIn' } }, session: { warnBefore: 1 } } },
})

const ROUTES = { login: '/api/_axios-jwt/login', refresh: '/api/_axios-jwt/refresh', logout: '/api/_axios-jwt/logout' }

/** The cookies as the server set them: the refresh token HttpOnly, the others readable. */
async function cookies(context: BrowserContext) {
  const all = await context.cookies()
  const find = (name: string) => all.find(c => c.name === name)
  return { access: find('access_token'), refresh: find('refresh_token'), session: find('refresh_token_session') }
}

/** Gives the browser a pair as the login route would have stored it; `prefix` (`partner_`) for an API's own session. */
async function storeSession(context: BrowserContext, tokens: { accessToken: string, refreshToken: string }, prefix = '') {
  await context.addCookies([
    { name: `${prefix}access_token`, value: tokens.accessToken, url: url('/') },
    { name: `${prefix}refresh_token`, value: tokens.refreshToken, url: url('/'), httpOnly: true },
    { name: `${prefix}refresh_token_session`, value: `test-${Math.random()}`, url: url('/') },
  ])
}

/** A page logged in through the form, as a user would. */
const loggedInPage = async (): Promise<Page> => logInThroughForm(await createPage())

const documentCookie = (page: Page) => page.evaluate(() => document.cookie)

describeClaimGuards(api, storeSession)
describeNamedApisInBrowser({ api, other, billing }, storeSession)
describeOwnSessionsInBrowser({ api, partner }, storeSession)

describe('httpOnly mode in the browser', () => {
  it('tells the page when the refresh token it cannot read expires, from the lifetime the API gave (`tokens.refresh.expiresInPath`)', async () => {
    const shape = api.shape
    api.shape = tokens => ({ data: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, refreshExpiresIn: 120 } })
    onTestFinished(() => {
      api.shape = shape
    })
    const page = await loggedInPage()
    expect(await documentCookie(page)).toMatch(/refresh_token_expires=\d+/)
    expect(await documentCookie(page)).not.toMatch(/refresh_token=/)
    await gotoHydrated(page, '/expiry')
    await expect.poll(() => text(page, 'seconds-left')).toMatch(/^(11\d|120)$/)
  })

  it('logs in through the module route: the refresh token is HttpOnly and never in document.cookie', async () => {
    const page = await loggedInPage()
    const { access, refresh, session } = await cookies(page.context())
    expect(refresh?.httpOnly).toBe(true)
    expect(access?.httpOnly).toBe(false)
    expect(session?.httpOnly).toBe(false)
    const visible = await documentCookie(page)
    expect(visible).not.toContain(refresh!.value)
    expect(visible).not.toMatch(/(^|; )refresh_token=/)
    expect(visible).toContain(access!.value)
    expect(await text(page, 'logged-in')).toBe('yes')
    expect(await text(page, 'user-name')).toBe('Alice')
    await gotoHydrated(page, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
  })

  it('refreshes once through the route for 10 concurrent requests with an expired token; the new refresh token stays HttpOnly', async () => {
    const page = await loggedInPage()
    await gotoHydrated(page, '/protected')
    await storeSession(page.context(), await api.loginExpired())
    const before = await cookies(page.context())
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh).toBe(1)
    const after = await cookies(page.context())
    expect(after.refresh?.value).not.toBe(before.refresh?.value)
    expect(after.refresh?.httpOnly).toBe(true)
    expect(after.session?.value).not.toBe(before.session?.value)
    expect(await documentCookie(page)).not.toContain(after.refresh!.value)
    expect(api.stats().reused).toBe(0)
  })

  it('ends the session when the API rejects the refresh token: all three cookies cleared, login with ?redirect=', async () => {
    const page = await loggedInPage()
    await gotoHydrated(page, '/protected')
    const spent = await api.loginExpired()
    // Spent elsewhere: the API now takes it for a reused token and ends the session.
    await globalThis.fetch(`${api.url}/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: spent.refreshToken }) })
    await storeSession(page.context(), spent)
    await page.getByTestId('fetch').click()
    await page.waitForURL(/\/login\?redirect=/)
    expect(await cookies(page.context())).toEqual({ access: undefined, refresh: undefined, session: undefined })
  })

  it('keeps the session when the API fails during the refresh', async () => {
    const page = await loggedInPage()
    await gotoHydrated(page, '/protected')
    await storeSession(page.context(), await api.loginExpired())
    const before = await cookies(page.context())
    api.refreshFault = { status: 503 }
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toMatch(/^error:RefreshError/)
    expect(page.url()).toBe(url('/protected'))
    expect((await cookies(page.context())).refresh?.value).toBe(before.refresh?.value)
    api.refreshFault = undefined
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toBe('ok:Alice')
  })

  it('logs out through the route: the API revokes the session and all three cookies go', async () => {
    const page = await loggedInPage()
    const { refresh } = await cookies(page.context())
    await gotoHydrated(page, '/protected')
    await page.getByTestId('logout').click()
    await page.waitForURL(url('/login'))
    expect(await cookies(page.context())).toEqual({ access: undefined, refresh: undefined, session: undefined })
    const reuse = await globalThis.fetch(`${api.url}/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: refresh!.value }) })
    expect(reuse.status).toBe(401)
  })
})

describe('httpOnly mode on the server', () => {
  it('refreshes during SSR and sends the rotated refresh token back HttpOnly', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/protected', { headers: { cookie: `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}` } })
    expect(await response.text()).toContain('Keys:Alice')
    const set = response.headers.getSetCookie()
    const named = (name: string) => set.find(c => c.startsWith(`${name}=`))
    expect(named('refresh_token')).toMatch(/; HttpOnly/i)
    expect(named('access_token')).not.toMatch(/; HttpOnly/i)
    expect(named('refresh_token_session')).toBeDefined()
    expect(api.calls.refresh).toBe(1)
  })

  it('answers the refresh route with the access token only, never the refresh token', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch(ROUTES.refresh, {
      method: 'POST',
      headers: { 'cookie': `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`, 'x-axios-jwt': '1', 'sec-fetch-site': 'same-origin' },
    })
    expect(response.status).toBe(200)
    const body = await response.json() as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresAt', 'session'])
    const rotated = response.headers.getSetCookie().find(c => c.startsWith('refresh_token='))!.split(';')[0]!.slice('refresh_token='.length)
    expect(JSON.stringify(body)).not.toContain(rotated)
    expect(JSON.stringify(body)).not.toContain(tokens.refreshToken)
  })
})

describe('a login form posted by the browser itself (before hydration, or without scripts)', () => {
  it('signs in through the module\'s route and answers 303 to the page asked for: the password in no URL', async () => {
    const { page, requests } = await submitBeforeHydration('/login?redirect=/protected')
    await page.waitForURL(url('/protected'))
    expect(requests.at(-2)).toMatchObject({ method: 'POST', url: url(`${ROUTES.login}?redirect=%2Fprotected`) })
    expect(requests.at(-2)!.body).toBe('username=alice&password=secret')
    expect(requests.map(request => request.url).join(' ')).not.toMatch(/secret/)
    expect(await text(page, 'items')).toBe('Keys:Alice')
    expect((await cookies(page.context())).refresh?.httpOnly).toBe(true)
    expect(api.calls.login).toBe(1)
  })

  it('sends a refused form back to the login page with invalid_credentials and the page it was for', async () => {
    const { page } = await submitBeforeHydration('/login?redirect=/protected', { password: 'wrong' })
    await page.waitForURL(/\/login\?/)
    const back = new URL(page.url())
    expect(Object.fromEntries(back.searchParams)).toEqual({ auth_error: 'invalid_credentials', redirect: '/protected' })
    await expect.poll(() => text(page, 'login-error')).toBe('invalid_credentials: The username or password is not right.')
    expect((await cookies(page.context())).refresh).toBeUndefined()
  })

  it('refuses a login form another site (a sibling subdomain too) or an unknown sender posts, and stores nothing', async () => {
    const form = (headers: Record<string, string>) => fetch(ROUTES.login, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: 'username=alice&password=secret',
    })
    const host = new URL(url('/')).host
    const senders: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site', 'origin': 'https://evil.example' },
      { 'sec-fetch-site': 'same-site', 'origin': `http://sub.${host}` },
      { 'sec-fetch-site': 'none' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-origin', 'origin': 'https://evil.example' },
      {},
    ]
    for (const headers of senders) {
      const response = await form(headers)
      expect(response.status, JSON.stringify(headers)).toBe(403)
      expect(response.headers.getSetCookie()).toEqual([])
    }
    expect(api.calls.login).toBe(0)
    // The app's own page, as an older browser sends it (an Origin and no Sec-Fetch-Site), is taken.
    const own = await form({ origin: new URL(url('/')).origin })
    expect(own.status).toBe(303)
    expect(own.headers.get('location')).toBe('/')
  })
})

describe('httpOnly routes follow no redirect from the API', () => {
  const post = (route: string, cookie = '', body?: unknown) => fetch(route, {
    method: 'POST',
    headers: { 'cookie': cookie, 'x-axios-jwt': '1', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })

  it('does not re-post the credentials of a login that the API redirects to another origin', async () => {
    api.redirects['POST /auth/login'] = `${other.url}/auth/login`
    const response = await post(ROUTES.login, '', { username: 'alice', password: 'secret' })
    expect(response.status).toBe(502)
    expect((await response.json()).statusMessage).toMatch(/answered a redirect \(307\)/)
    expect(response.headers.getSetCookie()).toEqual([])
    expect(other.authorizations).toEqual([])
    expect(other.calls.login).toBe(0)
  })

  it('does not re-post the tokens of a logout that the API redirects to another origin, and still ends the session', async () => {
    const tokens = await api.login()
    api.redirects['POST /auth/logout'] = `${other.url}/auth/logout`
    const response = await post(ROUTES.logout, `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`)
    expect(response.status).toBe(204)
    expect(response.headers.getSetCookie().filter(c => /Max-Age=0/.test(c)).length).toBeGreaterThanOrEqual(2)
    expect(other.authorizations).toEqual([])
    expect(other.revoked).toEqual([])
  })
})

describe('httpOnly routes refuse cross-site requests', () => {
  const refused: Record<string, Record<string, string>> = {
    'from another origin': { 'origin': 'http://evil.example', 'x-axios-jwt': '1' },
    'marked cross-site by the browser': { 'sec-fetch-site': 'cross-site', 'x-axios-jwt': '1' },
    'marked same-site (a sibling subdomain) by the browser': { 'sec-fetch-site': 'same-site', 'x-axios-jwt': '1' },
    'without the custom header': { 'sec-fetch-site': 'same-origin' },
  }
  for (const [name, headers] of Object.entries(refused)) {
    it(`refuses a request ${name} with 403, calls nothing and sets no cookie`, async () => {
      const tokens = await api.login()
      for (const route of Object.values(ROUTES)) {
        const response = await fetch(route, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'cookie': `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}` },
          body: JSON.stringify({ username: 'alice', password: 'secret' }),
        })
        expect(response.status, route).toBe(403)
        expect(response.headers.getSetCookie(), route).toEqual([])
      }
      expect(api.calls.login + api.calls.refresh).toBe(0)
    })
  }

  it('refuses a real cross-site POST from a page of another origin', async () => {
    const page = await createPage()
    // localhost and 127.0.0.1 are different sites to the browser.
    await page.goto(url('/public').replace('127.0.0.1', 'localhost'))
    const target = url(ROUTES.refresh)
    // A form posted across sites: the route answers itself (403), where without the check it would try to refresh (401).
    const [answer] = await Promise.all([
      page.waitForResponse(response => response.url() === target),
      page.evaluate((target) => {
        const form = Object.assign(document.createElement('form'), { method: 'post', action: target })
        document.body.append(form)
        form.submit()
      }, target),
    ])
    expect(answer.status()).toBe(403)
    await page.waitForURL(target)
    // A script cannot add the custom header without a CORS preflight, which the route does not grant.
    await page.goto(url('/public').replace('127.0.0.1', 'localhost'))
    const withHeader = await page.evaluate(target =>
      window.fetch(target, { method: 'POST', credentials: 'include', headers: { 'x-axios-jwt': '1' } }).then(r => r.status, e => String(e)), target)
    expect(withHeader).toMatch(/TypeError/)
    expect(api.calls.refresh).toBe(0)
  })
})

describe('httpOnly mode with large tokens, "remember me" and server routes', () => {
  it('stores 6 KB tokens as HttpOnly chunks, renders, refreshes and logs out without a chunk left', async () => {
    api.options.padding = { access: 6000, refresh: 5000 }
    try {
      const page = await loggedInPage()
      const all = await page.context().cookies()
      const refreshChunks = all.filter(c => /^refresh_token\.\d+$/.test(c.name))
      expect(refreshChunks.length).toBeGreaterThan(1)
      expect(refreshChunks.every(c => c.httpOnly)).toBe(true)
      expect(all.filter(c => /^access_token\.\d+$/.test(c.name)).length).toBeGreaterThan(1)
      expect(await documentCookie(page)).not.toMatch(/refresh_token\.\d=/)
      await gotoHydrated(page, '/protected')
      expect(await text(page, 'items')).toBe('Keys:Alice')
      const response = await page.evaluate(() => window.fetch('/api/_axios-jwt/refresh', { method: 'POST', headers: { 'x-axios-jwt': '1' } }).then(r => r.status))
      expect(response).toBe(200)
      await gotoHydrated(page, '/protected')
      expect(await text(page, 'items')).toBe('Keys:Alice')
      await page.getByTestId('logout').click()
      await page.waitForURL(url('/login'))
      expect((await page.context().cookies()).filter(c => /^(?:access|refresh)_token/.test(c.name))).toEqual([])
    }
    finally {
      api.options.padding = undefined
    }
  })

  it('keeps a session without "remember me" until the browser closes, through the refresh route', async () => {
    const page = await createPage()
    await gotoHydrated(page, '/login')
    await page.getByTestId('remember').uncheck()
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/'))
    const expiries = async () => (await cookies(page.context())).refresh?.expires
    expect(await expiries()).toBe(-1)
    const before = (await cookies(page.context())).refresh?.value
    expect(await page.evaluate(() => window.fetch('/api/_axios-jwt/refresh', { method: 'POST', headers: { 'x-axios-jwt': '1' } }).then(r => r.status))).toBe(200)
    expect((await cookies(page.context())).refresh?.value).not.toBe(before)
    expect(await expiries()).toBe(-1)
    expect((await cookies(page.context())).access?.expires).toBe(-1)
  })

  it('lets a server route call the API on the user\'s behalf with the HttpOnly refresh token, refreshing first', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/api/on-behalf', { headers: { cookie: `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}` } })
    expect(await response.json()).toEqual({ items: 'Keys:Alice' })
    expect(api.calls.refresh).toBe(1)
    expect(response.headers.getSetCookie().find(c => c.startsWith('refresh_token='))).toMatch(/HttpOnly/)
  })

  it('hands the pair a server route rotated during a page\'s render to the browser, so the next page keeps the session', async () => {
    await expectOwnRouteRefreshKept(api, storeSession)
  })
})
