import { existsSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { url } from '@nuxt/test-utils/e2e'

/** Debian's Chromium (or CHROMIUM_PATH), launched the way this machine allows. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

if (!existsSync(chromiumPath)) {
  throw new Error(`Chromium not found at ${chromiumPath}. Install it (Debian: \`apt-get install -y chromium\`) or set CHROMIUM_PATH.`)
}

export const browserOptions = {
  type: 'chromium' as const,
  launch: {
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
}

/** The token cookies a browser context holds: the main session's, or with `prefix` (`partner_`) an API's own session's. */
export async function tokenCookies(context: BrowserContext, prefix = '') {
  const cookies = await context.cookies()
  return {
    access: cookies.find(c => c.name === `${prefix}access_token`),
    refresh: cookies.find(c => c.name === `${prefix}refresh_token`),
  }
}

/** Gives a browser context the pair of token cookies, as login would have; `prefix` as for `tokenCookies`. */
export async function setTokenCookies(context: BrowserContext, tokens: { accessToken: string, refreshToken: string }, prefix = '') {
  await context.addCookies([
    { name: `${prefix}access_token`, value: tokens.accessToken, url: url('/') },
    { name: `${prefix}refresh_token`, value: tokens.refreshToken, url: url('/') },
  ])
}

/** The trimmed text of the element with `data-testid="id"`. */
export const text = (page: Page, id: string) => page.getByTestId(id).textContent().then(t => t?.trim())

/** Waits until Nuxt has hydrated the page: before that, a form submits natively instead of through the app. */
export async function hydrated(page: Page): Promise<Page> {
  await page.waitForFunction(() => (window as unknown as { useNuxtApp?: () => { isHydrating: boolean } }).useNuxtApp?.().isHydrating === false)
  return page
}

/** Goes to `path` and waits until Nuxt has hydrated the page. */
export async function gotoHydrated(page: Page, path: string): Promise<Page> {
  await page.goto(url(path))
  return hydrated(page)
}

/** Opens `path` in a new page of `context` and waits until Nuxt has hydrated it. */
export async function openHydrated(context: BrowserContext, path: string): Promise<Page> {
  return gotoHydrated(await context.newPage(), path)
}

/** Logs `alice` in through the login page's form, as a user would, and waits for the home page. */
export async function logInThroughForm(page: Page): Promise<Page> {
  await gotoHydrated(page, '/login')
  await page.getByTestId('submit').click()
  await page.waitForURL(url('/'))
  return page
}

/** Navigates client-side, as a `<NuxtLink>` would: through the app's router. */
export const routerPush = (page: Page, path: string) =>
  page.evaluate(to => (window as unknown as { useNuxtApp: () => { $router: { push: (to: string) => Promise<unknown> } } }).useNuxtApp().$router.push(to), path)
