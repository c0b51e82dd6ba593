import { createPage, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hydrated, text, tokenCookies } from './browser'
import type { ResourceApi } from './resource-api'
import type { TestApi } from './test-api'

type Tokens = { accessToken: string, refreshToken: string }

/**
 * `axiosJwt.apis.billing` in the browser (test/fixtures/basic, page /billing): a second API on another origin that
 * accepts the session's token, in a cookie mode whose browser cookies `store` writes.
 */
export function describeNamedApisInBrowser({ api, other, billing }: { api: TestApi, other: TestApi, billing: ResourceApi }, store: (context: BrowserContext, tokens: Tokens) => Promise<void>) {
  async function billingPage(tokens: Tokens) {
    const page = await createPage()
    await store(page.context(), tokens)
    await page.goto(url('/billing'))
    await hydrated(page)
    return page
  }

  describe('a second API with the same session (`apis`)', () => {
    it('refreshes once for a storm on both APIs with an expired token, and the second API sees only the new token', async () => {
      const page = await billingPage(await api.login())
      expect(await text(page, 'invoice-owner')).toBe('Alice')
      await store(page.context(), await api.loginExpired())
      const before = api.calls.refresh
      billing.reset()
      await page.getByTestId('storm-both').click()
      await expect.poll(() => text(page, 'billing-result')).toBe('ok=20 failed=0')
      expect(api.calls.refresh - before).toBe(1)
      expect(billing.unauthorized).toBe(0)
      const { access } = await tokenCookies(page.context())
      expect(new Set(billing.authorizations)).toEqual(new Set([`Bearer ${access!.value}`]))
    })

    it('refreshes the one session when the second API refuses a token that has not expired, and retries', async () => {
      const tokens = await api.login()
      const page = await billingPage(tokens)
      billing.rejected.add(tokens.accessToken)
      const before = api.calls.refresh
      await page.getByTestId('storm-both').click()
      await expect.poll(() => text(page, 'billing-result')).toBe('ok=20 failed=0')
      expect(api.calls.refresh - before).toBe(1)
    })

    it('sends the second API\'s instance no token to another origin', async () => {
      const page = await billingPage(await api.login())
      await page.getByTestId('billing-to-other').click()
      await expect.poll(() => text(page, 'billing-result')).toBe('other:none')
      expect(other.authorizations.filter(Boolean)).toEqual([])
    })

    it('names the configured APIs when asked for one that is not', async () => {
      const page = await billingPage(await api.login())
      await page.getByTestId('unknown-api').click()
      expect(await text(page, 'billing-result')).toBe('error:There is no API named "nope" in `axiosJwt.apis` (there are: billing, partner).')
    })
  })
}
