// The session as users live it: the idle timeout across tabs and renders, and the warning before it ends. Real time
// with a 4 s timeout where the test can wait; Playwright's clock where a sleep of the machine is the case.
import { fetch, getBrowser, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { gotoHydrated, openHydrated, setTokenCookies, text, tokenCookies } from './utils/browser'
import { fixtureWithApi } from './utils/fixture'
import { cookieHeader } from './utils/test-api'
import { sleep } from './utils/time'

const IDLE_SECONDS = 4
const api = await fixtureWithApi({ nuxtConfig: { axiosJwt: { session: { idleTimeout: IDLE_SECONDS, warnBefore: 2 } } } })

let context: BrowserContext | undefined
afterEach(async () => {
  await context?.close()
  context = undefined
})

async function signedInBrowser() {
  context = await (await getBrowser()).newContext()
  const tokens = await api.login()
  await setTokenCookies(context, tokens)
  return { context, tokens }
}

/** The `Cookie` header of a browser whose last activity was `secondsAgo` ago. */
const withActivity = (tokens: { accessToken: string, refreshToken: string }, activity: string) =>
  `${cookieHeader(tokens)}; refresh_token_activity=${activity}`
const secondsAgo = (seconds: number) => String(Date.now() - seconds * 1000)

describe('the idle timeout (`session.idleTimeout`) in the browser', () => {
  it('keeps every tab signed in while one is active, and ends the session in all when none is; the API sees it revoked', async () => {
    const { context, tokens } = await signedInBrowser()
    const pages = [await openHydrated(context, '/protected'), await openHydrated(context, '/protected'), await openHydrated(context, '/public')]
    // Activity in the first tab only, for longer than the timeout.
    for (let second = 0; second < IDLE_SECONDS + 2; second++) {
      await pages[0]!.keyboard.press('Shift')
      await sleep(1000)
    }
    for (const page of pages) expect(await page.evaluate(() => document.cookie)).toContain('refresh_token=')
    expect(api.revoked).toEqual([])
    // None now: every tab goes to login.
    for (const page of pages) await page.waitForURL(/\/login/, { timeout: (IDLE_SECONDS + 4) * 1000 })
    expect(api.revoked).toContain(tokens.refreshToken)
    expect(await tokenCookies(context)).toEqual({ access: undefined, refresh: undefined })
    expect(api.calls.refresh).toBe(0)
  }, 40_000)

  it('ends the session when the tab wakes from a sleep past the deadline, before anything refreshes it', async () => {
    const { context, tokens } = await signedInBrowser()
    const page = await context.newPage()
    await page.clock.install()
    await gotoHydrated(page, '/protected')
    // The machine sleeps for a minute: the access token (60 s) and the idle deadline have both passed.
    await page.clock.fastForward(61_000)
    await page.keyboard.press('Shift')
    await page.waitForURL(/\/login/)
    expect(api.calls.refresh).toBe(0)
    expect(api.revoked).toContain(tokens.refreshToken)
  })
})

describe('the idle timeout on the server', () => {
  it('ends a session at a render past the deadline: to login, revoked, the cookies cleared, nothing refreshed', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/protected', { headers: { cookie: withActivity(tokens, secondsAgo(IDLE_SECONDS + 1)) }, redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?redirect=/protected')
    expect(api.calls.refresh).toBe(0)
    expect(api.revoked).toEqual([tokens.refreshToken])
    const cleared = response.headers.getSetCookie().filter(cookie => /Max-Age=0/.test(cookie)).map(cookie => cookie.split('=')[0]).sort()
    expect(cleared).toEqual(['access_token', 'refresh_token', 'refresh_token_activity'])
  })

  it('does not let an activity cookie forged forward bring back a session it ended', async () => {
    const tokens = await api.login()
    await fetch('/protected', { headers: { cookie: withActivity(tokens, secondsAgo(IDLE_SECONDS + 1)) }, redirect: 'manual' })
    expect(api.revoked).toEqual([tokens.refreshToken])
    // The same pair again, with an activity time set to now, or far ahead.
    for (const forged of [String(Date.now()), String(Date.now() + 86_400_000)]) {
      const response = await fetch('/protected', { headers: { cookie: withActivity(tokens, forged) }, redirect: 'manual' })
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe('/login?redirect=/protected')
    }
  })

  it('counts a render within the deadline as activity, and a malformed activity cookie as none', async () => {
    const tokens = await api.login()
    for (const activity of [secondsAgo(1), 'garbage', '']) {
      const before = Date.now()
      const response = await fetch('/protected', { headers: { cookie: withActivity(tokens, activity) }, redirect: 'manual' })
      expect(response.status).toBe(200)
      const written = response.headers.getSetCookie().find(cookie => cookie.startsWith('refresh_token_activity='))
      expect(Number(written!.split(';')[0]!.split('=')[1])).toBeGreaterThanOrEqual(before)
    }
    expect(api.revoked).toEqual([])
  })
})

describe('the warning before the session ends (`session.warnBefore`, useSessionExpiry)', () => {
  it('warns once when the idle deadline comes within warnBefore, and extend() moves it', async () => {
    const { context } = await signedInBrowser()
    const page = await openHydrated(context, '/expiry')
    await expect.poll(() => text(page, 'seconds-left')).toMatch(/^[0-4]$/)
    // Without activity the deadline comes within the 2 s of warnBefore: one warning.
    await expect.poll(() => text(page, 'expiring')).toBe('yes')
    expect(await text(page, 'warnings')).toMatch(/^idle:[0-2]$/)
    // A click through the page's script, not the mouse: only extend() counts as activity here.
    await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="extend"]')!.click())
    await expect.poll(() => text(page, 'expiring')).toBe('no')
    expect(page.url()).toBe(url('/expiry'))
    // The next deadline warns again, once.
    await expect.poll(() => text(page, 'warnings')).toMatch(/^idle:[0-2],idle:[0-2]$/)
  })

  it('warns when the refresh token\'s own expiry is the nearer end, and extend() refreshes the pair', async () => {
    api.options.refreshTtl = 5
    onTestFinished(() => {
      api.options.refreshTtl = 3600
    })
    const { context, tokens } = await signedInBrowser()
    const page = await openHydrated(context, '/expiry')
    // Active all along, so the idle deadline stays further off than the refresh token's expiry.
    await expect.poll(async () => {
      await page.keyboard.press('Shift')
      return text(page, 'warnings')
    }, { interval: 500 }).toMatch(/^refresh-token:[0-2]$/)
    await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="extend"]')!.click())
    await expect.poll(() => text(page, 'expiring')).toBe('no')
    expect(api.calls.refresh).toBe(1)
    expect((await tokenCookies(context)).refresh?.value).not.toBe(tokens.refreshToken)
  })
})
