import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packedTarball } from '../utils/packed'
import { cookieHeader, startTestApi, type TestApi } from '../utils/test-api'

// A plain Nuxt 3 app (the newest 3.x that runs on Node 20) installs the packed module from the registry's point of
// view, a tarball, and builds for production with its own nuxi, as a user on Nuxt 3 would.
const NUXT3 = '3.20.2'
const dir = fileURLToPath(new URL('../.tmp/nuxt3/', import.meta.url))
const app = `${dir}app/`

let api: TestApi
let server: ChildProcess | undefined
let base = ''

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(app, { recursive: true })
  cpSync(fileURLToPath(new URL('../fixtures/packed', import.meta.url)), app, { recursive: true })
  const tarball = packedTarball(dir)
  writeFileSync(`${app}package.json`, JSON.stringify({
    private: true,
    type: 'module',
    dependencies: { 'nuxt': NUXT3, 'nuxt-axios-jwt': `file:../${tarball}` },
    // Nuxt 3.20 accepts any 6.x or 7.x; 7 declares Node >= 22.
    overrides: { 'rollup-plugin-visualizer': '6.0.11' },
  }, null, 2))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' })
  execFileSync('npx', ['nuxi', 'build'], { cwd: app, stdio: 'ignore' })
  api = await startTestApi()
  const port = 4700 + Math.floor(Math.random() * 200)
  base = `http://127.0.0.1:${port}`
  server = spawn('node', ['.output/server/index.mjs'], { cwd: app, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url }, stdio: 'ignore' })
  for (let i = 0; i < 100 && !(await fetch(base).then(r => r.status > 0, () => false)); i++) await new Promise(r => setTimeout(r, 100))
}, 600_000)

afterAll(async () => {
  server?.kill()
  await api?.close()
})

describe(`the packed module on Nuxt ${NUXT3}`, () => {
  it('installs on Nuxt 3', () => {
    const version = execFileSync('node', ['-p', 'require("nuxt/package.json").version'], { cwd: app, encoding: 'utf8' }).trim()
    expect(version).toBe(NUXT3)
  })

  it('shares the app\'s own @nuxt/kit instead of bringing a second copy', () => {
    const kits = execFileSync('npm', ['ls', '@nuxt/kit', '--all', '--parseable'], { cwd: app, encoding: 'utf8' }).trim().split('\n')
    expect(kits.length).toBeGreaterThan(0)
    expect(kits.filter(path => path.includes('nuxt-axios-jwt/node_modules'))).toEqual([])
  })

  it('builds for production and signs SSR requests with the cookie\'s token', async () => {
    const tokens = await api.login()
    api.authorizations = []
    const response = await fetch(base, { headers: { cookie: cookieHeader(tokens) } })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Keys:Alice')
    // The same API read through useApiData, over Nuxt 3's useAsyncData.
    expect(html).toContain('packed:Alice')
    expect(api.authorizations).toEqual([`Bearer ${tokens.accessToken}`, `Bearer ${tokens.accessToken}`])
  })

  it('refreshes an expired token during SSR and writes the rotated pair back', async () => {
    const tokens = await api.loginExpired()
    const response = await fetch(base, { headers: { cookie: cookieHeader(tokens) } })
    expect(await response.text()).toContain('Keys:Alice')
    expect(api.calls.refresh).toBe(1)
    const names = response.headers.getSetCookie().map(c => c.split('=')[0])
    expect(names).toEqual(expect.arrayContaining(['access_token', 'refresh_token']))
  })
})
