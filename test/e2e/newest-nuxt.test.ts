// Node 22 and the newest Nuxt 4, as most users run them: the packed module installed into a plain app (the basic
// fixture's pages), built for production, and the browser flows in Chromium. Runs where NEWEST_NUXT=1 and the Node
// running the tests is 22 or newer (`.ci/run` fetches Node 22 from the npm registry for this leg). One install serves
// two apps: a plain app without the module, built first, and the module's app. When the newest releases break every
// app, the leg applies the known fix (see utils/upstream-fixes.ts) to that one install, so to both apps, and says so.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserOptions, hydrated } from '../utils/browser'
import { packedTarball } from '../utils/packed'
import { freePort } from '../utils/redis'
import { startTestApi, type TestApi } from '../utils/test-api'
import { sleep } from '../utils/time'
import { chooseUpstreamFix, type BuildResult } from '../utils/upstream-fixes'

const enabled = process.env.NEWEST_NUXT === '1'
// The install (package.json, node_modules) at the top; the two apps beside each other below it resolve from there.
const dir = fileURLToPath(new URL('../.tmp/newest-nuxt/', import.meta.url))
const app = `${dir}app/`
const plain = `${dir}plain/`
const newestNuxt = '^4.5.0'

const config = `// The basic fixture's pages on the newest Nuxt, with the packed module; HTTP_ONLY=1 builds the httpOnly mode, PROXY=1
// proxy mode.
export default defineNuxtConfig({
  modules: ['nuxt-axios-jwt'],
  devtools: { enabled: false },
  runtimeConfig: { public: { otherOrigin: '' } },
  nitro: { output: { dir: process.env.OUTPUT_DIR || '.output' } },
  compatibilityDate: '2025-07-15',
  axiosJwt: {
    baseURL: 'http://127.0.0.1:9',
    mode: process.env.PROXY === '1' ? 'proxy' : process.env.HTTP_ONLY === '1' ? 'httpOnly' : 'readable',
  },
})
`

/** Installs the newest Nuxt and the packed module, with these npm overrides (a second install updates what they change). */
function install(tarball: string, overrides: Record<string, string>) {
  writeFileSync(`${dir}package.json`, JSON.stringify({
    private: true,
    type: 'module',
    dependencies: { 'nuxt': newestNuxt, 'nuxt-axios-jwt': `file:./${tarball}` },
    overrides,
  }, null, 2))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' })
}

/** A one-page Nuxt app without the module, on the shared install. */
function writePlainApp() {
  mkdirSync(`${plain}pages`, { recursive: true })
  writeFileSync(`${plain}nuxt.config.ts`, `export default defineNuxtConfig({ devtools: { enabled: false }, compatibilityDate: '2025-07-15' })\n`)
  writeFileSync(`${plain}app.vue`, '<template><NuxtPage /></template>\n')
  writeFileSync(`${plain}pages/index.vue`, '<template><p>plain</p></template>\n')
}

/** Builds the plain app on the shared install, installed with these overrides. */
function buildPlainApp(tarball: string, overrides: Record<string, string>): BuildResult {
  install(tarball, overrides)
  const build = spawnSync('npx', ['nuxi', 'build'], { cwd: plain, encoding: 'utf8' })
  return build.status === 0 ? { ok: true } : { ok: false, output: `${build.stdout}\n${build.stderr}` }
}

interface Server { url: string, process: ChildProcess }

async function serve(output: string, api: TestApi): Promise<Server> {
  const port = await freePort()
  const child = spawn(process.execPath, [`${app}${output}/server/index.mjs`], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url, NUXT_AXIOS_JWT_SERVER_BASE_URL: api.url },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100 && !(await fetch(`${url}/public`).then(r => r.ok, () => false)); i++) await sleep(100)
  return { url, process: child }
}

let api: TestApi
let browser: Browser
type Mode = 'readable' | 'httpOnly' | 'proxy'
const servers: Record<Mode, Server> = {} as never

beforeAll(async () => {
  if (!enabled) return
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(app, { recursive: true })
  const tarball = packedTarball(dir)
  writePlainApp()
  const fix = chooseUpstreamFix(overrides => buildPlainApp(tarball, overrides))
  console.info(fix
    ? `newest Nuxt: a plain app does not build as installed; applying ${fix.name} to the plain app and the module's app alike, because ${fix.why}`
    : 'newest Nuxt: a plain app builds as installed; no upstream fix applied')
  const basic = fileURLToPath(new URL('../fixtures/basic/', import.meta.url))
  for (const part of ['app.vue', 'pages', 'plugins', 'server']) cpSync(`${basic}${part}`, `${app}${part}`, { recursive: true })
  writeFileSync(`${app}nuxt.config.ts`, config)
  execFileSync('npx', ['nuxi', 'build'], { cwd: app, stdio: 'pipe', env: { ...process.env, OUTPUT_DIR: '.output-readable' } })
  execFileSync('npx', ['nuxi', 'build'], { cwd: app, stdio: 'pipe', env: { ...process.env, OUTPUT_DIR: '.output-httponly', HTTP_ONLY: '1' } })
  execFileSync('npx', ['nuxi', 'build'], { cwd: app, stdio: 'pipe', env: { ...process.env, OUTPUT_DIR: '.output-proxy', PROXY: '1' } })
  api = await startTestApi()
  servers.readable = await serve('.output-readable', api)
  servers.httpOnly = await serve('.output-httponly', api)
  servers.proxy = await serve('.output-proxy', api)
  browser = await chromium.launch(browserOptions.launch)
}, 900_000)

