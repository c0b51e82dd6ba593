// What reading and writing browser cookies costs in client JavaScript, for each library that could do it.
import { build } from 'esbuild'
import { brotliCompressSync, gzipSync } from 'node:zlib'

/** Entry points that use each library the way the module's browser cookie jar would: parse and write a cookie. */
const entries = {
  'cookie-es (what the module uses, as Nuxt\'s `useCookie` does)': `import { parse, serialize } from 'cookie-es'
    document.cookie = serialize('a', parse(document.cookie).a ?? '', { path: '/' })`,
  'universal-cookie': `import Cookies from 'universal-cookie'
    const cookies = new Cookies(); cookies.set('a', cookies.get('a') ?? '', { path: '/' })`,
  '@vueuse/integrations `useCookies` (universal-cookie inside)': `import { useCookies } from '@vueuse/integrations/useCookies'
    const cookies = useCookies(); cookies.set('a', cookies.get('a') ?? '', { path: '/' })`,
}

async function size(source: string) {
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    // Vue is in every Nuxt app already.
    external: ['vue'],
    write: false,
    logLevel: 'silent',
  })
  const code = Buffer.from(result.outputFiles[0]!.contents)
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, brotli: brotliCompressSync(code).length }
}

export async function cookieLibrariesSection(): Promise<string> {
  const rows: string[] = []
  for (const [name, source] of Object.entries(entries)) {
    const { raw, gzip, brotli } = await size(source)
    rows.push(`| ${name} | ${raw} | ${gzip} | ${brotli} |`)
  }
  return [
    `## Browser cookie libraries`,
    '',
    `Client JavaScript of a browser bundle that reads a cookie and writes one with each library (esbuild, minified, Vue `
    + `external as in a Nuxt app). The module reads \`document.cookie\` with cookie-es on every request, since another `
    + `tab may have rotated the pair.`,
    '',
    '| library | raw bytes | gzip bytes | brotli bytes |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n')
}
