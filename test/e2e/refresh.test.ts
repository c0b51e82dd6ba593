// Signing and refreshing in Chromium, on the built basic fixture.
import { createPage, url } from '@nuxt/test-utils/e2e'
import { afterAll, describe, expect, it } from 'vitest'
import { gotoHydrated, setTokenCookies, text, tokenCookies } from '../utils/browser'
import { fixtureWithOtherOrigin } from '../utils/fixture'
import { describeNamedApisInBrowser } from '../utils/named-apis'
import { describeLiveConnections } from '../utils/live-connections'
import { startLiveServer } from '../utils/live-server'
import { describeOwnSessionsInBrowser } from '../utils/own-sessions'
import type { TestApi } from '../utils/test-api'
import { hookEvents, sessionPages } from '../utils/session-pages'
import { sleep } from '../utils/time'

// The live server checks tokens with the test API, which starts with the fixture.
const issuer: { api?: TestApi } = {}
const live = await startLiveServer(token => issuer.api!.verifyAccess(token))
const unlisted = await startLiveServer(token => issuer.api!.verifyAccess(token))
afterAll(() => Promise.all([live.close(), unlisted.close()]))
const { api, other, billing, partner } = await fixtureWithOtherOrigin({
  env: { NUXT_PUBLIC_LIVE_ORIGIN: live.url, NUXT_PUBLIC_UNLISTED_LIVE_ORIGIN: unlisted.url, NUXT_PUBLIC_AXIOS_JWT_LIVE_ORIGINS: JSON.stringify([live.url]) },
})
issuer.api = api
const { sessionPage, expireTokens } = sessionPages(api)

describeNamedApisInBrowser({ api, other, billing }, setTokenCookies)
describeOwnSessionsInBrowser({ api, partner }, setTokenCookies)
describeLiveConnections(api, { live, unlisted }, setTokenCookies)

