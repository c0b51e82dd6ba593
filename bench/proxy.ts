// Proxy mode's price: API calls through the app's signing proxy against the browser calling the API directly.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TestApi } from '../test/utils/test-api'
import { startApp } from './ssr'
import { median } from './stats'

/** Requests/s and latencies (ms) that `connections` loops get from `url` in `seconds`. */
async function measure(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  const latencies: number[] = []
  const until = performance.now() + seconds * 1000
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const started = performance.now()
      const response = await fetch(url, { headers })
      await response.arrayBuffer()
      if (response.ok) latencies.push(performance.now() - started)
    }
  }))
  latencies.sort((a, b) => a - b)
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? Number.NaN
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) }
}

export async function proxySection(api: TestApi, quick: boolean): Promise<string> {
  const options = { rounds: quick ? 1 : 3, seconds: quick ? 1 : 5, connections: 16 }
  execFileSync('npx', ['nuxi', 'build', fileURLToPath(new URL('./apps/module-proxy/', import.meta.url))], { stdio: 'ignore' })
  const app = await startApp('module-proxy', () => ({ NUXT_AXIOS_JWT_SERVER_BASE_URL: api.url }))
  const { accessToken, refreshToken } = await api.login()
  const targets = {
    'the browser calls the API directly (another origin)': { url: `${api.url}/items`, headers: { authorization: `Bearer ${accessToken}` } },
    'through the proxy route (`proxy.path`)': { url: `${app.url}api/items`, headers: { 'cookie': `access_token=${accessToken}; refresh_token=${refreshToken}`, 'sec-fetch-site': 'same-origin' } },
  }
  const results: Record<string, Array<Awaited<ReturnType<typeof measure>>>> = {}
  try {
    for (const { url, headers } of Object.values(targets)) await measure(url, headers, 1, options.connections)
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 ? Object.entries(targets).reverse() : Object.entries(targets)
      for (const [name, { url, headers }] of order) (results[name] ??= []).push(await measure(url, headers, options.seconds, options.connections))
    }
  }
  finally {
    app.stop()
  }
  const rows = Object.entries(results).map(([name, runs]) =>
    `| ${name} | ${median(runs.map(r => r.rps)).toFixed(0)} | ${median(runs.map(r => r.p50)).toFixed(2)} | ${median(runs.map(r => r.p99)).toFixed(2)} |`)
  const [direct, proxied] = Object.values(results).map(runs => median(runs.map(r => r.rps)))
  return [
    `## Proxy mode`,
    ``,
    `GET /items with a valid token, ${options.connections} connections, ${options.rounds} round${options.rounds > 1 ? 's' : ''} of ${options.seconds} s, interleaved: `
    + `the API called directly with the \`Authorization\` header, and through the app's proxy route with the cookies.`,
    ``,
    `| path | requests/s | p50 ms | p99 ms |`,
    `|---|---|---|---|`,
    ...rows,
    ``,
    `Through the proxy: ${(proxied! / direct!).toFixed(2)}× the requests/s of the direct call (one more hop, in Node).`,
    ``,
  ].join('\n')
}
