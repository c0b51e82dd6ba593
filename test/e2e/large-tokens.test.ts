// Tokens as large as identity providers issue them (Entra ID groups, Keycloak roles), stored as cookie chunks.
import { createPage, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { gotoHydrated, logInThroughForm, text } from '../utils/browser'
import { fixtureWithApi } from '../utils/fixture'
import { sleep } from '../utils/time'

const api = await fixtureWithApi()

afterEach(() => {
  api.options.padding = undefined
  api.options.accessTtl = 60
})

/** Every cookie the browser holds for one token: the single cookie or its chunks, in order. */
async function tokenParts(context: BrowserContext, name: string) {
  const cookies = await context.cookies()
  const single = cookies.find(c => c.name === name)
  const chunks = cookies.filter(c => c.name.startsWith(`${name}.`)).sort((a, b) => Number(a.name.split('.').at(-1)) - Number(b.name.split('.').at(-1)))
  return { single, chunks, value: single?.value ?? chunks.map(c => c.value).join(''), all: [...(single ? [single] : []), ...chunks] }
}

// Large access tokens; refresh tokens carry claims too. Node's default request header limit (16 KB) bounds the sum.
const sizes = [
  { name: '3 KB', access: 3000, refresh: 1000, next: { access: 6000, refresh: 1000 } },
  { name: '6 KB', access: 6000, refresh: 2000, next: { access: 3000, refresh: 500 } },
  { name: '12 KB', access: 12000, refresh: 500, next: { access: 6000, refresh: 500 } },
]

describe.each(sizes)('$name access tokens', ({ access, refresh, next }) => {
  it('log in, render on the server, refresh a storm once into a pair of another size, and log out without a chunk left', async () => {
    api.options.padding = { access, refresh }
    api.options.accessTtl = 2
    const page = await createPage()
    await logInThroughForm(page)
    const stored = await tokenParts(page.context(), 'access_token')
    expect(stored.value.length).toBeGreaterThan(access)
    for (const cookie of (await page.context().cookies())) expect(cookie.name.length + cookie.value.length).toBeLessThanOrEqual(4096)
    expect(stored.chunks.length > 0).toBe(access > 4000)

    await gotoHydrated(page, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')

    // Expired; the rotated pair has another size.
    await sleep(2100)
    api.options.padding = next
    api.options.accessTtl = 60
    const before = api.calls.refresh
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh - before).toBe(1)
    const rotated = await tokenParts(page.context(), 'access_token')
    expect(rotated.value).not.toBe(stored.value)
    expect(rotated.chunks.length > 0).toBe(next.access > 4000)
    // Shrinking leaves no stale chunk behind, growing no stale single cookie.
    expect(rotated.single && rotated.chunks.length).toBeFalsy()

    const refreshes = api.calls.refresh
    await gotoHydrated(page, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    expect(api.calls.refresh).toBe(refreshes)

    await page.getByTestId('logout').click()
    await page.waitForURL(url('/login'))
    const left = (await page.context().cookies()).filter(c => /^(?:access|refresh)_token/.test(c.name))
    expect(left).toEqual([])
  })
})

describe('tokens too large for cookies', () => {
  it('fail the login with an error that names the size, and store nothing', async () => {
    api.options.padding = { access: 17000 }
    const page = await createPage()
    await gotoHydrated(page, '/login')
    await page.getByTestId('submit').click()
    await expect.poll(() => text(page, 'login-error')).toMatch(/too large.*\d bytes.*httpOnly/i)
    expect((await page.context().cookies()).filter(c => /^(?:access|refresh)_token/.test(c.name))).toEqual([])
  })
})
