// The idle timeout where the page cannot read the refresh token (httpOnly mode; proxy mode keeps it the same way): the
// server believes only its own sealed copy of the last activity, which page scripts cannot move.
import { createPage, fetch } from '@nuxt/test-utils/e2e'
import { describe, expect, it, onTestFinished } from 'vitest'
import { gotoHydrated, logInThroughForm, text } from '../utils/browser'
import { fixtureWithApi } from '../utils/fixture'
import { sleep } from '../utils/time'

const IDLE_SECONDS = 4
const api = await fixtureWithApi({ nuxtConfig: { axiosJwt: { mode: 'httpOnly', session: { idleTimeout: IDLE_SECONDS } } } })

/** A page signed in through the form, closed after the test: its idle watch must not end a session in the next. */
async function signedInPage() {
  const page = await createPage()
  onTestFinished(() => page.close())
  return logInThroughForm(page)
}

describe('the idle timeout with the activity sealed by the server (httpOnly mode)', () => {
  it('keeps a session whose user is active past the timeout, across rotations of the refresh token', async () => {
    api.options.accessTtl = 2
    const page = await signedInPage()
    const seal = (await page.context().cookies()).find(cookie => cookie.name === 'refresh_token_activity_seal')
    expect(seal?.httpOnly).toBe(true)
    await gotoHydrated(page, '/protected')
    for (let second = 0; second < IDLE_SECONDS + 3; second++) {
      await page.keyboard.press('Shift')
      await sleep(1000)
    }
    const refreshes = api.calls.refresh
    // The access token has expired: the render refreshes, and the sealed activity moves to the new refresh token.
    await gotoHydrated(page, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    await page.keyboard.press('Shift')
    await gotoHydrated(page, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    expect(api.calls.refresh).toBeGreaterThan(refreshes)
    expect(api.revoked).toEqual([])
  }, 40_000)

  it('ends a session that only a page script keeps moving, at its next request to the server', async () => {
    api.options.accessTtl = 60
    const page = await signedInPage()
    const { refresh } = Object.fromEntries((await page.context().cookies()).map(cookie => [cookie.name.replace(/^refresh_token$/, 'refresh'), cookie]))
    // A script writes the tabs' activity cookie forward; the user does nothing.
    await page.evaluate(() => setInterval(() => {
      document.cookie = `refresh_token_activity=${Date.now()}; path=/; secure; samesite=lax; max-age=3600`
    }, 300))
    await sleep(500)
    expect(Number((await page.context().cookies()).find(cookie => cookie.name === 'refresh_token_activity')?.value)).toBeGreaterThan(Date.now() - 1000)
    await sleep((IDLE_SECONDS + 1) * 1000)
    // The browser's cookies as they are, the script's fresh time among them: the server ends the session all the same.
    const cookie = (await page.context().cookies()).map(c => `${c.name}=${c.value}`).join('; ')
    const response = await fetch('/protected', { headers: { cookie }, redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?redirect=/protected')
    expect(api.revoked).toEqual([refresh!.value])
    expect(api.calls.refresh).toBe(0)
  }, 30_000)
})