afterAll(async () => {
  await browser?.close()
  for (const server of Object.values(servers)) server.process.kill()
  await api?.close()
})

const text = (page: Page, id: string) => page.getByTestId(id).textContent().then(t => t?.trim())
const tokenCookies = async (context: BrowserContext) => (await context.cookies()).filter(c => /^(?:access|refresh)_token/.test(c.name))

async function loggedIn(server: Server): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(`${server.url}/protected`)
  await page.waitForURL(/\/login\?redirect=/)
  await hydrated(page)
  await page.getByTestId('submit').click()
  await page.waitForURL(`${server.url}/protected`)
  return page
}

/** Gives the browser a new session whose access token has expired, as the module's cookies would hold it. */
async function giveExpiredPair(page: Page, server: Server, mode: Mode) {
  const expired = await api.loginExpired()
  await page.context().addCookies([
    { name: 'access_token', value: expired.accessToken, url: server.url, httpOnly: mode === 'proxy' },
    { name: 'refresh_token', value: expired.refreshToken, url: server.url, httpOnly: mode !== 'readable' },
    ...mode !== 'readable' ? [{ name: 'refresh_token_session', value: `test-${Math.random()}`, url: server.url }] : [],
  ])
}

describe.runIf(enabled)(`Node ${process.versions.node} and the newest Nuxt 4`, () => {
  const installed = (cwd: string, name: string) =>
    execFileSync(process.execPath, ['-p', `require("${name}/package.json").version`], { cwd, encoding: 'utf8' }).trim()

  it('runs on Node 22 or newer and Nuxt 4.5 or newer, the module\'s app on the plain app\'s Nuxt and vite', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22)
    expect(Number(installed(app, 'nuxt').split('.')[1])).toBeGreaterThanOrEqual(5)
    for (const name of ['nuxt', 'vite']) expect(installed(app, name)).toBe(installed(plain, name))
  })

  it.each(['readable', 'httpOnly', 'proxy'] as const)('logs in, refreshes during SSR and for a storm once, and logs out (%s)', async (mode) => {
    const server = servers[mode]
    api.reset()
    const page = await loggedIn(server)
    expect(await text(page, 'items')).toBe('Keys:Alice')
    const cookies = await page.context().cookies()
    expect(cookies.find(c => c.name === 'refresh_token')?.httpOnly).toBe(mode !== 'readable')
    expect(cookies.find(c => c.name === 'access_token')?.httpOnly).toBe(mode === 'proxy')

    // An expired pair, as the cookies would hold it after a while: the server render refreshes it once.
    await giveExpiredPair(page, server, mode)
    await page.goto(`${server.url}/protected`)
    expect(await text(page, 'items')).toBe('Keys:Alice')
    expect(api.calls.refresh).toBe(1)

    // Another one: one refresh in the browser for a storm of 10.
    await page.waitForFunction(() => (window as unknown as { useNuxtApp?: () => { isHydrating: boolean } }).useNuxtApp?.().isHydrating === false)
    await giveExpiredPair(page, server, mode)
    await page.getByTestId('storm').click()
    await expect.poll(() => text(page, 'result')).toBe('ok=10 failed=0')
    expect(api.calls.refresh).toBe(2)
    expect(api.stats().reused).toBe(0)

    await page.getByTestId('logout').click()
    await page.waitForURL(`${server.url}/login`)
    expect(await tokenCookies(page.context())).toEqual([])
  })

  it.each(['readable', 'httpOnly', 'proxy'] as const)('keeps the session after the app\'s own route refreshed during a page\'s render (%s)', async (mode) => {
    const server = servers[mode]
    api.reset()
    const page = await (await browser.newContext()).newPage()
    await giveExpiredPair(page, server, mode)
    await page.goto(`${server.url}/own-route`)
    expect(await text(page, 'own-route')).toBe('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    await page.goto(`${server.url}/protected`)
    expect(page.url()).toBe(`${server.url}/protected`)
    expect(await text(page, 'items')).toBe('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    expect(api.stats().reused).toBe(0)
  })

  it('renders useApiData on the server, hydrates without fetching again, and aborts a superseded request', async () => {
    const server = servers.readable
    api.reset()
    const page = await loggedIn(server)
    await expect.poll(() => text(page, 'items')).toBe('Keys:Alice')
    const before = api.itemRequests.length
    await page.goto(`${server.url}/data`)
    await page.waitForFunction(() => (window as unknown as { useNuxtApp?: () => { isHydrating: boolean } }).useNuxtApp?.().isHydrating === false)
    await page.waitForLoadState('networkidle')
    expect(await text(page, 'items')).toBe('Alice:a')
    expect(await text(page, 'missing')).toBe('AxiosError 404 {"error":"not found"}')
    expect(api.itemRequests.slice(before)).toEqual([{ query: '?q=a', browser: false }])
    await page.getByTestId('supersede').click()
    await expect.poll(() => text(page, 'items'), { timeout: 5000 }).toBe('Alice:b')
    await expect.poll(() => api.abortedItems, { timeout: 5000 }).toEqual(['?q=slow&delay=1500'])
  })
})
