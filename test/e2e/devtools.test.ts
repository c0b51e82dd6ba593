import { $fetch, createPage, fetch, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { gotoHydrated, setTokenCookies } from '../utils/browser'
import { cookieHeader } from '../utils/test-api'
import { fixtureWithApi } from '../utils/fixture'

// The DevTools tab exists in development only: this suite runs the fixture's dev server.
const api = await fixtureWithApi({ dev: true })

const SESSION = '/__nuxt-axios-jwt/session'
const sameSite = { 'x-axios-jwt': '1', 'sec-fetch-site': 'same-origin' }

describe('the DevTools tab', () => {
  it('tells the session: the access token\'s claims and expiry, of the refresh token only that it is there', async () => {
    const tokens = await api.login()
    const response = await fetch(SESSION, { headers: { ...sameSite, cookie: cookieHeader(tokens) } })
    expect(response.status).toBe(200)
    const raw = await response.text()
    const data = JSON.parse(raw)
    expect(data.accessToken).toMatchObject({ present: true, jwt: true, claims: { name: 'Alice' } })
    expect(data.accessToken.expiresIn).toBeGreaterThan(50)
    expect(data.accessToken.expiresIn).toBeLessThanOrEqual(60)
    expect(data.refreshToken).toMatchObject({ present: true, httpOnly: false })
    expect(data.refreshToken.expiresIn).toBeGreaterThan(3000)
    expect(raw).not.toContain(tokens.refreshToken)
    expect(raw).not.toContain(tokens.refreshToken.split('.')[2])
  })

  it('tells each API\'s own session beside the main one', async () => {
    const main = await api.login('alice')
    const own = await api.login('bob')
    const cookie = `${cookieHeader(main)}; partner_access_token=${own.accessToken}; partner_refresh_token=${own.refreshToken}`
    const raw = await (await fetch(SESSION, { headers: { ...sameSite, cookie } })).text()
    const data = JSON.parse(raw)
    expect(data.accessToken.claims).toMatchObject({ name: 'Alice' })
    expect(data.apis.partner.accessToken).toMatchObject({ present: true, claims: { name: 'Bob' } })
    expect(data.apis.partner.refreshToken).toMatchObject({ present: true })
    expect(raw).not.toContain(own.refreshToken)
  })

  it('says when there is no session, and refuses other sites', async () => {
    const none = await $fetch<{ accessToken: { present: boolean }, refreshToken: { present: boolean } }>(SESSION, { headers: sameSite })
    expect(none.accessToken.present).toBe(false)
    expect(none.refreshToken.present).toBe(false)
    const crossSite = await fetch(SESSION, { headers: { 'x-axios-jwt': '1', 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
  })

  it('shows the session and the refreshes of this browser in its page', async () => {
    const page = await createPage()
    await setTokenCookies(page.context(), await api.login())
    await gotoHydrated(page, '/protected')
    // A refresh in the browser, which the tab then lists.
    await setTokenCookies(page.context(), await api.loginExpired())
    await page.getByTestId('fetch').click()
    await expect.poll(() => page.getByTestId('result').textContent()).toContain('ok:Alice')
    await page.goto(url('/__nuxt-axios-jwt'))
    await expect.poll(() => page.locator('#tokens').textContent(), { timeout: 10_000 }).toMatch(/JWT, expires in \d+ s/)
    expect(await page.locator('#claims').textContent()).toContain('"name": "Alice"')
    await expect.poll(() => page.locator('#history').textContent()).toContain('refreshed')
    expect(await page.content()).not.toMatch(/refresh_token=/)
  })
})
