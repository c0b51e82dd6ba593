import { createPage, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { gotoHydrated, setTokenCookies, tokenCookies } from '../utils/browser'
import { sleep } from '../utils/time'
import { fixtureWithApi } from '../utils/fixture'

const api = await fixtureWithApi({ nuxtConfig: { axiosJwt: { refresh: { inBackground: true } } } })

// A page left open would go on refreshing on its timer into the next test.
const pages: Page[] = []
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close()
})
beforeEach(() => {
  // 6 s tokens: the 30 s margin is capped at half the lifetime, so each one is due 3 s after it was issued.
  api.options.accessTtl = 6
})

/** A page on /public (it sends no requests) with a 6 s session, whose visibility the test controls. */
async function idlePage(hidden = false): Promise<Page> {
  const page = await createPage()
  pages.push(page)
  // Headless Chromium shows every page as visible: the test decides what the page reports instead.
  await page.addInitScript((hidden) => {
    const state = window as unknown as { __hidden?: boolean }
    state.__hidden = hidden
    Object.defineProperty(document, 'visibilityState', { get: () => state.__hidden ? 'hidden' : 'visible' })
  }, hidden)
  await setTokenCookies(page.context(), await api.login('alice', 6))
  return gotoHydrated(page, '/public')
}

const setHidden = (page: Page, hidden: boolean) => page.evaluate((hidden) => {
  (window as unknown as { __hidden?: boolean }).__hidden = hidden
  document.dispatchEvent(new Event('visibilitychange'))
}, hidden)

describe('refresh.inBackground', () => {
  it('refreshes before expiry with no request in flight, again for each new token, and the API sees no 401', async () => {
    const page = await idlePage()
    const access = async () => (await tokenCookies(page.context())).access?.value
    const first = await access()
    await expect.poll(access, { timeout: 5000 }).not.toBe(first)
    const second = await access()
    expect(api.calls.refresh).toBe(1)
    await expect.poll(access, { timeout: 5000 }).not.toBe(second)
    expect(api.calls.refresh).toBe(2)
    expect(api.calls.unauthorized).toBe(0)
    expect(api.calls.items).toBe(0)
  })

  it('waits while the tab is hidden and refreshes when it is shown again', async () => {
    const page = await idlePage(true)
    // Due 3 s after login, expired after 6 s.
    await sleep(4000)
    expect(api.calls.refresh).toBe(0)
    await setHidden(page, false)
    await expect.poll(() => api.calls.refresh, { timeout: 2000 }).toBe(1)
    expect(page.url()).toBe(url('/public'))
  })
})
