// useApiData in Chromium on the built basic fixture: payload and hydration, reactive parameters, aborts, refreshes.
import { fetch, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { routerPush, setTokenCookies, text } from '../utils/browser'
import { fixtureWithApi } from '../utils/fixture'
import { sessionPages, watchErrors } from '../utils/session-pages'
import { cookieHeader } from '../utils/test-api'
import { sleep } from '../utils/time'

const api = await fixtureWithApi()
const { sessionPage, expireTokens } = sessionPages(api)

/** Errors and warnings the page logged (Vue reports hydration mismatches there). */
function watchConsole(page: Page) {
  const logged: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text())
  })
  return logged
}

describe('useApiData', () => {
  it('renders the data on the server and hydrates from the payload without asking the API again', async () => {
    const tokens = await api.login()
    const html = await (await fetch('/data', { headers: { cookie: cookieHeader(tokens) } })).text()
    expect(html).toContain('Alice:a')
    expect(html).toContain('AxiosError 404 {&quot;error&quot;:&quot;not found&quot;}')
    api.reset()

    const { page } = await sessionPage(60)
    const logged = watchConsole(page)
    const errors = watchErrors(page)
    await page.goto(url('/data'), { waitUntil: 'hydration' })
    await page.waitForLoadState('networkidle')
    expect(await text(page, 'items')).toBe('Alice:a')
    expect(await text(page, 'user')).toBe('Alice')
    // The error rendered on the server is the same axios error after hydration, body included.
    expect(await text(page, 'missing')).toBe('AxiosError 404 {"error":"not found"}')
    expect(api.itemRequests).toEqual([{ query: '?q=a', browser: false }])
    expect(api.calls.me).toBe(1)
    expect(logged.filter(line => /hydrat/i.test(line))).toEqual([])
    expect(errors).toEqual([])
  })

  it('puts a generic message in the page for an error without a response, never the server\'s network details', async () => {
    const tokens = await api.login()
    const html = await (await fetch('/data/unreachable', { headers: { cookie: cookieHeader(tokens) } })).text()
    expect(html).toContain('AxiosError The API could not be reached (ECONNREFUSED)')
    expect(html).not.toContain('127.0.0.1:9')
    expect(html).not.toMatch(/connect ECONNREFUSED/)
  })

  it('refetches when a parameter changes and aborts the request it supersedes', async () => {
    const { page } = await sessionPage(60, '/data')
    await page.getByTestId('supersede').click()
    await expect.poll(() => text(page, 'items'), { timeout: 5000 }).toBe('Alice:b')
    await expect.poll(() => api.abortedItems, { timeout: 5000 }).toEqual(['?q=slow&delay=1500'])
    // The slow answer would have come by now: it never replaces the newer data.
    await sleep(1500)
    expect(await text(page, 'items')).toBe('Alice:b')
    expect(api.itemRequests.filter(r => r.browser).map(r => r.query)).toEqual(['?q=slow&delay=1500', '?q=b'])
    await page.close()
  })

  it('immediate: false waits for execute(); pick keeps the fields named; watch refetches on its sources', async () => {
    const { page } = await sessionPage(60, '/data')
    expect(await text(page, 'later')).toBe('idle')
    await page.getByTestId('load-later').click()
    // The API also sends `total`; `pick` keeps `data` alone.
    await expect.poll(() => text(page, 'later')).toBe('success later data')
    await page.getByTestId('bump').click()
    await expect.poll(() => api.itemRequests.filter(r => r.query === '?q=later').length).toBe(2)
    expect(api.itemRequests.filter(r => r.query === '?q=later').every(r => r.browser)).toBe(true)
  })

  it('refreshes an expired token once for all the data of a server render', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch('/data', { headers: { cookie: cookieHeader(tokens) } })
    const html = await response.text()
    expect(html).toContain('Alice:a')
    expect(html).toMatch(/data-testid="user"[^>]*>\s*Alice/)
    expect(api.calls.refresh).toBe(1)
    expect(response.headers.getSetCookie().filter(c => c.startsWith('access_token=ey'))).toHaveLength(1)
  })

  it('refreshes an expired token once for all the data of a client-side navigation', async () => {
    const { page } = await sessionPage(60, '/public')
    await expireTokens(page)
    api.calls.refresh = 0
    await routerPush(page, '/data')
    await expect.poll(() => text(page, 'items')).toBe('Alice:a')
    expect(await text(page, 'user')).toBe('Alice')
    expect(api.calls.refresh).toBe(1)
    expect(api.itemRequests.at(-1)).toEqual({ query: '?q=a', browser: true })
  })

  it('lazy: the navigation does not wait for the data, which arrives after', async () => {
    const { page } = await sessionPage(60, '/data')
    await page.getByTestId('to-lazy').click()
    await page.waitForURL(url('/data/lazy'))
    expect(await text(page, 'lazy-status')).toBe('pending')
    await expect.poll(() => text(page, 'lazy-items'), { timeout: 5000 }).toBe('lazy')
    expect(await text(page, 'lazy-status')).toBe('success')
  })

  it('@vueuse/integrations\' useAxios takes $api: its requests are signed and refreshed like any other', async () => {
    const { page } = await sessionPage(60, '/use-axios')
    await expireTokens(page)
    api.calls.refresh = 0
    await page.getByTestId('load').click()
    await expect.poll(() => text(page, 'axios-items'), { timeout: 5000 }).toBe('Alice')
    expect(api.calls.refresh).toBe(1)
  })

  it('server: false: the server renders without the data and the browser fetches it', async () => {
    const tokens = await api.login()
    const html = await (await fetch('/data/client-only', { headers: { cookie: cookieHeader(tokens) } })).text()
    expect(html).not.toMatch(/data-testid="client-items"[^>]*>\s*client/)
    expect(api.itemRequests).toEqual([])

    const { page } = await sessionPage(60)
    await setTokenCookies(page.context(), tokens)
    await page.goto(url('/data/client-only'), { waitUntil: 'hydration' })
    await expect.poll(() => text(page, 'client-items')).toBe('client')
    expect(api.itemRequests).toEqual([{ query: '?q=client', browser: true }])
  })
})
