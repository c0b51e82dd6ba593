import { createPage, fetch } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { gotoHydrated, logInThroughForm, text, tokenCookies } from '../utils/browser'
import { fixtureWithApi } from '../utils/fixture'
import { sleep } from '../utils/time'

// An OAuth2 server (RFC 6749 §6): form-encoded refresh with grant_type, snake_case tokens, opaque access tokens
// whose lifetime only `expires_in` tells, and 400 invalid_grant for a dead refresh token.
const api = await fixtureWithApi({
  nuxtConfig: {
    axiosJwt: {
      tokens: {
        access: { path: 'access_token', expiresInPath: 'expires_in' },
        refresh: { path: 'refresh_token', bodyField: 'refresh_token', bodyFormat: 'form', extraFields: { grant_type: 'refresh_token', client_id: 'web' } },
      },
    },
  },
})
api.shape = tokens => ({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, token_type: 'Bearer', expires_in: tokens.expiresIn })

beforeEach(() => {
  api.oauth = true
  api.opaque = true
  // 4 s tokens: with the 30 s margin capped at half the lifetime, each is due 2 s after it was issued.
  api.options.accessTtl = 4
})

async function loggedInPage(): Promise<Page> {
  const page = await logInThroughForm(await createPage())
  await gotoHydrated(page, '/protected')
  expect(await text(page, 'items')).toBe('Keys:Alice')
  return page
}

describe('an OAuth2 token endpoint with opaque access tokens', () => {
  it('refreshes before the opaque token expires (from expires_in) with a form-encoded refresh_token grant; the API sees no 401', async () => {
    const page = await loggedInPage()
    const { access, refresh } = await tokenCookies(page.context())
    expect(access?.value).toMatch(/^opaque-/)
    // Past the due time (2 s), before expiry (4 s).
    await sleep(2500)
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toBe('ok:Alice')
    expect(api.calls.refresh).toBe(1)
    // `hooked` comes from the fixture's `axios-jwt:refresh-request` hook, which works on form bodies too.
    expect(api.refreshBodies).toEqual([{ grant_type: 'refresh_token', client_id: 'web', refresh_token: refresh!.value, hooked: 'yes' }])
    expect(api.calls.unauthorized).toBe(0)
    expect((await tokenCookies(page.context())).access?.value).not.toBe(access?.value)
  })

  it('refreshes during SSR once the opaque token\'s cookie has lived its expires_in', async () => {
    const page = await loggedInPage()
    await sleep(2500)
    const cookies = await page.context().cookies()
    // The access cookie was given the token's remaining useful life and is gone by now.
    expect(cookies.find(c => c.name === 'access_token')).toBeUndefined()
    const refreshToken = cookies.find(c => c.name === 'refresh_token')!.value
    const response = await fetch('/protected', { headers: { cookie: `refresh_token=${refreshToken}` } })
    expect(await response.text()).toContain('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    expect(api.calls.unauthorized).toBe(0)
  })

  it('ends the session on 400 invalid_grant: cookies cleared, login with ?redirect=', async () => {
    const page = await loggedInPage()
    const { refresh } = await tokenCookies(page.context())
    // Spent elsewhere: the server now answers invalid_grant for it.
    await globalThis.fetch(`${api.url}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh!.value }),
    })
    await sleep(2500)
    await page.getByTestId('fetch').click()
    await page.waitForURL(/\/login\?redirect=/)
    expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
  })
})
