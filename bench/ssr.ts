// SSR benchmarks: built apps served by their own Node processes, loaded from this one.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { TestApi } from '../test/utils/test-api'
import { sleep } from '../test/utils/time'
import { median, summary } from './stats'

interface App {
  url: string
  pid: number
  stop: () => void
}

let nextPort = 4300

export async function startApp(app: string, env: (port: number) => Record<string, string>): Promise<App> {
  const port = nextPort++
  const entry = fileURLToPath(new URL(`./apps/${app}/.output/server/index.mjs`, import.meta.url))
  const child = spawn('node', [entry], { env: { ...process.env, ...env(port), PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}/`
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then(r => r.ok, () => false)) return { url, pid: child.pid!, stop: () => child.kill() }
    await sleep(100)
  }
  child.kill()
  throw new Error(`the ${app} app did not start`)
}

/** CPU milliseconds (user + system) a process has used so far, where Linux tells. */
function cpuMs(pid: number): number | undefined {
  const stat = `/proc/${pid}/stat`
  if (!existsSync(stat)) return undefined
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Requests/s that `connections` loops get from `url` in `seconds`. */
async function load(url: string, cookie: () => string, seconds: number, connections: number) {
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

/**
 * Server CPU µs per render over a fixed number of renders. Few connections keep the load generator (this process)
 * off the server's CPU, so the figure depends on the server's own work.
 */
async function cpuPerRender(app: App, cookie: string, renders: number, connections = 2): Promise<number | undefined> {
  const before = cpuMs(app.pid)
  let left = renders
  await Promise.all(Array.from({ length: connections }, async () => {
    while (left-- > 0) await (await fetch(app.url, { headers: { cookie } })).arrayBuffer()
  }))
  const after = cpuMs(app.pid)
  return before === undefined || after === undefined ? undefined : (after - before) * 1000 / renders
}

/** Interleaved rounds over `apps`: requests/s at `connections`, then server CPU per render at low load. */
export async function compare(apps: Record<string, App>, cookie: string, options: { rounds: number, seconds: number, renders: number, connections: number }) {
  const throughput: Record<string, number[]> = {}
  const cpu: Record<string, number[]> = {}
  const names = Object.keys(apps)
  // Until the JIT has settled: the first seconds of a fresh server are much slower.
  for (const name of names) await load(apps[name]!.url, () => cookie, Math.max(1, options.seconds / 2), options.connections)
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names
    for (const name of order) (throughput[name] ??= []).push(await load(apps[name]!.url, () => cookie, options.seconds, options.connections))
    for (const name of order) {
      const perRender = await cpuPerRender(apps[name]!, cookie, options.renders)
      if (perRender !== undefined) (cpu[name] ??= []).push(perRender)
    }
  }
  return { throughput, cpu }
}

const WITH_KEYS = 'plain axios, with the runtime config keys the module adds'
const INSTALLED = 'plain axios in an app with nuxt-axios-jwt installed'

export interface SsrSetup {
  api: TestApi
  out: (line?: string) => void
  quick: boolean
  rounds: number
}

export async function ssrSection({ api, out, quick, rounds }: SsrSetup): Promise<void> {
  const options = { rounds: quick ? 1 : Math.max(rounds, 7), seconds: quick ? 2 : 8, renders: quick ? 300 : 3000, connections: 32 }
  const valid = await api.login()
  const cookie = `access_token=${valid.accessToken}; refresh_token=${valid.refreshToken}`
  execFileSync('npx', ['nuxi', 'build', fileURLToPath(new URL('./apps/axios-config/', import.meta.url))], { stdio: 'ignore' })
  const signedApp = await startApp('module', () => ({ NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url }))
  const apps = {
    'plain axios': await startApp('axios', () => ({ NUXT_PUBLIC_API_BASE: api.url })),
    [WITH_KEYS]: await startApp('axios-config', () => ({ NUXT_PUBLIC_API_BASE: api.url })),
    // The same server as the next row: the page makes its call with plain axios, the module's plugins still run.
    [INSTALLED]: { ...signedApp, url: `${signedApp.url}?client=plain` },
    'nuxt-axios-jwt, valid token': signedApp,
  }
  const routeApps = await inProcessApps()
  try {
    out(`## SSR throughput and server CPU`)
    out()
    out(`A page that calls the API once during SSR; baseline: the same page calling plain axios. Requests/s: ${options.seconds} s at `
      + `${options.connections} connections a round. Server CPU: µs the Nuxt process spends per render (from /proc) over `
      + `${options.renders} renders at 2 connections, which keeps the load generator off the server's CPU. ${options.rounds} interleaved rounds.`)
    out()
    const signed = await compare(apps, cookie, options)
    writeTable(out, signed, 'plain axios')
    out(`| nuxt-axios-jwt, expired token (refresh on every render) | ${(await refreshingThroughput(api, apps['nuxt-axios-jwt, valid token'].url, quick)).toFixed(0)} | | | |`)
    out()
    out(`The expired-token row is one round with a new expired session per request. ${configCost(signed.cpu)}`)
    out()
    await inProcessSection(out, routeApps, cookie, options)
  }
  finally {
    for (const app of [...Object.values(apps), ...Object.values(routeApps)]) app.stop()
  }
}

/** The median of a row's rounds; `undefined` where /proc told nothing. */
const medianOf = (series: Record<string, number[]>, name: string): number | undefined => series[name]?.length ? median(series[name]!) : undefined

/** What the module's render costs beyond plain axios, part by part: Nitro's copy of its runtime config keys, its plugins, the call. */
function configCost(cpu: Record<string, number[]>): string {
  const [plain, keys, installed, module] = ['plain axios', WITH_KEYS, INSTALLED, 'nuxt-axios-jwt, valid token'].map(name => medianOf(cpu, name))
  if (plain === undefined || keys === undefined || installed === undefined || module === undefined) return ''
  const signed = (a: number, b: number) => `${a >= b ? '+' : '−'}${Math.abs(a - b).toFixed(0)} µs`
  return `Server CPU per render against the plain page: the runtime config keys the module adds (its deployment options, `
    + `which environment variables override; Nitro copies the runtime config for every request and looks each key up in `
    + `the environment) and nothing else of it, ${signed(keys, plain)}; the module installed (its plugins: the session's `
    + `state, the token cookies, the instance and its client; its route middleware; its state in the payload) with the `
    + `page calling plain axios, ${signed(installed, plain)}; the module's page, ${signed(module, plain)}, its own call `
    + `against plain axios in the same app ${signed(module, installed)}. Each median is within the others' spread.`
}

// A relative `baseURL` on the server: the app's own route, in-process or through a socket to the app's own address.
const ROUTES = {
  own: { path: '/own', title: 'the app\'s own server route' },
  proxy: { path: '/backend', title: 'the app\'s `routeRules` proxy to the API' },
} as const
type RouteKind = keyof typeof ROUTES
const inProcessName = (kind: RouteKind) => `${ROUTES[kind].title}, in-process`
const hopName = (kind: RouteKind) => `${ROUTES[kind].title}, network hop to the app's own address`
const FLOOR = 'the same page without the API call'

async function inProcessApps(): Promise<Record<string, App>> {
  const apps: Record<string, App> = {}
  for (const kind of Object.keys(ROUTES) as RouteKind[]) {
    const path = ROUTES[kind].path
    apps[inProcessName(kind)] = await startApp('module', () => ({ NUXT_PUBLIC_AXIOS_JWT_BASE_URL: path }))
    // What a relative baseURL did before: the server called its own public address, through the network.
    apps[hopName(kind)] = await startApp('module', port => ({ NUXT_PUBLIC_AXIOS_JWT_BASE_URL: path, NUXT_AXIOS_JWT_SERVER_BASE_URL: `http://127.0.0.1:${port}${path}` }))
  }
  // The floor: the same render without the call, which no way of calling can go below.
  const any = apps[inProcessName('own')]!
  apps[FLOOR] = { ...any, url: `${any.url}?call=none` }
  return apps
}

async function inProcessSection(out: SsrSetup['out'], apps: Record<string, App>, cookie: string, options: Parameters<typeof compare>[2]) {
  out(`### A relative \`baseURL\`: in-process against the network hop`)
  out()
  out(`The API at a path of the app itself: \`baseURL: '/own'\`, a Nitro route of the app that answers the page's request, and `
    + `\`baseURL: '/backend'\`, a \`routeRules\` proxy to the API. In-process: the server hands the request to Nitro's \`localCall\` `
    + `without a socket. Network hop: what a relative \`baseURL\` did before, the server calling its own address. Without the `
    + `call: the same page rendered with no API request, the floor under any way of calling. All ${Object.keys(apps).length} servers interleaved in the same rounds.`)
  out()
  const result = await compare(apps, cookie, options)
  for (const kind of Object.keys(ROUTES) as RouteKind[]) {
    const names = [inProcessName(kind), hopName(kind), FLOOR]
    const pick = (series: Record<string, number[]>) => Object.fromEntries(names.filter(name => series[name]).map(name => [name, series[name]!]))
    out(`**${ROUTES[kind].title[0]!.toUpperCase()}${ROUTES[kind].title.slice(1)}** (\`baseURL: '${ROUTES[kind].path}'\`)`)
    out()
    writeTable(out, { throughput: pick(result.throughput), cpu: pick(result.cpu) }, hopName(kind))
    out()
    out(callCost(result.cpu, { inProcess: inProcessName(kind), hop: hopName(kind), floor: FLOOR }))
    out()
  }
}

/** What the call itself costs each way, and what the render without it leaves for any way of calling. */
function callCost(cpu: Record<string, number[]>, names: { inProcess: string, hop: string, floor: string }): string {
  const [inProcess, hop, floor] = [names.inProcess, names.hop, names.floor].map(name => medianOf(cpu, name))
  if (inProcess === undefined || hop === undefined || floor === undefined) return 'Server CPU is read from /proc: not on this system.'
  return `The call itself costs ${(inProcess - floor).toFixed(0)} µs of server CPU in-process against ${(hop - floor).toFixed(0)} µs `
    + `through the network hop (${((inProcess - floor) / (hop - floor)).toFixed(2)}×). The render without any call takes `
    + `${(floor / hop).toFixed(2)}× the network hop's CPU: the floor under any way of calling.`
}

function writeTable(out: SsrSetup['out'], { throughput, cpu }: Awaited<ReturnType<typeof compare>>, baseline: string) {
  const ratio = (series: Record<string, number[]>, name: string) =>
    series[name]?.length && series[baseline]?.length ? (median(series[name]!) / median(series[baseline]!)).toFixed(2) : 'n/a'
  out('| page | requests/s | ratio | server CPU µs/render | CPU ratio |')
  out('|---|---|---|---|---|')
  for (const name of Object.keys(throughput)) {
    out(`| ${name} | ${summary(throughput[name]!, 0)} | ${ratio(throughput, name)} | ${cpu[name]?.length ? summary(cpu[name]!, 0) : 'n/a'} | ${ratio(cpu, name)} |`)
  }
}

/** Requests/s when every render carries its own expired session, so the server refreshes each time. */
async function refreshingThroughput(api: TestApi, url: string, quick: boolean): Promise<number> {
  const expired = await Promise.all(Array.from({ length: quick ? 500 : 4000 }, () => api.login('alice', 1)))
  await sleep(1100)
  let next = 0
  return load(url, () => {
    const tokens = expired[next++ % expired.length]!
    return `access_token=${tokens.accessToken}; refresh_token=${tokens.refreshToken}`
  }, quick ? 2 : 8, 32)
}
