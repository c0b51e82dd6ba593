import { createPage, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hydrated, text, tokenCookies } from './browser'
import type { TestApi } from './test-api'

type Tokens = { accessToken: string, refreshToken: string }
type Store = (context: BrowserContext, tokens: Tokens, prefix?: string) => Promise<void>

/** The partner's cookies are named after it. */
const PARTNER = 'partner_'

/** Revokes a session at its API, as a password change elsewhere would. */
const revoke = (api: TestApi, tokens: Tokens) =>
  globalThis.fetch(`${api.url}/auth/logout`, { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) })

/** The access tokens an API was sent. */
const bearerTokens = (api: TestApi) => api.authorizations.filter(Boolean).map(header => header!.replace(/^Bearer /, ''))

/**
 * `axiosJwt.apis.partner` in the browser (test/fixtures/basic, page /partner): an API on another origin with a session of
 * its own (its own endpoints, cookies and rotation), beside the main session, in a cookie mode whose browser cookies
 * `store` writes.
 */
export function describeOwnSessionsInBrowser({ api, partner }: { api: TestApi, partner: TestApi }, store: Store) {
  async function partnerPage(main: Tokens, own: Tokens) {
    const page = await createPage()
    await store(page.context(), main)
    await store(page.context(), own, PARTNER)
    await page.goto(url('/partner'))
    await hydrated(page)
    return page
  }

  describe('an API with an own session (`apis` with `endpoints`)', () => {
    it('refreshes each session once for a storm on both APIs with both tokens expired, and sends neither API the other\'s tokens', async () => {
      const [main, own] = await Promise.all([api.login('alice'), partner.login('bob')])
      const page = await partnerPage(main, own)
      expect(await text(page, 'partner-items')).toBe('Keys:Bob')
      expect(await text(page, 'main-items')).toBe('Keys:Alice')
      const [expiredMain, expiredOwn] = await Promise.all([api.loginExpired('alice'), partner.loginExpired('bob')])
      await store(page.context(), expiredMain)
      await store(page.context(), expiredOwn, PARTNER)
      const before = { main: api.calls.refresh, partner: partner.calls.refresh }
      await page.getByTestId('storm-sessions').click()
      await expect.poll(() => text(page, 'partner-result')).toBe('ok=20 failed=0')
      expect(api.calls.refresh - before.main).toBe(1)
      expect(partner.calls.refresh - before.partner).toBe(1)
      expect([api.stats().reused, partner.stats().reused]).toEqual([0, 0])
      expect(await text(page, 'partner-events')).toMatch(/^(refreshed:main,refreshed:partner|refreshed:partner,refreshed:main)$/)
      const [mainNow, ownNow] = await Promise.all([tokenCookies(page.context()), tokenCookies(page.context(), PARTNER)])
      const mainTokens = [main.accessToken, expiredMain.accessToken, mainNow.access!.value]
      const ownTokens = [own.accessToken, expiredOwn.accessToken, ownNow.access!.value]
      expect(bearerTokens(partner).filter(token => mainTokens.includes(token))).toEqual([])
      expect(bearerTokens(api).filter(token => ownTokens.includes(token))).toEqual([])
      expect(bearerTokens(partner)).toContain(ownNow.access!.value)
    })

    it('sends neither session\'s token to the other\'s origin', async () => {
      const page = await partnerPage(await api.login('alice'), await partner.login('bob'))
      await page.getByTestId('partner-to-main').click()
      await expect.poll(() => text(page, 'partner-result')).toBe('partner-to-main:none main-to-partner:none')
    })

    it('ends the partner session alone: its cookies go, the main session and the page stay', async () => {
      const main = await api.login('alice')
      const own = await partner.loginExpired('bob')
      await revoke(partner, own)
      const page = await partnerPage(main, own)
      expect(await text(page, 'partner-logged-in')).toBe('no')
      expect(await tokenCookies(page.context(), PARTNER)).toEqual({ access: undefined, refresh: undefined })
      expect((await tokenCookies(page.context())).refresh?.value).toBe(main.refreshToken)
      expect(await text(page, 'main-logged-in')).toBe('yes')
      expect(page.url()).toBe(url('/partner'))
    })

    it('ends the main session alone: to login, with the partner session kept', async () => {
      const main = await api.login('alice')
      const own = await partner.login('bob')
      const page = await partnerPage(main, own)
      const expired = await api.loginExpired('alice')
      await revoke(api, expired)
      await store(page.context(), expired)
      await page.getByTestId('storm-sessions').click()
      await page.waitForURL(/\/login/)
      expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
      expect((await tokenCookies(page.context(), PARTNER)).refresh?.value).toBe(own.refreshToken)
    })

    it('logs in and out of the partner session alone', async () => {
      const main = await api.login('alice')
      const page = await createPage()
      await store(page.context(), main)
      await page.goto(url('/partner'))
      await hydrated(page)
      expect(await text(page, 'partner-logged-in')).toBe('no')
      await page.getByTestId('partner-login').click()
      await expect.poll(() => text(page, 'partner-result')).toBe('login:Bob')
      expect(await text(page, 'partner-logged-in')).toBe('yes')
      // HttpOnly exactly when the main session's is: every session of an app keeps its refresh token one way.
      const [ownCookies, mainCookies] = await Promise.all([tokenCookies(page.context(), PARTNER), tokenCookies(page.context())])
      expect(ownCookies.refresh?.httpOnly).toBe(mainCookies.refresh?.httpOnly)
      await page.getByTestId('partner-logout').click()
      await expect.poll(() => text(page, 'partner-result')).toBe('logged-out')
      expect(partner.revoked).toHaveLength(1)
      expect(await tokenCookies(page.context(), PARTNER)).toEqual({ access: undefined, refresh: undefined })
      expect((await tokenCookies(page.context())).refresh?.value).toBe(main.refreshToken)
      expect(page.url()).toBe(url('/partner'))
    })

    it('names the APIs with an own session when asked for one that is not', async () => {
      const page = await partnerPage(await api.login('alice'), await partner.login('bob'))
      await page.getByTestId('partner-unknown').click()
      expect(await text(page, 'partner-result')).toBe('error:There is no API with an own session named "nope" in `axiosJwt.apis` (there are: partner).')
    })
  })
}
