// `npm run bench`: what users pay for the module, each figure against a baseline measured in the same run.
// `npm run bench -- --quick` is a short smoke run that does not write RESULTS.md.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import axios, { type AxiosInstance } from 'axios'
import { installJwtClient } from '../src/runtime/core/client/client'
import { defaultClientOptions } from '../test/utils/client-options'
import { memoryStore } from '../test/utils/memory-store'
import { startTestApi, type TestApi } from '../test/utils/test-api'
import { sleep } from '../test/utils/time'
import { recipeClient } from './recipe'
import { buildApp, clientCodeSection } from './client-code'
import { cookieLibrariesSection } from './cookie-libraries'
import { instanceShareSection } from './instance-share'
import { proxySection } from './proxy'
import { renderCostSection } from './render-cost'
import { ssrSection } from './ssr'
import { median, summary } from './stats'

const quick = process.argv.includes('--quick')
const ROUNDS = quick ? 1 : 5
const STORM_SIZES = quick ? [10, 100] : [10, 100, 1000]
const SEQUENTIAL = quick ? 1000 : 20_000
const CONCURRENT = quick ? 1000 : 20_000
const IN_FLIGHT = 64

const api: TestApi = await startTestApi({ accessTtl: 3600 })
const lines: string[] = []
const out = (line = '') => {
  lines.push(line)
  console.log(line)
}

function moduleClient(tokens: { accessToken: string, refreshToken: string }, onLogout = () => {}): AxiosInstance {
  const http = axios.create({ baseURL: api.url })
  installJwtClient(http, { options: defaultClientOptions, store: memoryStore(tokens), callHook: (name, ..._info) => name === 'axios-jwt:session-ended' ? onLogout() : undefined })
  return http
}

function bareClient(accessToken: string): AxiosInstance {
  const http = axios.create({ baseURL: api.url })
  http.interceptors.request.use((config) => {
    config.headers.Authorization = `Bearer ${accessToken}`
    return config
  })
  return http
}

function clientSize(dir: string) {
  const total = { raw: 0, gzip: 0, brotli: 0 }
  for (const file of readdirSync(dir).filter(f => f.endsWith('.js'))) {
    const content = readFileSync(`${dir}/${file}`)
    total.raw += content.length
    total.gzip += gzipSync(content, { level: 9 }).length
    total.brotli += brotliCompressSync(content).length
  }
  return total
}

const time = async (fn: () => Promise<unknown>) => {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

async function concurrently(total: number, limit: number, fn: () => Promise<unknown>) {
  let left = total
  await Promise.all(Array.from({ length: Math.min(limit, total) }, async () => {
    while (left-- > 0) await fn()
  }))
}

out(`# Benchmarks`)
out()
out(`Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. `
  + `Loopback HTTP against the test API (\`startJwtTestApi\` of \`nuxt-axios-jwt/testing\`: signed JWTs, rotating refresh tokens with reuse detection). `
  + `Medians of ${ROUNDS} round${ROUNDS > 1 ? 's' : ''}, spread as (min–max).${quick ? ' Quick smoke run.' : ''}`)
out()

// Refresh storm and rotation safety: N concurrent requests whose access token the API now rejects.
out(`## Refresh storm and rotation safety`)
out()
out(`N requests at once with an expired access token; the backend rotates refresh tokens and revokes the session on reuse. `
  + `Baseline time: one refresh round trip plus the same N requests with a valid token, measured in the same run.`)
out()
out('| N | client | refresh calls | failed requests | logouts | settle ms | baseline ms | ratio |')
out('|---|---|---|---|---|---|---|---|')
const kinds = ['module', 'recipe'] as const
// Every storm gets its own session, expired before the storms start.
const sessions = new Map<string, Awaited<ReturnType<TestApi['login']>>>()
for (const n of STORM_SIZES) {
  for (const kind of kinds) {
    for (let round = 0; round <= ROUNDS; round++) sessions.set(`${n}/${kind}/${round}`, await api.login('alice', 1))
  }
}
await sleep(1100)
for (const n of STORM_SIZES) {
  for (const kind of kinds) {
    const calls: number[] = []
    const failed: number[] = []
    const logouts: number[] = []
    const settle: number[] = []
    const baseline: number[] = []
    // Round 0 warms up and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const spare = await api.login('bob')
      const bare = bareClient(spare.accessToken)
      const base = await time(() => axios.post(`${api.url}/auth/refresh`, { refreshToken: spare.refreshToken }))
        + await time(() => Promise.all(Array.from({ length: n }, () => bare.get('/items'))))
      const tokens = sessions.get(`${n}/${kind}/${round}`)!
      const before = api.calls.refresh
      let loggedOut = 0
      const http = kind === 'module' ? moduleClient(tokens, () => loggedOut++) : recipeClient(api.url, { ...tokens }, () => loggedOut++)
      let results: PromiseSettledResult<unknown>[] = []
      const took = await time(async () => {
        results = await Promise.allSettled(Array.from({ length: n }, () => http.get('/items')))
      })
      if (round === 0) continue
      baseline.push(base)
      settle.push(took)
      calls.push(api.calls.refresh - before)
      failed.push(results.filter(r => r.status === 'rejected').length)
      logouts.push(loggedOut)
    }
    out(`| ${n} | ${kind === 'module' ? 'nuxt-axios-jwt' : 'common recipe'} | ${median(calls)} | ${median(failed)} | ${median(logouts)} | ${summary(settle)} | ${summary(baseline)} | ${(median(settle) / median(baseline)).toFixed(2)} |`)
  }
}
out()

