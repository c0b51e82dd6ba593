// The session as users live it: the idle timeout across tabs and renders, and the warning before it ends. Real time
// with a 4 s timeout where the test can wait; Playwright's clock where a sleep of the machine is the case.
import { fetch, getBrowser, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { gotoHydrated, logInThroughForm, openHydrated, setTokenCookies, text, tokenCookies } from '../utils/browser'
import { fixtureWithApi } from '../utils/fixture'
import { cookieHeader } from '../utils/test-api'
import { sleep } from '../utils/time'

const IDLE_SECONDS = 4
const api = await fixtureWithApi({ nuxtConfig: { axiosJwt: { session: { idleTimeout: IDLE_SECONDS, warnBefore: 2 } } } })

let context: BrowserContext | undefined
afterEach(async () => {
  await context?.close()
  context = undefined
})

/** A browser with a pair and its activity now, as a login leaves it. */
async function signedInBrowser() {
  context = await (await getBrowser()).newContext()
  const tokens = await api.login()
  await setTokenCookies(context, tokens)
  await context.addCookies([{ name: 'refresh_token_activity', value: String(Date.now()), url: url('/') }])
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

  it('counts a render within the deadline as activity', async () => {
    const tokens = await api.login()
    const before = Date.now()
    const response = await fetch('/protected', { headers: { cookie: withActivity(tokens, secondsAgo(1)) }, redirect: 'manual' })
    expect(response.status).toBe(200)
    const written = response.headers.getSetCookie().find(cookie => cookie.startsWith('refresh_token_activity='))
    expect(Number(written!.split(';')[0]!.split('=')[1])).toBeGreaterThanOrEqual(before)
    // It outlives a browser restart, a little longer than the timeout.
    expect(written).toMatch(new RegExp(`Max-Age=${IDLE_SECONDS + 300}`))
    expect(api.revoked).toEqual([])
  })

  it('ends a session whose activity cannot be read: missing, malformed, or far ahead of the clock', async () => {
    for (const activity of [undefined, 'garbage', '', '1e13', String(Date.now() + 6 * 60_000)]) {
      const tokens = await api.login()
      const cookie = activity === undefined ? cookieHeader(tokens) : withActivity(tokens, activity)
      const response = await fetch('/protected', { headers: { cookie }, redirect: 'manual' })
      expect(response.status, String(activity)).toBe(302)
      expect(response.headers.get('location')).toBe('/login?redirect=/protected')
      expect(api.revoked.at(-1)).toBe(tokens.refreshToken)
    }
    expect(api.calls.refresh).toBe(0)
  })

  it('ends an idle session before a server route calls the API with it (useServerApi)', async () => {
    const tokens = await api.login()
    const response = await fetch('/api/on-behalf', { headers: { 'cookie': withActivity(tokens, secondsAgo(IDLE_SECONDS + 1)), 'sec-fetch-site': 'same-origin' } })
    expect(response.status).toBe(401)
    expect(api.revoked).toEqual([tokens.refreshToken])
    // The route ran without a session: nothing but the revocation reached the API with its token.
    expect(api.stats().requests.filter(request => request.authorization?.includes(tokens.accessToken)).map(request => request.path)).toEqual(['/auth/logout'])
    expect(response.headers.getSetCookie().filter(cookie => /Max-Age=0/.test(cookie)).map(cookie => cookie.split('=')[0]).sort()).toEqual(['access_token', 'refresh_token', 'refresh_token_activity'])
  })
})

describe('the idle timeout across a browser restart', () => {
  it('ends the session when the browser is opened again past the deadline, with the cookies that outlive it', async () => {
    const browser = await getBrowser()
    const first = await browser.newContext()
    const page = await logInThroughForm(await first.newPage())
    const tokens = await tokenCookies(first)
    // The browser closes: what it keeps is what has an expiry, the activity among it.
    const kept = (await first.cookies()).filter(cookie => cookie.expires > 0)
    expect(kept.map(cookie => cookie.name).sort()).toEqual(['access_token', 'refresh_token', 'refresh_token_activity'])
    await page.close()
    await first.close()
    await sleep((IDLE_SECONDS + 1) * 1000)
    context = await browser.newContext()
    await context.addCookies(kept)
    const reopened = await context.newPage()
    await reopened.goto(url('/protected'))
    await reopened.waitForURL(/\/login\?redirect=/)
    expect(api.revoked).toEqual([tokens.refresh!.value])
    expect(await tokenCookies(context)).toEqual({ access: undefined, refresh: undefined })
    expect(api.calls.refresh).toBe(0)
  }, 30_000)
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
