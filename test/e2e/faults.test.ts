import { createPage, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { setTokenCookies, text, tokenCookies } from '../utils/browser'
import type { RefreshFault } from '../utils/test-api'
import { fixtureWithApi } from '../utils/fixture'

const api = await fixtureWithApi({
  // OAuth2 servers answer a rejected refresh token with 400 invalid_grant.
  nuxtConfig: { axiosJwt: { refresh: { timeout: 1500 }, session: { endStatuses: [400, 401, 403] } } },
})

/** A page on /protected whose access token the API now rejects although it has not expired. */
async function rejectedSession() {
  const tokens = await api.login()
  const page = await createPage()
  const errors: string[] = []
  page.on('pageerror', error => errors.push(error.message))
  await setTokenCookies(page.context(), tokens)
  await page.goto(url('/protected'), { waitUntil: 'hydration' })
  expect(await text(page, 'items')).toBe('Keys:Alice')
  api.rejectedTokens.add(tokens.accessToken)
  return { page, tokens, errors }
}

const transient: Record<string, RefreshFault> = {
  'answers 500': { status: 500 },
  'answers 502': { status: 502 },
  'answers 503': { status: 503 },
  'answers 504': { status: 504 },
  // A browser retries a POST whose reused connection is reset before any byte; a cut mid-response it does not.
  'drops the connection mid-response': { cut: true },
  'hangs past refresh.timeout': { hang: true },
  'answers 200 with HTML': { status: 200, body: '<!doctype html><p>maintenance</p>', contentType: 'text/html' },
  'answers 200 with an empty body': { status: 200, body: '' },
  'answers 200 with JSON without tokens': { status: 200, body: '{"data":{"token":"x"}}' },
}

describe('refresh endpoint faults that pass: session kept, nothing lost', () => {
  for (const [name, fault] of Object.entries(transient)) {
    it(`when it ${name}`, async () => {
      const { page, tokens, errors } = await rejectedSession()
      api.refreshFault = fault
      await page.getByTestId('storm').click()
      // Every one of the 10 waiting requests settles, with the refresh's error.
      await expect.poll(() => text(page, 'result'), { timeout: 10_000 }).toBe('ok=0 failed=10 RefreshError')
      expect(api.calls.refresh).toBe(1)
      expect(page.url()).toBe(url('/protected'))
      const cookies = await tokenCookies(page.context())
      expect(cookies.access?.value).toBe(tokens.accessToken)
      expect(cookies.refresh?.value).toBe(tokens.refreshToken)
      // The page keeps working once the endpoint recovers.
      api.refreshFault = undefined
      await page.getByTestId('storm').click()
      await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
      expect(api.calls.refresh).toBe(2)
      expect(errors).toEqual([])
    })
  }

  it('names the missing path when the response has no tokens', async () => {
    const { page } = await rejectedSession()
    api.refreshFault = transient['answers 200 with JSON without tokens']
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toContain('"data.accessToken"')
  })
})

const ending: Record<string, RefreshFault | undefined> = {
  'rejects the refresh token with 401': { status: 401, body: '{"error":"invalid_token"}' },
  'rejects the refresh token with 403': { status: 403 },
  'answers 400 invalid_grant (OAuth2)': { status: 400, body: '{"error":"invalid_grant"}' },
  'detects reuse of a spent refresh token': undefined,
}

describe('refresh endpoint faults that end the session: cookies cleared, login with ?redirect=', () => {
  for (const [name, fault] of Object.entries(ending)) {
    it(`when it ${name}`, async () => {
      const { page, tokens, errors } = await rejectedSession()
      if (fault) api.refreshFault = fault
      // Spend the refresh token behind the page's back, as a stolen copy would.
      else expect((await fetch(`${api.url}/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: tokens.refreshToken }) })).status).toBe(200)
      await page.getByTestId('storm').click()
      await page.waitForURL(/\/login\?redirect=/)
      expect(new URL(page.url()).searchParams.get('redirect')).toBe('/protected')
      expect(await tokenCookies(page.context())).toEqual({ access: undefined, refresh: undefined })
      expect(await text(page, 'logged-in')).toBe('no')
      expect(errors).toEqual([])
    })
  }
})

describe('retries', () => {
  it('fails, without looping, when the API rejects the retried request after a good refresh', async () => {
    const { page } = await rejectedSession()
    api.rejectAll = true
    await page.getByTestId('fetch').click()
    await expect.poll(() => text(page, 'result')).toMatch(/^error:AxiosError: .*401/)
    expect(api.calls.refresh).toBe(1)
    expect(page.url()).toBe(url('/protected'))
  })

  it('refreshes once on a 401 for a token that has not expired', async () => {
    const { page } = await rejectedSession()
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh).toBe(1)
    expect(api.stats().reused).toBe(0)
  })
})
