// The latency a refresh shared across instances through Redis adds to a per-instance one, in the same run.
import axios from 'axios'
import { createStorage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { createExchange } from '../src/runtime/core/client/exchange'
import { shareAcrossInstances } from '../src/runtime/core/server-only/instance-share'
import { shareServerRefresh } from '../src/runtime/core/server-only/shared-refresh'
import { sealOutcome } from '../src/runtime/core/server-only/sealed-outcome'
import { redisClaimStore } from '../src/runtime/server/lib/claim-store'
import { defaultClientOptions } from '../test/utils/client-options'
import { redisServer, redisServerPath } from '../test/utils/redis'
import type { TestApi } from '../test/utils/test-api'
import { existsSync } from 'node:fs'
import { median, summary } from './stats'

const PING = 'one round trip to Redis alone (`PING`), no refresh'
const CLAIM = 'the claim script\'s round trip alone (a free claim taken), no refresh'
const SEAL = 'sealing an outcome alone (HKDF + AES-GCM), no store'

export async function instanceShareSection(api: TestApi, quick: boolean): Promise<string> {
  const title = `## Refresh shared across instances (Redis)`
  if (!existsSync(redisServerPath)) return `${title}\n\nSkipped: no redis-server at ${redisServerPath}.\n`
  const redis = await redisServer()
  const storage = createStorage()
  storage.mount('bench', redisDriver({ url: redis.url }))
  try {
    const exchange = createExchange({ options: defaultClientOptions, api: axios.create({ baseURL: api.url }) })
    const turn = (refreshToken: string) => ({ exchange: () => exchange(refreshToken), rotated: () => undefined, commit: async () => {} })
    const [first, second] = [0, 1].map(() => shareAcrossInstances(redisClaimStore(storage, 'bench'), { exchangeMs: 10_000 }).share)
    const shares: Record<string, (refreshToken: string) => Promise<unknown>> = {
      'per instance': refreshToken => shareServerRefresh(refreshToken, turn(refreshToken)),
      'across instances (Redis)': refreshToken => first!(refreshToken, turn(refreshToken)),
      'across instances, another instance waiting for the outcome': refreshToken =>
        Promise.all([first!(refreshToken, turn(refreshToken)), second!(refreshToken, turn(refreshToken))]),
    }
    // What sharing adds, part by part: a bare round trip, the claim script's, and the seal of the outcome.
    const client = (storage.getMount('bench:').driver as { getInstance?: () => { ping: () => Promise<unknown> } }).getInstance!()
    const claims = redisClaimStore(storage, 'bench')
    const outcome = { kind: 'ok' as const, tokens: { accessToken: 'a'.repeat(400), refreshToken: 'r'.repeat(400) } }
    shares[PING] = () => client.ping()
    shares[CLAIM] = refreshToken => claims.claimOrRead(`bench-${refreshToken.slice(-24)}`, 'bench', 10_000)
    shares[SEAL] = async refreshToken => sealOutcome(outcome, refreshToken, Date.now() + 2000)
    const refreshes = quick ? 20 : 200
    const rounds = quick ? 1 : 5
    const times: Record<string, number[]> = {}
    for (let round = 0; round <= rounds; round++) {
      for (const [name, share] of Object.entries(shares)) {
        const sessions = await Promise.all(Array.from({ length: refreshes }, () => api.login()))
        const started = performance.now()
        for (const { refreshToken } of sessions) await share(refreshToken)
        // Round 0 warms up (the Redis connection, the JIT) and is not counted.
        if (round > 0) (times[name] ??= []).push((performance.now() - started) / refreshes)
      }
    }
    const base = median(times['per instance']!)
    const shared = median(times['across instances (Redis)']!)
    const [roundTrip, claim, seal] = [PING, CLAIM, SEAL].map(name => median(times[name]!)) as [number, number, number]
    return [
      title,
      '',
      `One refresh at a time against the test API, ${refreshes} a round, ${rounds} interleaved rounds; Redis is Debian's `
      + `redis-server on loopback. Across instances adds one round trip before the exchange (a script that reads a `
      + `published outcome or takes the claim) and one after it (a script that leaves the sealed outcome, HKDF + AES-GCM, `
      + `and frees the claim), which the holder does not wait for: it hands its callers the outcome at once. A waiting `
      + `instance polls the first round trip until the outcome is there.`,
      '',
      '| sharing | ms per refresh | ratio |',
      '|---|---|---|',
      ...Object.keys(shares).map(name => `| ${name} | ${summary(times[name]!, 2)} | ${(median(times[name]!) / base).toFixed(2)} |`),
      '',
      `A shared refresh costs ${(shared - base).toFixed(2)} ms more than a per-instance one. No sharing can cost less than `
      + `one round trip to the store before the exchange (another instance may hold the claim or have left the outcome): `
      + `${roundTrip.toFixed(2)} ms for a bare one here, ${claim.toFixed(2)} ms for the claim script's, which bounds the ratio at `
      + `${((base + claim) / base).toFixed(2)} against a refresh of ${base.toFixed(2)} ms (a slower API makes both smaller). `
      + `Sealing the outcome takes ${seal.toFixed(2)} ms; the rest is the publication's round trip, which the holder does not `
      + `wait for but the next refresh on the same connection queues behind, and the scheduling of the promises between them.`,
      '',
    ].join('\n')
  }
  finally {
    await storage.dispose()
    await redis.stop()
  }
}
