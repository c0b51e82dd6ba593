// `npm run bench`: what users pay for the module, each figure against a baseline measured in the same run.
// `npm run bench -- --quick` is a short smoke run that does not write RESULTS.md.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import axios, { type AxiosInstance } from 'axios'
import { installJwtClient } from '../src/runtime/core/client'
import { defaultClientOptions } from '../test/utils/client-options'
import { memoryStore } from '../test/utils/memory-store'
import { startTestApi, type TestApi } from '../test/utils/test-api'
import { sleep } from '../test/utils/time'
import { recipeClient } from './recipe'
import { median, summary } from './stats'

const quick = process.argv.includes('--quick')
const ROUNDS = quick ? 1 : 5
const STORM_SIZES = quick ? [10, 100] : [10, 100, 1000]
const SEQUENTIAL = quick ? 1000 : 20_000
const CONCURRENT = quick ? 1000 : 20_000
const IN_FLIGHT = 64
const SSR_SECONDS = quick ? 2 : 10
const SSR_CONNECTIONS = 32
const EXPIRED_SESSIONS = quick ? 500 : 4000

const api: TestApi = await startTestApi({ accessTtl: 3600 })
const lines: string[] = []
const out = (line = '') => {
  lines.push(line)
  console.log(line)
}

function moduleClient(tokens: { accessToken: string, refreshToken: string }, onLogout = () => {}): AxiosInstance {
  const http = axios.create({ baseURL: api.url })
  installJwtClient(http, { options: defaultClientOptions, store: memoryStore(tokens), callHook: name => name === 'axios-jwt:session-ended' ? onLogout() : undefined })
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

let nextPort = 4300
async function startApp(app: string, env: Record<string, string>) {
  const port = nextPort++
  const entry = fileURLToPath(new URL(`./apps/${app}/.output/server/index.mjs`, import.meta.url))
  const child = spawn('node', [entry], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}/`
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then(r => r.ok, () => false)) return { url, pid: child.pid!, stop: () => child.kill() }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  child.kill()
  throw new Error(`the ${app} app did not start`)
}

/** CPU milliseconds (user + system) a process has used so far, where Linux tells; the load generator shares the CPUs, so this is the steadier figure. */
function cpuMs(pid: number): number | undefined {
  const stat = `/proc/${pid}/stat`
  if (!existsSync(stat)) return undefined
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Requests/s that `connections` loops get from `url` in `seconds`. */
async function load(url: string, cookie: () => string, seconds: number, connections = SSR_CONNECTIONS) {
  const until = performance.now() + seconds * 1000
  let done = 0
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const response = await fetch(url, { headers: { cookie: cookie() } })
      await response.arrayBuffer()
      if (response.ok) done++
    }
  }))
  return done / seconds
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
  + `Loopback HTTP against the test API (\`test/utils/test-api.ts\`: signed JWTs, rotating refresh tokens with reuse detection). `
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
out(`Client JavaScript of three built apps with the same page: no HTTP client, plain axios in a plugin, and this module.`)
out()
const apps = ['bare', 'axios', 'module'] as const
const sizes = Object.fromEntries(apps.map((app) => {
  const dir = fileURLToPath(new URL(`./apps/${app}/`, import.meta.url))
  execFileSync('npx', ['nuxi', 'build', dir], { stdio: 'ignore' })
  return [app, clientSize(`${dir}.output/public/_nuxt`)]
})) as Record<typeof apps[number], ReturnType<typeof clientSize>>
out('| app | raw bytes | gzip bytes | brotli bytes |')
out('|---|---|---|---|')
for (const app of apps) out(`| ${app} | ${sizes[app].raw} | ${sizes[app].gzip} | ${sizes[app].brotli} |`)
const delta = (a: typeof apps[number], b: typeof apps[number]) =>
  `${sizes[a].raw - sizes[b].raw} | ${sizes[a].gzip - sizes[b].gzip} | ${sizes[a].brotli - sizes[b].brotli}`
out(`| axios and its plugin (axios − bare) | ${delta('axios', 'bare')} |`)
out(`| **the module's own code (module − axios)** | ${delta('module', 'axios')} |`)
out()

out(`## SSR throughput`)
out()
out(`Requests/s rendering a page that calls the API once during SSR, ${SSR_SECONDS} s at ${SSR_CONNECTIONS} connections a round, interleaved; `
  + `baseline: the same page calling plain axios. Load generator, API and Nuxt server share this machine's CPUs.`)
out()
const valid = await api.login()
const servers = {
  axios: await startApp('axios', { NUXT_PUBLIC_API_BASE: api.url }),
  module: await startApp('module', { NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url }),
}
const throughput: Record<string, number[]> = { axios: [], module: [] }
const cpuPerRequest: Record<string, number[]> = { axios: [], module: [] }
const validCookie = () => `access_token=${valid.accessToken}; refresh_token=${valid.refreshToken}`
// Until the JIT has settled: the first seconds of a fresh server are much slower.
for (const server of Object.values(servers)) await load(server.url, validCookie, quick ? 1 : 5)
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? ['module', 'axios'] as const : ['axios', 'module'] as const
  for (const app of order) {
    const cpuBefore = cpuMs(servers[app].pid)
    const perSecond = await load(servers[app].url, validCookie, SSR_SECONDS)
    throughput[app]!.push(perSecond)
    const cpuAfter = cpuMs(servers[app].pid)
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpuPerRequest[app]!.push((cpuAfter - cpuBefore) * 1000 / (perSecond * SSR_SECONDS))
  }
}
// Every request carries its own expired session, so the server refreshes each time.
const expired = await Promise.all(Array.from({ length: EXPIRED_SESSIONS }, () => api.login('alice', 1)))
await sleep(1100)
let next = 0
const refreshBefore = api.calls.refresh
const refreshing = await load(servers.module.url, () => {
  const tokens = expired[next++ % expired.length]!
  return `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`
}, SSR_SECONDS)
for (const server of Object.values(servers)) server.stop()
const cpu = (app: string) => cpuPerRequest[app]!.length ? summary(cpuPerRequest[app]!, 0) : 'n/a'
const cpuRatio = cpuPerRequest.axios!.length ? (median(cpuPerRequest.module!) / median(cpuPerRequest.axios!)).toFixed(2) : 'n/a'
out('| page | requests/s | ratio | server CPU µs/request | CPU ratio |')
out('|---|---|---|---|---|')
out(`| plain axios | ${summary(throughput.axios!, 0)} | 1.00 | ${cpu('axios')} | 1.00 |`)
out(`| nuxt-axios-jwt, valid token | ${summary(throughput.module!, 0)} | ${(median(throughput.module!) / median(throughput.axios!)).toFixed(2)} | ${cpu('module')} | ${cpuRatio} |`)
out(`| nuxt-axios-jwt, expired token (refresh on every render) | ${refreshing.toFixed(0)} | ${(refreshing / median(throughput.axios!)).toFixed(2)} | | |`)
out()
out(`Requests/s swing with the load generator and the API, which run on the same two CPUs; the CPU time the Nuxt `
  + `server spends per request (from /proc) is the steadier measure of what the module costs it.`)
out()
out(`The expired-token row is one round; ${api.calls.refresh - refreshBefore} refreshes were served.`)
out()
out(`Reproduce: \`npm run bench\`.`)

await api.close()
if (!quick) writeFileSync(new URL('./RESULTS.md', import.meta.url), `${lines.join('\n')}\n`)
