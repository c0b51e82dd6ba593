// Several server instances of one build, sharing each refresh through a real Redis (Debian's redis-server).
import { execFileSync, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { freePort, redisServer, type RedisServer } from '../utils/redis'
import { cookieHeader, startTestApi, type TestApi } from '../utils/test-api'
import { sleep } from '../utils/time'

const fixture = fileURLToPath(new URL('../fixtures/instances', import.meta.url))

interface Instance {
  url: string
  logs: string[]
  stop: () => void
}

/** One server process of the built fixture on its own port, as a load balancer would see it. */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort()
  const logs: string[] = []
  const child = spawn('node', [`${fixture}/.output/server/index.mjs`], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' } })
  child.stdout.on('data', chunk => logs.push(String(chunk)))
  child.stderr.on('data', chunk => logs.push(String(chunk)))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/public`).then(r => r.ok, () => false)) return { url, logs, stop: () => child.kill() }
    await sleep(100)
  }
  child.kill()
  throw new Error(`an instance did not start: ${logs.join('')}`)
}

let redis: RedisServer
let api: TestApi
const instances: Instance[] = []

/** Two instances of the build; `shared: false` turns the option off at run time. */
async function pair(shared: boolean): Promise<[Instance, Instance]> {
  const env = { NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url, ...(!shared && { NUXT_AXIOS_JWT_SERVER_SHARED_REFRESH: '' }) }
  const started = await Promise.all([startInstance(env), startInstance(env)])
  instances.push(...started)
  return started
}

/** `count` concurrent renders of `/protected` with one pair, sent alternately to the two instances. */
function renders(targets: [Instance, Instance], tokens: { accessToken: string, refreshToken: string }, count = 10) {
  return Promise.all(Array.from({ length: count }, (_, i) =>
    fetch(`${targets[i % 2]!.url}/protected`, { headers: { cookie: cookieHeader(tokens) }, redirect: 'manual' })
      .then(async response => ({ status: response.status, html: await response.text() }))))
}

beforeAll(async () => {
  redis = await redisServer()
  api = await startTestApi()
  execFileSync('npx', ['nuxi', 'build', fixture], { env: { ...process.env, TEST_REDIS_URL: redis.url }, stdio: 'ignore' })
})
afterAll(async () => {
  for (const instance of instances) instance.stop()
  await api?.close()
  await redis?.stop()
})
beforeEach(() => api.reset())

describe('several server instances', () => {
  let shared: [Instance, Instance]
  beforeAll(async () => {
    shared = await pair(true)
  })

  it('make one refresh call for 10 concurrent renders of one expired pair split across two instances', async () => {
    const tokens = await api.loginExpired()
    const results = await renders(shared, tokens)
    expect(results.map(r => r.status)).toEqual(Array(10).fill(200))
    expect(results.every(r => r.html.includes('Keys:Alice'))).toBe(true)
    expect(api.calls.refresh).toBe(1)
    expect(api.stats().reused).toBe(0)
  })

  it('make one refresh call when the exchange takes most of refresh.timeout (10 s): the claim outlives it', async () => {
    const tokens = await api.loginExpired()
    api.refreshFault = { trickle: { everyMs: 200, forMs: 8500 } }
    const first = renders(shared, tokens, 4)
    // Newcomers on both instances while the exchange runs.
    await sleep(6000)
    const results = [...await first, ...await renders(shared, tokens, 4)]
    expect(results.map(r => r.status)).toEqual(Array(8).fill(200))
    expect(results.every(r => r.html.includes('Keys:Alice'))).toBe(true)
    expect(api.calls.refresh).toBe(1)
  }, 30_000)

  it('keep no token in clear in the store', async () => {
    const tokens = await api.loginExpired()
    await renders(shared, tokens, 4)
    expect(api.calls.refresh).toBe(1)
    // The sealed outcome stays for a grace of 2 s: read it at once.
    const keys = execFileSync('redis-cli', ['-p', String(redis.port), '--scan'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean)
    expect(keys.some(key => key.includes('axios-jwt:outcome:'))).toBe(true)
    const values = keys.map(key => execFileSync('redis-cli', ['-p', String(redis.port), 'GET', key], { encoding: 'utf8' })).join('\n')
    for (const secret of [tokens.refreshToken, tokens.accessToken]) {
      expect(keys.join('\n')).not.toContain(secret)
      expect(values).not.toContain(secret)
    }
    expect(values).not.toMatch(/eyJ/)
  })

  it('without the option, the instances each refresh and the backend sees the reuse', async () => {
    const alone = await pair(false)
    const tokens = await api.loginExpired()
    const results = await renders(alone, tokens)
    // Both exchange the pair; the second is a reuse, which revokes the session (its later calls are refused too).
    expect(api.calls.refresh).toBeGreaterThanOrEqual(2)
    expect(api.stats().reused).toBe(1)
    expect(results.some(r => r.status === 302 || !r.html.includes('Keys:Alice'))).toBe(true)
  })

  it('render signed-in pages with Redis stopped, and warn', async () => {
    await redis.stop()
    try {
      // One session per instance: without the store, two instances with one pair would each exchange it.
      const [alice, bob] = [await api.loginExpired(), await api.loginExpired('bob')]
      const [first, second] = await Promise.all([renders([shared[0], shared[0]], alice, 2), renders([shared[1], shared[1]], bob, 2)])
      expect([...first, ...second].map(r => r.status)).toEqual([200, 200, 200, 200])
      expect(first.every(r => r.html.includes('Keys:Alice'))).toBe(true)
      expect(second.every(r => r.html.includes('Keys:Bob'))).toBe(true)
      expect(api.calls.refresh).toBe(2)
      expect(shared.flatMap(instance => instance.logs).join('')).toMatch(/shared refresh store "axios-jwt-refresh" failed/)
    }
    finally {
      await redis.start()
    }
  })
})
