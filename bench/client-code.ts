// Where the module's client code goes: its share of the client bundle per source file, and per mode.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping'

const appDir = (app: string) => fileURLToPath(new URL(`./apps/${app}/`, import.meta.url))
const chunksOf = (app: string) => `${appDir(app)}.output/public/_nuxt`
const chunks = chunksOf('module')

/** Client bytes (gzip) of a built app: every chunk, and those a browser loads for the page (the entry and its static imports). */
interface ClientBytes {
  all: number
  loaded: number
}

/** The chunks the entry imports statically, itself included; chunks loaded on demand (`import("./x.js")`) are not. */
function loadedChunks(app: string): string[] {
  const manifest = readFileSync(`${appDir(app)}.output/server/chunks/build/client.precomputed.mjs`, 'utf8')
  const entry = manifest.match(/file:"([^"]+\.js)",name:"entry"/)?.[1]
  if (!entry) throw new Error(`no entry chunk in the client manifest of ${app}`)
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, next] of readFileSync(`${chunksOf(app)}/${file}`, 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(next!)
  }
  visit(entry)
  return [...seen]
}

/** The environment each bench app's output was last built with. */
const builtWith = new Map<string, string>()

/** Builds a bench app with `env`, unless its output was built with that very environment (a build is most of a run). */
export function buildApp(app: string, env: Record<string, string>): void {
  const key = JSON.stringify(env)
  if (builtWith.get(app) === key) return
  execFileSync('npx', ['nuxi', 'build', appDir(app)], { stdio: 'ignore', env: { ...process.env, ...env } })
  builtWith.set(app, key)
}

/** Builds a bench app with `env` (and what the rest of the run builds it with); the gzip bytes of its client chunks. */
export function build(app: 'module' | 'axios', env: Record<string, string>, runEnv: Record<string, string>): ClientBytes {
  buildApp(app, { ...runEnv, ...env })
  const gzip = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(`${chunksOf(app)}/${f}`), { level: 9 }).length, 0)
  return { all: gzip(readdirSync(chunksOf(app)).filter(f => f.endsWith('.js'))), loaded: gzip(loadedChunks(app)) }
}

/** Minified bytes of a source file in the chunks a page loads, and in those loaded on demand. */
interface FileBytes {
  loaded: number
  onDemand: number
}

/** Minified bytes of the chunks by the module source file their source maps name. */
function bytesBySource(): Record<string, FileBytes> {
  const bytes: Record<string, FileBytes> = {}
  const loaded = new Set(loadedChunks('module'))
  for (const file of readdirSync(chunks).filter(f => f.endsWith('.js'))) {
    const lines = readFileSync(`${chunks}/${file}`, 'utf8').split('\n')
    const marks: Array<{ line: number, column: number, source: string | null }> = []
    eachMapping(new TraceMap(readFileSync(`${chunks}/${file}.map`, 'utf8')), m => marks.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source }))
    marks.sort((a, b) => a.line - b.line || a.column - b.column)
    marks.forEach((mark, i) => {
      const next = marks[i + 1]
      const end = next?.line === mark.line ? next.column : lines[mark.line - 1]!.length
      const source = mark.source?.match(/src\/runtime\/(.+)$/)?.[1]
      if (!source) return
      const counts = bytes[source] ??= { loaded: 0, onDemand: 0 }
      counts[loaded.has(file) ? 'loaded' : 'onDemand'] += end - mark.column
    })
  }
  return bytes
}

const GROUPS: Record<string, (file: string) => boolean> = {
  'the token client (core/: signing, the due clock, reading the cookies, one refresh at a time; on demand the refresh call and the cookies a pair becomes)': file => file.startsWith('core/'),
  'the session (app/session/: its state, user, redirects, the guard; on demand login and logout)': file => file.startsWith('app/session/'),
  'the tabs (app/tabs/: logins and logouts of other tabs; on demand one refresh across tabs)': file => file.startsWith('app/tabs/'),
}

