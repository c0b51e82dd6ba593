// Login, the route guards (the session, and the pages' roles and scopes) and logout in Chromium, on the built basic fixture.
import { createPage, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { gotoHydrated, hydrated, setTokenCookies, text, tokenCookies } from '../utils/browser'
import { submitBeforeHydration } from '../utils/form-login'
import { describeClaimGuards } from '../utils/claim-guards'
import { fixtureWithApi } from '../utils/fixture'
import { hookEvents, sessionPages } from '../utils/session-pages'
import { sleep } from '../utils/time'

const api = await fixtureWithApi()
const { sessionPage } = sessionPages(api)

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
    expect(await hookEvents(page)).toEqual(['login:Alice'])
  })

  it('rejects wrong credentials with an InvalidCredentialsError in the API\'s own words, and stores nothing', async () => {
    const page = await createPage('/login')
    await hydrated(page)
    await page.getByTestId('password').fill('wrong')
    await page.getByTestId('submit').click()
    // The test API answers 401 { error: 'wrong credentials' }.
    await expect.poll(() => text(page, 'login-error')).toBe('invalid_credentials: wrong credentials')
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
  })

  it('shows a known code of ?auth_error= with the module\'s text, never text from the URL', async () => {
    const page = await createPage('/login?auth_error=invalid_credentials&auth_error_description=Call%20555-0100%20to%20unlock')
    expect(await text(page, 'login-error')).toBe('invalid_credentials: The username or password is not right.')
    await gotoHydrated(page, '/login?auth_error=Call%20555-0100&auth_error_description=Call%20555-0100')
    expect(await text(page, 'login-error')).toBe('sign_in_failed: The sign-in failed. Sign in again.')
  })

  it('keeps the password out of the URL when the login form is submitted before the page hydrates', async () => {
    const { page, requests } = await submitBeforeHydration('/login?redirect=/protected')
    await page.waitForLoadState()
    const submitted = requests.at(-1)!
    expect(submitted.method).toBe('POST')
    expect(submitted.url).not.toMatch(/secret|password/)
    expect(page.url()).not.toMatch(/secret|password/)
    // Readable mode has no server route: the form posts to its own page, which renders again, and nothing is stored.
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
    expect(api.calls.login).toBe(0)
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

  it('logs out: tells the API, clears the cookies and goes to the logout page', async () => {
    const { page, tokens } = await sessionPage(60, '/protected')
    await page.getByTestId('logout').click()
    await page.waitForURL(url('/login'))
    expect(await hookEvents(page)).toEqual(['logout'])
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
    const reuse = await globalThis.fetch(`${api.url}/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) })
    expect(reuse.status).toBe(401)
  })
})

describe('remember me', () => {
  const sessionOnly = async (page: Page) => {
    const { access, refresh } = await tokenCookies(page.context())
    return { access: access?.expires, refresh: refresh?.expires, values: [access?.value, refresh?.value] }
  }

  it('keeps a session without "remember me" until the browser closes, through server and browser refreshes', async () => {
    api.options.accessTtl = 2
    const page = await createPage('/login')
    await page.getByTestId('remember').uncheck()
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/'))
    const first = await sessionOnly(page)
    expect([first.access, first.refresh]).toEqual([-1, -1])

    await sleep(2100)
    await gotoHydrated(page, '/protected')
    const afterServer = await sessionOnly(page)
    expect(afterServer.values).not.toEqual(first.values)
    expect([afterServer.access, afterServer.refresh]).toEqual([-1, -1])

    await sleep(2100)
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    const afterBrowser = await sessionOnly(page)
    expect(afterBrowser.values).not.toEqual(afterServer.values)
    expect([afterBrowser.access, afterBrowser.refresh]).toEqual([-1, -1])
    api.options.accessTtl = 60
  })

  it('keeps the session across browser restarts by default', async () => {
    const page = await createPage('/login')
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/'))
    const { refresh } = await tokenCookies(page.context())
    expect(refresh!.expires).toBeGreaterThan(Date.now() / 1000 + 3000)
  })
})

describe('logout', () => {
  it('revokes the refresh token at the API even when the access token has expired, refreshing first', async () => {
    api.strictLogout = true
    const page = await createPage()
    await setTokenCookies(page.context(), await api.loginExpired())
    await gotoHydrated(page, '/public')
    await page.getByTestId('public-logout').click()
    await page.waitForURL(url('/login'))
    expect(api.revoked).toHaveLength(1)
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
    const reuse = await globalThis.fetch(`${api.url}/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: api.revoked[0] }) })
    expect(reuse.status).toBe(401)
  })
})

// Readable cookies; test/e2e/httponly.test.ts runs the same guards in httpOnly mode.
describeClaimGuards(api, setTokenCookies)
