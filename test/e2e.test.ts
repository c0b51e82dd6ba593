import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { setTokenCookies, text, tokenCookies } from './utils/browser'
import { sleep } from './utils/time'
import { cookieHeader, startTestApi } from './utils/test-api'
import { fixtureWithApi } from './utils/fixture'

const other = await startTestApi()
const api = await fixtureWithApi({ env: { NUXT_PUBLIC_OTHER_ORIGIN: other.url } })

afterAll(() => other.close())

beforeEach(() => {
  other.reset()
  api.options.accessTtl = 60
})

/** A browser page holding a fresh session of `alice`, whose access token lives `ttl` seconds. */
async function sessionPage(ttl = 60, path?: string) {
  const tokens = await api.login('alice', ttl)
  const page = await createPage()
  await setTokenCookies(page.context(), tokens)
  if (path) await page.goto(url(path), { waitUntil: 'hydration' })
  return { page, tokens }
}

/** Gives the page's browser an already expired pair (a new session), as if the tokens had aged. */
async function expireTokens(page: Page) {
  const tokens = await api.loginExpired()
  await setTokenCookies(page.context(), tokens)
  return tokens
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { __axiosJwtEvents: string[] }).__axiosJwtEvents)

function watchErrors(page: Page) {
  const errors: string[] = []
  page.on('pageerror', error => errors.push(error.message))
  return errors
}

describe('login and guards', () => {
  it('sends an anonymous user to login with ?redirect=, then back after login', async () => {
    const page = await createPage('/protected')
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/protected')
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/protected'))
    expect(await text(page, 'user')).toBe('Alice')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    const { access, refresh } = await tokenCookies(page.context())
    expect(access?.value).toBeTruthy()
    expect(refresh?.value).toBeTruthy()
    expect(access).toMatchObject({ path: '/', sameSite: 'Lax', secure: true, httpOnly: false })
    expect(api.calls.login).toBe(1)
    expect(await events(page)).toEqual(['login:Alice'])
  })

  it('shows the API\'s refusal of wrong credentials and stores nothing', async () => {
    const page = await createPage('/login')
    await page.getByTestId('password').fill('wrong')
    await page.getByTestId('submit').click()
    await expect.poll(() => text(page, 'login-error')).toMatch(/401/)
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
  })

  for (const target of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/%2F%2Fevil.example', '/.//evil.example', '/%5Cevil.example']) {
    it(`does not follow the off-site redirect ${target} after login`, async () => {
      const page = await createPage(`/login?redirect=${encodeURIComponent(target)}`)
      await page.getByTestId('submit').click()
      await page.waitForURL(url('/'))
      expect(page.url()).toBe(url('/'))
    })
  }

  it('sends a logged-in user away from the login page', async () => {
    const { page } = await sessionPage(60, '/login')
    expect(page.url()).toBe(url('/'))
  })

  it('lets anyone see a page without the middleware', async () => {
    const page = await createPage('/plain')
    expect(page.url()).toBe(url('/plain'))
  })
})

describe('signing and refreshing in the browser', () => {
  it('refreshes once for 10 concurrent requests with an expired token, and all succeed', async () => {
    const { page } = await sessionPage(60, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    await expireTokens(page)
    const before = api.calls.refresh
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh - before).toBe(1)
    expect(api.calls.unauthorized).toBe(0)
    // Runtime hooks: one refresh reported, and the refresh request could be changed before it went out.
    expect(await events(page)).toEqual(['refreshed:number'])
    expect(api.refreshBodies.at(-1)).toMatchObject({ hooked: 'yes' })
  })

  it('does not refresh on a timer unless refreshInBackground is on', async () => {
    api.options.accessTtl = 2
    await sessionPage(2, '/public')
    // Due after 1 s (half the lifetime), expired after 2 s: nothing asks the API meanwhile.
    await sleep(2500)
    expect(api.calls.refresh).toBe(0)
  })

  it('sends no token to another origin', async () => {
    const { page, tokens } = await sessionPage(60, '/protected')
    await page.getByTestId('other').click()
    await expect.poll(() => text(page, 'result')).toBe('other:none')
    await page.getByTestId('other-relative').click()
    await expect.poll(() => text(page, 'result')).toBe('other:none')
    expect(other.authorizations).toEqual([undefined, undefined])
    expect(api.authorizations).toContain(`Bearer ${tokens.accessToken}`)
  })

  it('keeps the session through a refresh endpoint failing with 503, and recovers', async () => {
    const { page } = await sessionPage(60, '/protected')
    const tokens = await expireTokens(page)
    api.refreshFault = { status: 503 }
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toMatch(/^error:RefreshError: .*503/)
    expect(await events(page)).toEqual(['refresh-failed:transient'])
    expect((await tokenCookies(page.context())).refresh?.value).toBe(tokens.refreshToken)
    expect(page.url()).toBe(url('/protected'))
    api.refreshFault = undefined
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toBe('ok:Alice')
    expect((await tokenCookies(page.context())).refresh?.value).not.toBe(tokens.refreshToken)
  })

  it('ends the session when the refresh token is rejected: cookies cleared, login with ?redirect=', async () => {
    const { page, tokens } = await sessionPage(60, '/protected')
    // The backend revokes the session, as after a password change elsewhere.
    await globalThis.fetch(`${api.url}/auth/logout`, { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) })
    await page.getByTestId('fetch').click()
    await page.waitForURL(/\/login/)
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/protected')
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
    expect(await text(page, 'logged-in')).toBe('no')
    expect(api.calls.refresh).toBe(1)
    expect(await events(page)).toEqual(['refresh-failed:session-over'])
  })

  it('logs out: tells the API, clears the cookies and goes to the logout page', async () => {
    const { page, tokens } = await sessionPage(60, '/protected')
    await page.getByTestId('logout').click()
    await page.waitForURL(url('/login'))
    expect(await events(page)).toEqual(['logout'])
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
    const reuse = await globalThis.fetch(`${api.url}/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) })
    expect(reuse.status).toBe(401)
  })
})

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
    const config = html.match(/axiosJwt:(\{.*?\}\}),?/)?.[1]
    expect(config).toContain(`baseURL:"${api.url}"`)
    expect(config).toContain('endpoints:{login:"/auth/login"')
    // The API's shape is built into the app, not repeated in every page and re-read per request.
    for (const option of ['tokens', 'refreshTimeout', 'redirect', 'sessionEndStatuses']) expect(html).not.toContain(`${option}:`)
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
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/protected'))
    expect(await text(page, 'user')).toBe('Alice')
    expect(errors).toEqual([])
  })
})