/** What the parts of the module take of what a page loads: what bounds the figure while every part stays. */
function shareOfGroups(bytes: Array<[string, FileBytes]>, loaded: number): string {
  const loadedBytes = (inGroup: (file: string) => boolean) => bytes.filter(([file]) => inGroup(file)).reduce((sum, [, b]) => sum + b.loaded, 0)
  const all = loadedBytes(() => true)
  const gzipOf = (inGroup: (file: string) => boolean) => Math.round(loadedBytes(inGroup) * loaded / all)
  const parts = Object.entries(GROUPS).map(([name, inGroup]) => `${name} ≈ ${gzipOf(inGroup)} B`)
  const rest = gzipOf(file => !Object.values(GROUPS).some(inGroup => inGroup(file)))
  return `A readable-mode page loads ${loaded} B gzip of the module (${all} minified bytes in the chunks it loads, shared out `
    + `below in proportion): ${parts.join('; ')}; the plugin, the composables and their glue ≈ ${rest} B. `
    + `Each of these runs when the page starts (a request is signed, the session is read, a logout in another tab is heard, a `
    + `page's requirements are checked), so each stays in what the page loads, and together they hold it above 3000 B; `
    + `what runs only for a refresh call, a login, a logout or a provider's sign-in loads on demand.`
}

/** The section: the module's client code against the axios app, the baseline it is measured against. */
export function clientCodeSection(runEnv: Record<string, string>, quick: boolean): string {
  const allModes: Record<string, Record<string, string>> = {
    'readable cookies': {},
    'httpOnly': { BENCH_MODE: 'httpOnly' },
    'proxy': { BENCH_MODE: 'proxy' },
    'signing in with an identity provider (oidc)': { BENCH_MODE: 'oidc' },
    'readable, with @nuxtjs/i18n': { BENCH_I18N: '1' },
  }
  // A quick run builds two of them: each build is a row's whole cost, and the rows run the same code.
  const modes = quick ? Object.fromEntries(Object.entries(allModes).filter(([name]) => name === 'readable cookies' || name === 'proxy')) : allModes
  const axiosBytes = build('axios', {}, runEnv)
  const perMode = Object.entries(modes).map(([name, env]) => {
    const baseline = env.BENCH_I18N ? build('axios', env, runEnv) : axiosBytes
    const own = build('module', env, runEnv)
    return `| ${name} | ${own.loaded - baseline.loaded} | ${own.all - baseline.all} |`
  })
  // Both apps end as the rest of the run built them.
  build('axios', {}, runEnv)
  const ownGzip = build('module', { BENCH_SOURCEMAP: '1' }, runEnv).all - axiosBytes.all
  const bytes = Object.entries(bytesBySource()).sort((a, b) => b[1].loaded + b[1].onDemand - a[1].loaded - a[1].onDemand)
  const total = bytes.reduce((sum, [, b]) => sum + b.loaded + b.onDemand, 0)
  const readableLoaded = Number(perMode[0]!.split('|')[2])
  build('module', {}, runEnv)
  return [
    `## The module's client code`,
    ``,
    `Per mode: the gzip bytes the module adds to the client of an app with one page (module app − axios app; for the i18n row both apps are built with @nuxtjs/i18n): `
    + `what a browser loads for the page (the entry chunk and its static imports; a browser without Web Locks loads the BroadcastChannel lock on its first refresh), and every chunk built. `
    + `Per file: the minified bytes each source file of the module takes in the readable-mode app's chunks (from hidden source maps), how much of it is in the chunks the page loads (the rest loads on demand), and its share of the ${ownGzip} gzip bytes.`,
    ``,
    `| mode | loaded by the page, gzip bytes | all chunks, gzip bytes |`,
    `|---|---|---|`,
    ...perMode,
    ``,
    `| source file | minified bytes | of which in the chunks the page loads | share | ≈ gzip bytes |`,
    `|---|---|---|---|---|`,
    ...bytes.map(([file, b]) => `| ${file} | ${b.loaded + b.onDemand} | ${b.loaded} | ${((b.loaded + b.onDemand) * 100 / total).toFixed(1)} % | `
      + `${Math.round((b.loaded + b.onDemand) * ownGzip / total)} |`),
    ``,
    shareOfGroups(bytes, readableLoaded),
    ``,
  ].join('\n')
}
