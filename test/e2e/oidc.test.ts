// Sign-in with an identity provider: `oidc-provider` on loopback (its own login, consent and logout pages; PKCE required;
// rotating refresh tokens) and an API that takes the JWT access tokens it issues, against a fixture built with
// `axiosJwt.oidc`. The app's port is chosen first: the provider must know the redirect URIs before it starts.
import { fileURLToPath } from 'node:url'
import { fetch, getBrowser, setup, url } from '@nuxt/test-utils/e2e'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { browserOptions, hydrated, text } from '../utils/browser'
import type { IdleOptions } from '../../src/runtime/core/cookies/idle'
import { activitySealCookie } from '../../src/runtime/server/idle/activity-seal'
import type { OidcSettings } from '../../src/runtime/server/oidc/failure'
import { providerEndpoints, responseIssuerProblem } from '../../src/runtime/server/oidc/provider'
import { OIDC_CLIENT, freePort, startOidcProvider } from '../utils/oidc-provider'
import { sleep } from '../utils/time'

const ACCESS_TTL = 4
const port = await freePort()
const provider = await startOidcProvider({ appOrigin: `http://127.0.0.1:${port}`, accessTtl: ACCESS_TTL })
afterAll(() => provider.close())
beforeEach(() => provider.reset())

await setup({
  rootDir: fileURLToPath(new URL('../fixtures/oidc', import.meta.url)),
  port,
  browser: true,
  browserOptions,
  env: {
    NUXT_PUBLIC_AXIOS_JWT_BASE_URL: provider.api.url,
    NUXT_AXIOS_JWT_OIDC_ISSUER: provider.issuer,
    NUXT_AXIOS_JWT_OIDC_CLIENT_ID: OIDC_CLIENT.id,
    NUXT_AXIOS_JWT_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    NUXT_AXIOS_JWT_OIDC_ENDPOINTS_TOKEN: `${provider.tokenEndpoint}/`,
    NUXT_AXIOS_JWT_OIDC_SITE_URL: `http://127.0.0.1:${port}`,
  },
})

let context: BrowserContext | undefined
afterEach(async () => {
  await context?.close()
  context = undefined
})

async function newPage(): Promise<Page> {
  context = await (await getBrowser()).newContext()
  const page = await context.newPage()
  // The provider's pages ask for a web font; there is no network beyond loopback here.
  await page.route(/fonts\.googleapis\.com/, route => route.abort())
  return page
}

/** On the provider's pages: the login form (any name, any password), then consent when it asks. */
async function signInAtProvider(page: Page, name = 'alice') {
  await page.waitForURL(new RegExp(`^${provider.issuer}/interaction/`))
  await page.locator('input[name=login]').fill(name)
  await page.locator('input[name=password]').fill('any password')
  await page.locator('button[type=submit]').click()
  // Consent, the first time this browser's user gives this client these scopes.
  const consent = page.locator('button:has-text("Continue")')
  const left = page.waitForURL(url => !url.href.startsWith(provider.issuer)).then(() => false, () => false)
  if (await Promise.race([consent.waitFor().then(() => true, () => false), left])) await consent.click()
}

/** From a page that needs a session: to the login page, to the provider, and back to the page. */
async function signInFrom(page: Page, path: string, name = 'alice') {
  await page.goto(url(path))
  await page.waitForURL(/\/login\?redirect=/)
  await hydrated(page)
  await page.getByTestId('sign-in').click()
  await signInAtProvider(page, name)
  await page.waitForURL(url(path))
  await hydrated(page)
}

/** What the server's sealed activity needs to know of the fixture's options: its cookies and its idle timeout. */
const SEALED = { mode: 'httpOnly', tokens: { access: { cookie: 'access_token' }, refresh: { cookie: 'refresh_token' } }, cookie: { path: '/', sameSite: 'lax' }, session: { idleTimeout: 60, warnBefore: 0 } } as unknown as IdleOptions

const cookieNamed = async (name: string) => (await context!.cookies()).find(cookie => cookie.name === name)

