import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext, Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { hydrated, routerPush, text } from './browser'
import { cookieHeader, type TestApi } from './test-api'

type Tokens = { accessToken: string, refreshToken: string }

/** Keycloak-shaped roles and an OAuth2 `scope` string: alice is an admin who may write orders, bob a viewer who may read them. */
function giveClaims(api: TestApi) {
  const claims: Record<string, Record<string, unknown>> = {
    alice: { realm_access: { roles: ['admin'] }, scope: 'orders:read orders:write' },
    bob: { realm_access: { roles: ['viewer'] }, scope: 'orders:read' },
  }
  for (const user of api.options.users) user.claims = claims[user.username]
}

/** The page's error, as Nuxt's error page shows it: its status code. */
const shownStatus = (page: Page) => page.locator('h1').first().textContent().then(heading => heading?.trim())

/**
 * The page guards of `definePageMeta({ auth: { roles, scopes, allow } })` (test/fixtures/basic: /admin, /orders,
 * /alice-only; `claims: { roles: 'realm_access.roles', scopes: 'scope' }`), in a cookie mode whose browser cookies
 * `store` writes.
 */
export function describeClaimGuards(api: TestApi, store: (context: BrowserContext, tokens: Tokens) => Promise<void>) {
  /** A hydrated browser page holding a session of `username`. */
  async function signedIn(username: string, path = '/protected') {
    const tokens = await api.login(username)
    const page = await createPage()
    await store(page.context(), tokens)
    await page.goto(url(path))
    await hydrated(page)
    return { page, tokens }
  }

  const render = (path: string, tokens?: Tokens) => fetch(path, { headers: tokens ? { cookie: cookieHeader(tokens) } : {}, redirect: 'manual' })

  describe('claim guards', () => {
    beforeEach(() => giveClaims(api))

    it('renders a page for a role, scopes or a predicate the user has, on the server', async () => {
      const tokens = await api.login('alice')
      const admin = await render('/admin', tokens)
      expect(admin.status).toBe(200)
      const html = await admin.text()
      expect(html).toMatch(/data-testid="roles"[^>]*>\s*admin\s*</)
      expect(html).toMatch(/data-testid="is-admin"[^>]*>\s*yes\s*</)
      expect(await (await render('/orders', tokens)).text()).toMatch(/data-testid="can-write"[^>]*>\s*yes\s*</)
      expect((await render('/alice-only', tokens)).status).toBe(200)
    })

    it('answers 403, not the login page, to a signed-in user without them, on the server', async () => {
      const tokens = await api.login('bob')
      for (const path of ['/admin', '/orders', '/alice-only']) {
        const response = await render(path, tokens)
        expect(response.status, path).toBe(403)
        expect(response.headers.get('location'), path).toBeNull()
      }
    })

    it('sends a user who is not signed in to login, whatever the page asks', async () => {
      const response = await render('/admin')
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe('/login?redirect=/admin')
    })

    it('shows the 403 error page on client navigation, and lets the user who may in', async () => {
      const bob = await signedIn('bob')
      await bob.page.getByTestId('to-admin').click()
      await expect.poll(() => shownStatus(bob.page)).toBe('403')
      const alice = await signedIn('alice')
      await routerPush(alice.page, '/admin')
      await alice.page.waitForURL(url('/admin'))
      expect(await text(alice.page, 'is-admin')).toBe('yes')
      await alice.page.getByTestId('to-orders').click()
      await alice.page.waitForURL(url('/orders'))
      expect(await text(alice.page, 'can-write')).toBe('yes')
    })

    it('sees a role granted at the next refresh without a new login', async () => {
      const { page } = await signedIn('bob')
      await page.getByTestId('to-admin').click()
      await expect.poll(() => shownStatus(page)).toBe('403')
      await page.goto(url('/protected'))
      await hydrated(page)
      api.options.users.find(user => user.username === 'bob')!.claims = { realm_access: { roles: ['owner'] }, scope: 'orders:read' }
      const logins = api.calls.login
      await page.evaluate(() => (window as unknown as { useNuxtApp: () => { _axiosJwt: { auth: { refresh: () => Promise<string> } } } }).useNuxtApp()._axiosJwt.auth.refresh())
      await routerPush(page, '/admin')
      await page.waitForURL(url('/admin'))
      expect(await text(page, 'roles')).toBe('owner')
      expect(api.calls.login).toBe(logins)
      expect(api.calls.refresh).toBe(1)
    })
  })
}
