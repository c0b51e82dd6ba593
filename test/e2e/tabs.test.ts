import { getBrowser, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { gotoHydrated, openHydrated, setTokenCookies, text, tokenCookies } from '../utils/browser'
import { fixtureWithOtherOrigin } from '../utils/fixture'

const { api, partner } = await fixtureWithOtherOrigin()

// One browser context holds the tabs, so they share the cookies as tabs of one browser do.
let context: BrowserContext | undefined
afterEach(async () => {
  await context?.close()
  context = undefined
})

/** A browser whose tabs share a fresh session of `alice`, or none with `loggedIn: false`. */
async function browser(options: { withoutWebLocks?: boolean, loggedIn?: boolean } = {}): Promise<BrowserContext> {
  context = await (await getBrowser()).newContext()
  if (options.withoutWebLocks) {
    // Browsers leave out the Web Locks API on insecure origins (plain HTTP on another host than localhost);
    // the test server is on 127.0.0.1, which counts as secure, so the API is removed before the app starts.
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { value: undefined, configurable: true }))
  }
  if (options.loggedIn !== false) await setTokenCookies(context, await api.login())
  return context
}

async function openTabs(context: BrowserContext, count: number, path: string): Promise<Page[]> {
  const pages: Page[] = []
  for (let i = 0; i < count; i++) pages.push(await openHydrated(context, path))
  return pages
}

describe('several tabs refreshing at once', () => {
  for (const withoutWebLocks of [false, true]) {
    for (const count of [5, 5, 5, 5]) {
      it(`makes exactly one refresh call when ${count} tabs fire requests with an expired token${withoutWebLocks ? ', without Web Locks' : ''}`, async () => {
        const shared = await browser({ withoutWebLocks })
        const pages = await openTabs(shared, count, '/protected')
        const hasLocks = await pages[0]!.evaluate(() => Boolean(navigator.locks))
        expect(hasLocks).toBe(!withoutWebLocks)
        await setTokenCookies(shared, await api.loginExpired())
        const before = api.calls.refresh
        // All tabs start at the same moment (clicks through the driver would come one after another).
        const at = Date.now() + 500
        await Promise.all(pages.map(page => page.evaluate(at => setTimeout(() => document.querySelector<HTMLButtonElement>('[data-testid="storm"]')!.click(), at - Date.now()), at)))
        for (const page of pages) await expect.poll(() => text(page, 'result'), { timeout: 20_000 }).toBe('ok=10 failed=0')
        expect(api.calls.refresh - before).toBe(1)
        expect(api.stats().reused).toBe(0)
        for (const page of pages) expect(page.url()).toBe(url('/protected'))
      }, 60_000)
    }
  }
})

describe('several tabs refreshing two sessions at once (an API with an own session)', () => {
  for (const withoutWebLocks of [false, true]) {
    it(`makes exactly one refresh call per session when 3 tabs storm both APIs with expired tokens${withoutWebLocks ? ', without Web Locks' : ''}`, async () => {
      const shared = await browser({ withoutWebLocks })
      await setTokenCookies(shared, await partner.login('bob'), 'partner_')
      const pages = await openTabs(shared, 3, '/partner')
      const [main, own] = await Promise.all([api.loginExpired(), partner.loginExpired('bob')])
      await setTokenCookies(shared, main)
      await setTokenCookies(shared, own, 'partner_')
      const before = { main: api.calls.refresh, partner: partner.calls.refresh }
      const at = Date.now() + 500
      await Promise.all(pages.map(page => page.evaluate(at => setTimeout(() => document.querySelector<HTMLButtonElement>('[data-testid="storm-sessions"]')!.click(), at - Date.now()), at)))
      for (const page of pages) await expect.poll(() => text(page, 'partner-result'), { timeout: 20_000 }).toBe('ok=20 failed=0')
      expect([api.calls.refresh - before.main, partner.calls.refresh - before.partner]).toEqual([1, 1])
      expect([api.stats().reused, partner.stats().reused]).toEqual([0, 0])
    }, 60_000)
  }
})

describe('login and logout across tabs', () => {
  it('sends another tab to login at its next navigation after a logout', async () => {
    const [a, b] = await openTabs(await browser(), 2, '/protected')
    await a!.getByTestId('logout').click()
    await a!.waitForURL(url('/login'))
    await b!.getByTestId('again').click()
    await b!.waitForURL(/\/login\?redirect=/)
    expect(new URL(b!.url()).searchParams.get('redirect')).toBe('/protected?again=1')
    expect(await text(b!, 'logged-in')).toBe('no')
  })

  it('sends another tab to login at its next request after a logout', async () => {
    const [a, b] = await openTabs(await browser(), 2, '/protected')
    await a!.getByTestId('logout').click()
    await a!.waitForURL(url('/login'))
    // The other tab hears of the logout at once; its page stays until it asks the API for something.
    await expect.poll(() => text(b!, 'logged-in')).toBe('no')
    expect(b!.url()).toBe(url('/protected'))
    const unauthorizedBefore = api.calls.unauthorized
    await b!.getByTestId('fetch').click()
    await b!.waitForURL(/\/login\?redirect=/)
    expect(new URL(b!.url()).searchParams.get('redirect')).toBe('/protected')
    // The request was not sent without a token only to be refused.
    expect(api.calls.unauthorized).toBe(unauthorizedBefore)
    expect(await tokenCookies(context!)).toEqual({ access: undefined, refresh: undefined })
  })

  it('shows a login in one tab in the others, with the user, without a reload', async () => {
    const shared = await browser({ loggedIn: false })
    const [reader, writer] = await openTabs(shared, 2, '/public')
    expect(await text(reader!, 'logged-in')).toBe('no')
    await gotoHydrated(writer!, '/login')
    await writer!.getByTestId('submit').click()
    await writer!.waitForURL(url('/'))
    await expect.poll(() => text(reader!, 'logged-in')).toBe('yes')
    await expect.poll(() => text(reader!, 'user-name')).toBe('Alice')
    expect(reader!.url()).toBe(url('/public'))
  })
})