// Per-request overhead with a valid token.
out(`## Per-request overhead`)
out()
out(`GETs with a valid token (the API echoes the header), interleaved rounds; baseline: a bare axios instance whose interceptor sets the same header.`)
out()
api.reset()
const tokens = await api.login()
const bare = bareClient(tokens.accessToken)
const signed = moduleClient(tokens)
const perRequest: Record<string, number[]> = { 'bare sequential': [], 'module sequential': [], 'bare concurrent': [], 'module concurrent': [] }
for (let i = 0; i < 1000; i++) await Promise.all([bare.get('/echo'), signed.get('/echo')])
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? [['module', signed], ['bare', bare]] as const : [['bare', bare], ['module', signed]] as const
  for (const [name, http] of order) {
    perRequest[`${name} sequential`]!.push(await time(async () => {
      for (let i = 0; i < SEQUENTIAL; i++) await http.get('/echo')
    }) * 1000 / SEQUENTIAL)
  }
  for (const [name, http] of order) {
    perRequest[`${name} concurrent`]!.push(await time(() => concurrently(CONCURRENT, IN_FLIGHT, () => http.get('/echo'))) * 1000 / CONCURRENT)
  }
}
out(`| mode | requests | bare axios µs/request | nuxt-axios-jwt µs/request | ratio |`)
out('|---|---|---|---|---|')
out(`| sequential | ${SEQUENTIAL} | ${summary(perRequest['bare sequential']!)} | ${summary(perRequest['module sequential']!)} | ${(median(perRequest['module sequential']!) / median(perRequest['bare sequential']!)).toFixed(3)} |`)
out(`| ${IN_FLIGHT} in flight | ${CONCURRENT} | ${summary(perRequest['bare concurrent']!)} | ${summary(perRequest['module concurrent']!)} | ${(median(perRequest['module concurrent']!) / median(perRequest['bare concurrent']!)).toFixed(3)} |`)
out()
out(`## Client bundle`)
out()
out(`Client JavaScript of built apps with the same page: no HTTP client, plain axios in a plugin, this module with the page `
  + `calling \`useApi()\` in \`useAsyncData\`, and this module with the page calling \`useApiData\`.`)
out()
const apps = ['bare', 'axios', 'module', 'module-data'] as const
const sizes = Object.fromEntries(apps.map((app) => {
  const dir = fileURLToPath(new URL(`./apps/${app}/`, import.meta.url))
  // The module app proxies `/backend/**` to the test API, for the deployment rows of the SSR section.
  buildApp(app, { BENCH_API_URL: api.url })
  return [app, clientSize(`${dir}.output/public/_nuxt`)]
})) as Record<typeof apps[number], ReturnType<typeof clientSize>>
out('| app | raw bytes | gzip bytes | brotli bytes |')
out('|---|---|---|---|')
for (const app of apps) out(`| ${app} | ${sizes[app].raw} | ${sizes[app].gzip} | ${sizes[app].brotli} |`)
const delta = (a: typeof apps[number], b: typeof apps[number]) =>
  `${sizes[a].raw - sizes[b].raw} | ${sizes[a].gzip - sizes[b].gzip} | ${sizes[a].brotli - sizes[b].brotli}`
out(`| axios and its plugin (axios − bare) | ${delta('axios', 'bare')} |`)
out(`| **the module's own code (module − axios)** | ${delta('module', 'axios')} |`)
out(`| useApiData, in the apps that call it (module-data − module) | ${delta('module-data', 'module')} |`)
out()
out(clientCodeSection({ BENCH_API_URL: api.url }, quick))

await ssrSection({ api, out, quick, rounds: ROUNDS })
const renderSession = await api.login()
out(renderCostSection(api.url, `access_token=${renderSession.accessToken}; refresh_token=${renderSession.refreshToken}`, quick))
out(await instanceShareSection(api, quick))
out(await proxySection(api, quick))
out(await cookieLibrariesSection())

out(`Reproduce: \`npm run bench\`.`)

await api.close()
if (!quick) writeFileSync(new URL('./RESULTS.md', import.meta.url), `${lines.join('\n')}\n`)