describe('signing and refreshing in the browser', () => {
  it('refreshes once for 10 concurrent requests with an expired token, and all succeed', async () => {
    const { page } = await sessionPage(60, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    await expireTokens(page)
    const before = api.calls.refresh
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh - before).toBe(1)
    expect(api.calls.unauthorized).toBe(0)
    // Runtime hooks: one refresh reported, and the refresh request could be changed before it went out.
    expect(await hookEvents(page)).toEqual(['refreshed:number'])
    expect(api.refreshBodies.at(-1)).toMatchObject({ hooked: 'yes' })
  })

  it('does not refresh on a timer unless refresh.inBackground is on', async () => {
    api.options.accessTtl = 2
    await sessionPage(2, '/public')
    // Due after 1 s (half the lifetime), expired after 2 s: nothing asks the API meanwhile.
    await sleep(2500)
    expect(api.calls.refresh).toBe(0)
  })

  it('sends no token to another origin', async () => {
    const { page, tokens } = await sessionPage(60, '/protected')
    await page.getByTestId('other').click()
    await expect.poll(() => text(page, 'result')).toBe('other:none')
    await page.getByTestId('other-relative').click()
    await expect.poll(() => text(page, 'result')).toBe('other:none')
    expect(other.authorizations).toEqual([undefined, undefined])
    expect(api.authorizations).toContain(`Bearer ${tokens.accessToken}`)
  })

  it('keeps the session through a refresh endpoint failing with 503, and recovers', async () => {
    const { page } = await sessionPage(60, '/protected')
    const tokens = await expireTokens(page)
    api.refreshFault = { status: 503 }
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toMatch(/^error:RefreshError: .*503/)
    expect(await hookEvents(page)).toEqual(['refresh-failed:transient'])
    expect((await tokenCookies(page.context())).refresh?.value).toBe(tokens.refreshToken)
    expect(page.url()).toBe(url('/protected'))
    api.refreshFault = undefined
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toBe('ok:Alice')
    expect((await tokenCookies(page.context())).refresh?.value).not.toBe(tokens.refreshToken)
  })

  it('keeps the session when the refresh code cannot load (offline, a deploy removed it), and refreshes once it can', async () => {
    // Without a session the page loads no refresh code, neither with it nor at idle.
    const page = await createPage()
    await gotoHydrated(page, '/public')
    await page.route('**/_nuxt/**', route => route.abort())
    const tokens = await expireTokens(page)
    await page.getByTestId('token').click()
    await expect.poll(() => text(page, 'public-result')).toBe('error:RefreshError')
    expect(api.calls.refresh).toBe(0)
    expect((await tokenCookies(page.context())).refresh?.value).toBe(tokens.refreshToken)
    await page.unroute('**/_nuxt/**')
    await page.getByTestId('token').click()
    await expect.poll(() => text(page, 'public-result')).toMatch(/^token:ey/)
    expect(api.calls.refresh).toBe(1)
  })

  it('loads the refresh code ahead when the page has a session, so a refresh needs no chunk then', async () => {
    const { page } = await sessionPage(60, '/public')
    await page.waitForLoadState('networkidle')
    await page.route('**/_nuxt/**', route => route.abort())
    await expireTokens(page)
    await page.getByTestId('token').click()
    await expect.poll(() => text(page, 'public-result')).toMatch(/^token:ey/)
    expect(api.calls.refresh).toBe(1)
  })

  it('fails requests fast with OfflineError while offline, keeps the session through a due refresh, and refreshes once back online', async () => {
    const { page } = await sessionPage(60, '/protected')
    const tokens = await expireTokens(page)
    await page.context().setOffline(true)
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toMatch(/^error:OfflineError: The browser is offline/)
    expect(await page.evaluate(() => (window as unknown as { useNuxtApp: () => { _axiosJwt: { auth: { loggedIn: { value: boolean } } } } }).useNuxtApp()._axiosJwt.auth.loggedIn.value)).toBe(true)
    expect(api.calls.refresh).toBe(0)
    expect((await tokenCookies(page.context())).refresh?.value).toBe(tokens.refreshToken)
    // Back online: the refresh that fell due runs once, before any request asks.
    await page.context().setOffline(false)
    await expect.poll(() => api.calls.refresh).toBe(1)
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toBe('ok:Alice')
    expect(api.calls.refresh).toBe(1)
    expect(await hookEvents(page)).toEqual(['refreshed:number'])
  })

  it('ends the session when the refresh token is rejected: cookies cleared, login with ?redirect=', async () => {
    const { page, tokens } = await sessionPage(60, '/protected')
    // The backend revokes the session, as after a password change elsewhere.
    await globalThis.fetch(`${api.url}/auth/logout`, { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) })
    await page.getByTestId('fetch').click()
    await page.waitForURL(/\/login/)
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/protected')
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
    expect(await text(page, 'logged-in')).toBe('no')
    expect(api.calls.refresh).toBe(1)
    expect(await hookEvents(page)).toEqual(['refresh-failed:session-over'])
  })
})

describe('the token for other clients', () => {
  it('hands out a valid access token, refreshing once when due, and none without a session', async () => {
    const page = await createPage()
    await gotoHydrated(page, '/public')
    await page.getByTestId('token').click()
    await expect.poll(() => text(page, 'public-result')).toBe('token:none')
    const tokens = await api.loginExpired()
    await setTokenCookies(page.context(), tokens)
    await page.getByTestId('token').click()
    await expect.poll(() => text(page, 'public-result')).toMatch(/^token:ey/)
    const handedOut = (await text(page, 'public-result'))!.slice('token:'.length)
    expect(handedOut).not.toBe(tokens.accessToken)
    expect((await tokenCookies(page.context())).access?.value).toBe(handedOut)
    await page.getByTestId('token').click()
    await expect.poll(() => text(page, 'public-result')).toBe(`token:${handedOut}`)
    expect(api.calls.refresh).toBe(1)
  })
})
