// The latency a refresh shared across instances through Redis adds to a per-instance one, in the same run.
import axios from 'axios'
import { createStorage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { createExchange } from '../src/runtime/core/exchange'
import { shareAcrossInstances } from '../src/runtime/core/instance-share'
import { shareServerRefresh } from '../src/runtime/core/shared-refresh'
import { redisClaimStore } from '../src/runtime/server/utils/claim-store'
import { defaultClientOptions } from '../test/utils/client-options'
import { redisServer, redisServerPath } from '../test/utils/redis'
import type { TestApi } from '../test/utils/test-api'
import { existsSync } from 'node:fs'
import { median, summary } from './stats'

export async function instanceShareSection(api: TestApi, quick: boolean): Promise<string> {
  const title = `## Refresh shared across instances (Redis)`
  if (!existsSync(redisServerPath)) return `${title}\n\nSkipped: no redis-server at ${redisServerPath}.\n`
  const redis = await redisServer()
  const storage = createStorage()
  storage.mount('bench', redisDriver({ url: redis.url }))
  try {
    const exchange = createExchange({ options: defaultClientOptions, api: axios.create({ baseURL: api.url }) })
    const shares = {
      'per instance': shareServerRefresh,
      'across instances (Redis)': shareAcrossInstances(redisClaimStore(storage, 'bench'), { exchangeMs: 10_000 }).share,
    }
    const refreshes = quick ? 20 : 200
    const rounds = quick ? 1 : 5
    const times: Record<string, number[]> = {}
    for (let round = 0; round <= rounds; round++) {
      for (const [name, share] of Object.entries(shares)) {
        const sessions = await Promise.all(Array.from({ length: refreshes }, () => api.login()))
        const started = performance.now()
        for (const { refreshToken } of sessions) await share(refreshToken, { exchange: () => exchange(refreshToken), rotated: () => undefined, commit: async () => {} })
        // Round 0 warms up (the Redis connection, the JIT) and is not counted.
        if (round > 0) (times[name] ??= []).push((performance.now() - started) / refreshes)
      }
    }
    const base = median(times['per instance']!)
    const shared = median(times['across instances (Redis)']!)
    return [
      title,
      '',
      `One refresh at a time against the test API, ${refreshes} a round, ${rounds} interleaved rounds; Redis is Debian's `
      + `redis-server on loopback. Across instances adds a claim, a check for a published outcome and the sealed outcome `
      + `(HKDF + AES-GCM) to each exchange.`,
      '',
      '| sharing | ms per refresh | ratio |',
      '|---|---|---|',
      `| per instance | ${summary(times['per instance']!, 2)} | 1.00 |`,
      `| across instances (Redis) | ${summary(times['across instances (Redis)']!, 2)} | ${(shared / base).toFixed(2)} |`,
      '',
      `A shared refresh costs ${(shared - base).toFixed(2)} ms more than a per-instance one.`,
      '',
    ].join('\n')
  }
  finally {
    await storage.dispose()
    await redis.stop()
  }
}
