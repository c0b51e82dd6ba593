// Where the module's client code goes: its share of the client bundle per source file, and per mode.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping'

const appDir = (app: string) => fileURLToPath(new URL(`./apps/${app}/`, import.meta.url))
const chunksOf = (app: string) => `${appDir(app)}.output/public/_nuxt`
const chunks = chunksOf('module')

/** Builds a bench app with `env` (and what the rest of the run builds it with); the gzip bytes of its client chunks. */
function build(app: 'module' | 'axios', env: Record<string, string>, runEnv: Record<string, string>): number {
  execFileSync('npx', ['nuxi', 'build', appDir(app)], { stdio: 'ignore', env: { ...process.env, ...runEnv, ...env } })
  return readdirSync(chunksOf(app)).filter(f => f.endsWith('.js')).reduce((sum, f) => sum + gzipSync(readFileSync(`${chunksOf(app)}/${f}`), { level: 9 }).length, 0)
}

/** Minified bytes of the chunks by the module source file their source maps name. */
function bytesBySource(): Record<string, number> {
  const bytes: Record<string, number> = {}
  for (const file of readdirSync(chunks).filter(f => f.endsWith('.js'))) {
    const lines = readFileSync(`${chunks}/${file}`, 'utf8').split('\n')
    const marks: Array<{ line: number, column: number, source: string | null }> = []
    eachMapping(new TraceMap(readFileSync(`${chunks}/${file}.map`, 'utf8')), m => marks.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source }))
    marks.sort((a, b) => a.line - b.line || a.column - b.column)
    marks.forEach((mark, i) => {
      const next = marks[i + 1]
      const end = next?.line === mark.line ? next.column : lines[mark.line - 1]!.length
      const source = mark.source?.match(/src\/runtime\/(.+)$/)?.[1]
      if (source) bytes[source] = (bytes[source] ?? 0) + end - mark.column
    })
  }
  return bytes
}

/** The section; `axiosGzip` is the client of the axios app, the baseline the module's own code is measured against. */
export function clientCodeSection(axiosGzip: number, runEnv: Record<string, string>): string {
  const modes: Record<string, Record<string, string>> = {
    'readable cookies': {},
    'httpOnly': { BENCH_MODE: 'httpOnly' },
    'proxy': { BENCH_MODE: 'proxy' },
    'readable, with @nuxtjs/i18n': { BENCH_I18N: '1' },
  }
  const perMode = Object.entries(modes).map(([name, env]) => {
    const baseline = env.BENCH_I18N ? build('axios', env, runEnv) : axiosGzip
    return `| ${name} | ${build('module', env, runEnv) - baseline} |`
  })
  // Both apps end as the rest of the run built them.
  build('axios', {}, runEnv)
  const ownGzip = build('module', { BENCH_SOURCEMAP: '1' }, runEnv) - axiosGzip
  const bytes = Object.entries(bytesBySource()).sort((a, b) => b[1] - a[1])
  const total = bytes.reduce((sum, [, b]) => sum + b, 0)
  build('module', {}, runEnv)
  return [
    `## The module's client code`,
    ``,
    `Per mode: the gzip bytes the module adds to the client of an app with one page (module app − axios app; for the i18n row both apps are built with @nuxtjs/i18n). `
    + `Per file: the minified bytes each source file of the module takes in the readable-mode app's chunks (from hidden source maps), and its share of the ${ownGzip} gzip bytes.`,
    ``,
    `| mode | gzip bytes |`,
    `|---|---|`,
    ...perMode,
    ``,
    `| source file | minified bytes | share | ≈ gzip bytes |`,
    `|---|---|---|---|`,
    ...bytes.map(([file, b]) => `| ${file} | ${b} | ${(b * 100 / total).toFixed(1)} % | ${Math.round(b * ownGzip / total)} |`),
    ``,
  ].join('\n')
}