describe('signing in with an identity provider (OIDC, authorization code with PKCE)', () => {
  it('goes through the provider\'s pages and back to the page asked for, rendered with the session on the server', async () => {
    const page = await newPage()
    await signInFrom(page, '/orders')
    expect(await text(page, 'owner')).toBe('alice')
    expect(await text(page, 'user-name')).toBe('User alice')
    // The refresh token and the ID token stay where page scripts cannot read them.
    expect((await cookieNamed('refresh_token'))?.httpOnly).toBe(true)
    expect((await cookieNamed('refresh_token_id'))?.httpOnly).toBe(true)
    expect((await context!.cookies()).filter(c => c.name.endsWith('axios-jwt-oidc'))).toEqual([])
    // A new page load is rendered on the server with the session: the API's answer is in the HTML.
    const cookie = (await context!.cookies()).map(c => `${c.name}=${c.value}`).join('; ')
    const html = await (await fetch('/orders', { headers: { cookie } })).text()
    expect(html).toContain('data-testid="owner">alice<')
    // The user, from the ID token's claims, on the server too.
    expect(html).toContain('data-testid="user-name">User alice<')
    // The client secret never reaches the page.
    expect(html).not.toContain(OIDC_CLIENT.secret)
  }, 60_000)

  it('refreshes an expired access token once for a storm of ten requests, at the provider that rotates refresh tokens', async () => {
    const page = await newPage()
    await signInFrom(page, '/orders')
    const before = provider.refreshes()
    await sleep(ACCESS_TTL * 1000 + 500)
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'storm-result')).toBe('10 ok')
    expect(provider.refreshes()).toEqual({ granted: before.granted + 1, refused: 0 })
    expect(await text(page, 'logged-in')).toBe('yes')
  }, 60_000)

  it('refreshes an expired access token in a server render, at the token endpoint with the client\'s secret, and hands the browser the new pair', async () => {
    const page = await newPage()
    await signInFrom(page, '/orders')
    const cookie = (await context!.cookies()).map(c => `${c.name}=${c.value}`).join('; ')
    await sleep(ACCESS_TTL * 1000 + 500)
    const response = await fetch('/orders', { headers: { cookie } })
    expect(await response.text()).toContain('data-testid="owner">alice<')
    expect(provider.refreshes()).toEqual({ granted: 1, refused: 0 })
    const written = response.headers.getSetCookie()
    expect(written.find(c => c.startsWith('refresh_token='))).toMatch(/HttpOnly/i)
    expect(written.find(c => c.startsWith('access_token='))).toBeTruthy()
  }, 60_000)

  it('logs out at the provider too: the next sign-in asks for the password again', async () => {
    const page = await newPage()
    await signInFrom(page, '/orders')
    await page.getByTestId('logout').click()
    // The provider's own logout page.
    await page.waitForURL(new RegExp(`^${provider.issuer}/session/end`))
    await page.locator('button:has-text("Yes, sign me out")').click()
    await page.waitForURL(url('/'))
    expect(await cookieNamed('refresh_token')).toBeUndefined()
    expect(await cookieNamed('refresh_token_id')).toBeUndefined()
    await page.goto(url('/orders'))
    await page.waitForURL(/\/login\?redirect=/)
    await hydrated(page)
    await page.getByTestId('sign-in').click()
    await page.waitForURL(new RegExp(`^${provider.issuer}/interaction/`))
    await expect.poll(() => page.locator('input[name=password]').isVisible()).toBe(true)
  }, 60_000)

  it('ends an idle session at the provider, never at the API, and the next sign-in asks for the password again', async () => {
    const page = await newPage()
    await signInFrom(page, '/orders')
    const session = (await cookieNamed('refresh_token'))!.value
    const asked = provider.api.authorizations.length
    // The browser comes back after the idle deadline (the server's sealed activity is 61 s old): the server ends the
    // session before the render.
    const aged = await activitySealCookie(SEALED, Date.now() - 61_000, session)
    await context!.addCookies([{ name: aged.name, value: aged.value!, url: url('/'), httpOnly: true, secure: true, sameSite: 'Lax' }])
    await page.goto(url('/orders'))
    await page.waitForURL(/\/login\?redirect=/)
    expect(await cookieNamed('refresh_token')).toBeUndefined()
    // Revoked at the provider: the spent refresh token is refused there.
    const refused = await globalThis.fetch(provider.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'authorization': `Basic ${Buffer.from(`${OIDC_CLIENT.id}:${OIDC_CLIENT.secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: session }),
    })
    expect(refused.status).toBe(400)
    // The API's logout endpoint never saw the provider's tokens.
    expect(provider.api.authorizations.length).toBe(asked)
    // The provider's own session lives on, yet the next sign-in does not come straight back.
    await hydrated(page)
    await page.getByTestId('sign-in').click()
    await page.waitForURL(new RegExp(`^${provider.issuer}/interaction/`))
    await expect.poll(() => page.locator('input[name=password]').isVisible()).toBe(true)
    await signInAtProvider(page)
    await page.waitForURL(url('/orders'))
    // Signed in again: the mark has done its work.
    expect((await context!.cookies()).filter(c => c.name.endsWith('signed-out'))).toEqual([])
  }, 60_000)
})

