import { createPage, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { setTokenCookies } from './browser'
import type { TestApi } from './test-api'

/** Browser pages holding sessions of the test API's users. */
export function sessionPages(api: TestApi) {
  return {
    /** A browser page holding a fresh session of `alice`, whose access token lives `ttl` seconds. */
    async sessionPage(ttl = 60, path?: string) {
      const tokens = await api.login('alice', ttl)
      const page = await createPage()
      await setTokenCookies(page.context(), tokens)
      if (path) await page.goto(url(path), { waitUntil: 'hydration' })
      return { page, tokens }
    },
    /** Gives the page's browser an already expired pair (a new session), as if the tokens had aged. */
    async expireTokens(page: Page) {
      const tokens = await api.loginExpired()
      await setTokenCookies(page.context(), tokens)
      return tokens
    },
  }
}

/** The runtime hooks the basic fixture's page heard, in order. */
export const hookEvents = (page: Page) => page.evaluate(() => (window as unknown as { __axiosJwtEvents: string[] }).__axiosJwtEvents)

/** Collects the page's uncaught errors. */
export function watchErrors(page: Page) {
  const errors: string[] = []
  page.on('pageerror', error => errors.push(error.message))
  return errors
}
