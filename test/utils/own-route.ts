import { createPage, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { expect } from 'vitest'
import { text } from './browser'
import type { IssuedTokens, TestApi } from './test-api'

/**
 * A page without the auth middleware renders data from the app's own route, which refreshes the expired pair during
 * SSR: the rotated pair reaches the browser, so the next page keeps the session without a second refresh.
 */
export async function expectOwnRouteRefreshKept(api: TestApi, store: (context: BrowserContext, tokens: IssuedTokens) => Promise<void>) {
  const page = await createPage()
  const spent = await api.loginExpired()
  await store(page.context(), spent)
  await page.goto(url('/own-route'), { waitUntil: 'hydration' })
  expect(await text(page, 'own-route')).toBe('Keys:Alice')
  expect(api.calls.refresh).toBe(1)
  const refresh = (await page.context().cookies()).find(c => c.name === 'refresh_token')
  expect(refresh?.value).not.toBe(spent.refreshToken)

  await page.goto(url('/protected'), { waitUntil: 'hydration' })
  expect(page.url()).toBe(url('/protected'))
  expect(await text(page, 'items')).toBe('Keys:Alice')
  expect(api.calls.refresh).toBe(1)
  expect(api.stats().reused).toBe(0)
}