describe('a sign-in that must not complete', () => {
  /** Starts a sign-in from the login page; `tamper` may change the authorization request the app's route sends the browser to. */
  async function startSignIn(tamper: (authorization: URL) => URL = authorization => authorization) {
    const page = await newPage()
    await page.route(/\/api\/_axios-jwt\/oidc\/login/, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 })
      const location = tamper(new URL(response.headers().location!))
      await route.fulfill({ response, headers: { ...response.headers(), location: location.href } })
    })
    await page.goto(url('/login?redirect=/orders'))
    await hydrated(page)
    await page.getByTestId('sign-in').click()
    await page.waitForURL(new RegExp(`^${provider.issuer}/interaction/`))
    // The browser holds its pending sign-in: a refusal below is the module's check, not a missing cookie.
    expect((await context!.cookies()).filter(c => c.name.endsWith('axios-jwt-oidc'))).toHaveLength(1)
    return page
  }

  const noSession = async () => {
    expect(await cookieNamed('refresh_token')).toBeUndefined()
    expect(await cookieNamed('access_token')).toBeUndefined()
  }

  it('refuses a tampered state', async () => {
    // The provider sends back the state it was given: another one than the browser's pending sign-in holds.
    const page = await startSignIn((authorization) => {
      authorization.searchParams.set('state', `${authorization.searchParams.get('state')}x`)
      return authorization
    })
    await signInAtProvider(page)
    await page.waitForURL(/\/login\?.*auth_error=/)
    expect(await text(page, 'login-error')).toMatch(/^state_mismatch:/)
    await noSession()
  }, 60_000)

  it('refuses an ID token signed by a key that is not the provider\'s', async () => {
    provider.forgeIdTokens(true)
    const page = await startSignIn()
    await signInAtProvider(page)
    await page.waitForURL(/\/login\?.*auth_error=/)
    // The page gets the code and the module's text; what failed (the signature) stays in the server's log.
    expect(await text(page, 'login-error')).toBe('id_token_invalid: The identity provider\'s answer failed a check. Sign in again.')
    expect(page.url()).not.toMatch(/signature|description/)
    await noSession()
  }, 60_000)

  it('refuses a replayed code, even with the sign-in\'s own cookie put back', async () => {
    const page = await newPage()
    await page.goto(url('/login?redirect=/orders'))
    await hydrated(page)
    await page.getByTestId('sign-in').click()
    const callbacks: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/auth/callback')) callbacks.push(request.url())
    })
    await page.waitForURL(new RegExp(`^${provider.issuer}/interaction/`))
    const pending = (await context!.cookies()).filter(c => c.name.endsWith('axios-jwt-oidc'))
    expect(pending).toHaveLength(1)
    await signInAtProvider(page)
    await page.waitForURL(url('/orders'))
    const session = (await cookieNamed('refresh_token'))?.value
    expect(session).toBeTruthy()
    // The same callback again, with the pending sign-in's cookie as it was: the provider refuses the spent code.
    // (Its answer is read as is: the login page would send a signed-in user home.)
    await context!.addCookies(pending)
    const replayed = await context!.request.get(callbacks[0]!, { maxRedirects: 0 })
    expect(new URL(replayed.headers().location!, url('/')).searchParams.get('auth_error')).toBe('code_rejected')
    // No second session was written over the first.
    expect(replayed.headersArray().filter(header => header.name.toLowerCase() === 'set-cookie' && header.value.startsWith('refresh_token='))).toEqual([])
    expect((await cookieNamed('refresh_token'))?.value).toBe(session)
  }, 60_000)

  it('checks the issuer the provider names in its authorization responses (RFC 9207): it advertises them', async () => {
    const endpoints = await providerEndpoints({ issuer: provider.issuer, discoveryTtl: 0, endpoints: { authorization: '', token: '', userinfo: '', jwks: '', endSession: '', revocation: '' } } as unknown as OidcSettings)
    // Every sign-in above passed the check with the `iss` it sent; one without it, or with another, fails it.
    expect(endpoints.issInResponse).toBe(true)
    expect(responseIssuerProblem(provider.issuer, endpoints)).toBeUndefined()
    expect(responseIssuerProblem(undefined, endpoints)).toMatch(/names the issuer null/)
  })

  it('refuses a pending sign-in whose cookie was changed (another return page), and never leaves the site', async () => {
    const page = await startSignIn()
    const [pending] = (await context!.cookies()).filter(c => c.name.endsWith('axios-jwt-oidc'))
    const [payload, seal] = pending!.value.split('.')
    const value = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, string>
    await context!.addCookies([{ ...pending!, value: `${Buffer.from(JSON.stringify({ ...value, redirect: '//evil.example/' })).toString('base64url')}.${seal}` }])
    await signInAtProvider(page)
    await page.waitForURL(/\/login\?.*auth_error=/)
    expect(new URL(page.url()).host).toBe(new URL(url('/')).host)
    expect(new URL(page.url()).searchParams.get('auth_error')).toBe('state_mismatch')
    await noSession()
  }, 60_000)

  it('shows the provider\'s access_denied on the login page, and the next sign-in still returns to the page asked for', async () => {
    const page = await newPage()
    await page.goto(url('/orders'))
    await page.waitForURL(/\/login\?redirect=/)
    await hydrated(page)
    await page.getByTestId('sign-in').click()
    await page.waitForURL(new RegExp(`^${provider.issuer}/interaction/`))
    await page.locator('a:has-text("Cancel")').click()
    await page.waitForURL(/\/login\?.*auth_error=access_denied/)
    expect(await text(page, 'login-error')).toMatch(/^access_denied:/)
    await noSession()
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/orders')
  }, 60_000)
})
