import { fileURLToPath } from 'node:url'
import { setup } from '@nuxt/test-utils/e2e'
import { defu } from 'defu'
import type { NuxtConfig } from '@nuxt/schema'
import { afterAll, beforeEach, inject } from 'vitest'
import { sharedBuild } from './shared-builds'
import { startResourceApi, type ResourceApi } from './resource-api'
import { startTestApi, type TestApi } from './test-api'

export interface FixtureOptions {
  /** The fixture under `test/fixtures/`. */
  fixture?: string
  /** Merged over the fixture's own `nuxt.config`; a function gets the test API, for proxies to it. */
  nuxtConfig?: NuxtConfig | ((api: TestApi) => NuxtConfig)
  /** Run the development server instead of a production build. */
  dev?: boolean
  /** Start Chromium for the suite (default); the SSR-only suites do without. */
  browser?: boolean
  /** Environment of the server; a function gets the test API. */
  env?: Record<string, string> | ((api: TestApi) => Record<string, string>)
}

const ofApi = <T>(value: T | ((api: TestApi) => T), api: TestApi): T =>
  typeof value === 'function' ? (value as (api: TestApi) => T)(api) : value

/**
 * A test API on 127.0.0.1 and a fixture (the basic one unless named) built (or served in development) against it: the API is reset before
 * each test and closed after the suite.
 */
export async function fixtureWithApi(options: FixtureOptions = {}): Promise<TestApi> {
  const api = await startTestApi()
  // Imported only when needed: the browser helpers insist on Chromium.
  const browser = options.browser === false ? {} : { browser: true, browserOptions: (await import('./browser')).browserOptions }
  const rootDir = fileURLToPath(new URL(`../fixtures/${options.fixture ?? 'basic'}`, import.meta.url))
  // Without source maps and minifying the build takes about a third less; nothing the suites test reads the built code
  // (the packed-app suites build as users do).
  const nuxtConfig = defu(ofApi(options.nuxtConfig ?? {}, api), { sourcemap: { server: false, client: false }, vite: { build: { minify: false } } })
  // Suites that build the same fixture with the same config share one build; the environment is read at run time.
  const shared = options.dev ? undefined : sharedBuild(rootDir, nuxtConfig, inject('sharedBuildsRun'))
  await setup({
    rootDir,
    dev: options.dev,
    ...browser,
    ...shared && { buildDir: shared.buildDir, build: !shared.built },
    env: { NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url, ...ofApi(options.env ?? {}, api) },
    nuxtConfig,
  })
  afterAll(() => api.close())
  beforeEach(() => api.reset())
  return api
}

/**
 * The fixture against the test API, a second API on another origin that must never see a token
 * (NUXT_PUBLIC_OTHER_ORIGIN), and `billing`, the fixture's `axiosJwt.apis.billing`, which accepts the test API's
 * tokens, and `partner`, the fixture's `axiosJwt.apis.partner`, an API with an own session; all reset before each test.
 */
export async function fixtureWithOtherOrigin(options: FixtureOptions = {}): Promise<{ api: TestApi, other: TestApi, billing: ResourceApi, partner: TestApi }> {
  const other = await startTestApi()
  const partner = await startTestApi()
  let issuer: TestApi | undefined
  const billing = await startResourceApi(token => issuer!.verifyAccess(token))
  const api = issuer = await fixtureWithApi({
    ...options,
    env: api => ({
      ...ofApi(options.env ?? {}, api),
      NUXT_PUBLIC_OTHER_ORIGIN: other.url,
      NUXT_PUBLIC_AXIOS_JWT_APIS_BILLING_BASE_URL: billing.url,
      NUXT_PUBLIC_AXIOS_JWT_APIS_PARTNER_BASE_URL: partner.url,
    }),
  })
  afterAll(() => Promise.all([other.close(), billing.close(), partner.close()]))
  beforeEach(() => {
    other.reset()
    billing.reset()
    partner.reset()
    api.options.accessTtl = 60
  })
  return { api, other, billing, partner }
}
