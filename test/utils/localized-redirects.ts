import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import type { NuxtConfig } from '@nuxt/schema'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { routerPush, text } from './browser'
import { fixtureWithApi } from './fixture'
import { cookieHeader } from './test-api'
import { sessionPages } from './session-pages'

type Strategy = 'prefix' | 'prefix_except_default'

/**
 * The redirects of the session in an app with `@nuxtjs/i18n` (English by default, French), on the i18n fixture built
 * with `strategy`: every redirect stays in the locale of the page, and `?redirect=` brings the user back to it.
 */
export async function localizedRedirectSuite(strategy: Strategy, redirect?: Record<string, unknown>) {
  // `i18n` is typed only inside the fixture, where the module is installed.
  const nuxtConfig = { i18n: { strategy }, axiosJwt: { redirect } } as NuxtConfig
  const api = await fixtureWithApi({ fixture: 'i18n', nuxtConfig })
  const { sessionPage, expireTokens } = sessionPages(api)
  /** `path` in `locale`, as the strategy writes it. */
  const inLocale = (locale: 'en' | 'fr', path: string) =>
    strategy === 'prefix_except_default' && locale === 'en' ? path : `/${locale}${path === '/' ? '' : path}`
  const pathAndQuery = (page: Page) => {
    const { pathname, search } = new URL(page.url())
    return decodeURIComponent(pathname + search)
  }

  describe(`@nuxtjs/i18n, strategy ${strategy}`, () => {
    for (const locale of ['en', 'fr'] as const) {
      it(`sends an anonymous visitor of a page in ${locale} to the login page in ${locale}`, async () => {
        const response = await fetch(inLocale(locale, '/protected'), { redirect: 'manual' })
        expect(response.status).toBe(302)
        expect(decodeURIComponent(response.headers.get('location')!)).toBe(`${inLocale(locale, '/login')}?redirect=${inLocale(locale, '/protected')}`)
      })
    }

    it('sends a signed-in user whom a page does not admit to `redirect.forbidden` in the locale of the page', async () => {
      // The test API's users have no roles: /admin asks for one.
      const tokens = await api.login('bob')
      for (const locale of ['en', 'fr'] as const) {
        const response = await fetch(inLocale(locale, '/admin'), { headers: { cookie: cookieHeader(tokens) }, redirect: 'manual' })
        expect(response.status, locale).toBe(302)
        expect(response.headers.get('location'), locale).toBe(inLocale(locale, '/public'))
      }
    })

    it('brings the user back to the localized page after login', async () => {
      const page = await createPage(inLocale('fr', '/protected'))
      expect(pathAndQuery(page)).toBe(`${inLocale('fr', '/login')}?redirect=${inLocale('fr', '/protected')}`)
      await page.getByTestId('submit').click()
      await page.waitForURL(url(inLocale('fr', '/protected')))
      expect(await text(page, 'user')).toBe('Alice')
    })

    it('goes home in the locale of the login page, and keeps a logged-in user off it', async () => {
      const page = await createPage(inLocale('fr', '/login'))
      await page.getByTestId('submit').click()
      await page.waitForURL(url(inLocale('fr', '/')))
      await routerPush(page, inLocale('fr', '/login'))
      await page.waitForURL(url(inLocale('fr', '/')))
    })

    it('logs out to the login page of the current locale', async () => {
      const { page } = await sessionPage(60, inLocale('fr', '/protected'))
      await page.getByTestId('logout').click()
      await page.waitForURL(url(inLocale('fr', '/login')))
    })

    it('sends a user whose session ends to the login page of the current locale', async () => {
      const { page } = await sessionPage(60, inLocale('fr', '/protected'))
      await expireTokens(page)
      api.refreshFault = { status: 401, body: '{"error":"revoked"}' }
      await page.getByTestId('fetch').click()
      await expect.poll(() => pathAndQuery(page), { timeout: 5000 }).toBe(`${inLocale('fr', '/login')}?redirect=${inLocale('fr', '/protected')}`)
    })

    // The global guard runs before i18n has switched to the locale of the page being entered.
    it('guards with the global middleware in the locale of the page being entered, not of the page being left', async () => {
      const page = await createPage(inLocale('fr', '/public'))
      await routerPush(page, inLocale('en', '/plain'))
      await expect.poll(() => pathAndQuery(page), { timeout: 5000 }).toBe(`${inLocale('en', '/login')}?redirect=${inLocale('en', '/plain')}`)
    })
  })
  return api
}
