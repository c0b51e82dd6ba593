// The API behind the app's own proxy route (a relative `baseURL`), with Host headers that no one controls.
import { createPage, url } from '@nuxt/test-utils/e2e'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { gotoHydrated, logInThroughForm, text } from '../utils/browser'
import { fixtureWithApi } from '../utils/fixture'
import { rawRequest } from '../utils/raw-http'
import { cookieHeader, startTestApi } from '../utils/test-api'

// Another service the server could reach: a request naming it in its Host header must not make the server call it.
const other = await startTestApi()
const api = await fixtureWithApi({
  nuxtConfig: api => ({
    // As README's "Deploying" documents it.
    routeRules: { '/backend/**': { proxy: { to: `${api.url}/**`, fetchOptions: { redirect: 'manual' } } } },
    axiosJwt: { mode: 'httpOnly' },
  }),
  env: { NUXT_PUBLIC_AXIOS_JWT_BASE_URL: '/backend' },
})
const otherHost = new URL(other.url).host

afterAll(() => other.close())
beforeEach(() => other.reset())

const nothingReachedOther = () => {
  expect(other.authorizations).toEqual([])
  expect(other.calls).toEqual({ login: 0, refresh: 0, me: 0, items: 0, unauthorized: 0 })
}

describe('a relative baseURL on the server', () => {
  it('renders signed-in pages when the request names a public host the server cannot reach', async () => {
    const tokens = await api.login()
    const response = await rawRequest(url('/protected'), { headers: { 'host': 'app.example.invalid', 'x-forwarded-proto': 'https', 'cookie': cookieHeader(tokens) } })
    expect(response.status).toBe(200)
    expect(response.body).toContain('Keys:Alice')
    expect(api.authorizations).toContain(`Bearer ${tokens.accessToken}`)
  })

  it('sends nothing to a host named only by the request', async () => {
    const tokens = await api.login()
    const response = await rawRequest(url('/protected'), { headers: { host: otherHost, cookie: cookieHeader(tokens) } })
    expect(response.body).toContain('Keys:Alice')
    nothingReachedOther()
  })

  it('refreshes in-process during SSR and writes the rotated pair back, whatever the Host header', async () => {
    const tokens = await api.loginExpired()
    const response = await rawRequest(url('/protected'), { headers: { host: otherHost, cookie: cookieHeader(tokens) } })
    expect(response.status).toBe(200)
    expect(response.body).toContain('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    expect(String(response.headers['set-cookie'])).toMatch(/refresh_token=ey[^;]+;.*HttpOnly/)
    nothingReachedOther()
  })
})

describe('the documented proxy rule', () => {
  it('hands a redirect of the API back instead of following it with the token', async () => {
    const tokens = await api.login()
    api.redirects['GET /items'] = `${other.url}/items`
    const response = await rawRequest(url('/backend/items'), { headers: { authorization: `Bearer ${tokens.accessToken}` } })
    expect(response.status).toBe(307)
    expect(api.calls.items).toBe(0)
    nothingReachedOther()
    // A page whose data the API redirects renders without the data; the other origin still sees nothing.
    const page = await rawRequest(url('/protected'), { headers: { cookie: cookieHeader(tokens) } })
    expect(page.body).not.toContain('Keys:Alice')
    nothingReachedOther()
  })
})

describe('the httpOnly routes with a relative baseURL', () => {
  const routeHeaders = { 'x-axios-jwt': '1', 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', 'host': otherHost }

  it('logs in at the app\'s API whatever host the request names', async () => {
    const response = await rawRequest(url('/api/_axios-jwt/login'), { method: 'POST', headers: routeHeaders, body: JSON.stringify({ username: 'alice', password: 'secret' }) })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body).accessToken).toMatch(/^ey/)
    expect(api.calls.login).toBe(1)
    nothingReachedOther()
  })

  it('passes the API\'s refusal on, and asks no one else', async () => {
    const response = await rawRequest(url('/api/_axios-jwt/login'), { method: 'POST', headers: routeHeaders, body: JSON.stringify({ username: 'alice', password: 'wrong' }) })
    expect(response.status).toBe(401)
    nothingReachedOther()
  })
})

describe('in the browser', () => {
  it('logs in, renders and refreshes once for a storm through the app\'s proxy route', async () => {
    const page = await logInThroughForm(await createPage())
    await gotoHydrated(page, '/protected')
    expect(await text(page, 'items')).toBe('Keys:Alice')
    const expired = await api.loginExpired()
    await page.context().addCookies([{ name: 'access_token', value: expired.accessToken, url: url('/') }])
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh).toBe(1)
  })
})
