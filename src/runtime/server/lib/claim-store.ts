import type { Storage } from 'unstorage'
import type { ClaimStore } from '../../core/server-only/instance-share'

/** What the module needs of the Redis client behind unstorage's `redis` driver (ioredis). */
interface RedisClient {
  eval: (script: string, keys: number, ...args: Array<string | number>) => Promise<unknown>
  del: (...keys: string[]) => Promise<number>
}

const isRedisClient = (client: unknown): client is RedisClient =>
  typeof client === 'object' && client !== null && ['eval', 'del'].every(name => typeof (client as Record<string, unknown>)[name] === 'function')

/** The published outcome if there is one, else the claim when it is free: `{ outcome }`, `'claimed'` or `'held'`. */
const CLAIM_OR_READ = `local outcome = redis.call('GET', KEYS[2])
if outcome then return {'outcome', outcome} end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return {'claimed'} end
return {'held'}`

/** Leaves the outcome (when there is one to keep) and frees the claim. */
const PUBLISH = `if ARGV[1] ~= '' then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
redis.call('DEL', KEYS[1])
return 1`

/**
 * The claim store on a Nitro storage mount. Only a driver with an atomic "set if absent" will do: unstorage's `redis`
 * driver, whose client is reached through `getInstance()`; others (fs, memory, lru-cache, kv stores) could hand one
 * refresh token to two instances. Each step is one round trip (a script run atomically by Redis).
 */
export function redisClaimStore(storage: Storage, mount: string): ClaimStore {
  const { driver } = storage.getMount(`${mount}:`)
  const client = (driver as { getInstance?: () => unknown }).getInstance?.()
  if (!isRedisClient(client)) {
    throw new Error(`[nuxt-axios-jwt] \`axiosJwt.server.sharedRefresh\` names the storage mount "${mount}" (driver: ${driver.name ?? 'unknown'}), which has no atomic claim. Mount it with unstorage's \`redis\` driver in \`nitro.storage\`.`)
  }
  const base = String((driver as { options?: { base?: string } }).options?.base ?? '').replace(/:$/, '')
  const at = (key: string) => `${base ? `${base}:` : ''}axios-jwt:${key}`
  return {
    claimOrRead: async (key, claimant, ttlMs) => {
      const [kind, outcome] = await client.eval(CLAIM_OR_READ, 2, at(`claim:${key}`), at(`outcome:${key}`), claimant, ttlMs) as [string, string?]
      return kind === 'outcome' ? { outcome: outcome! } : kind as 'claimed' | 'held'
    },
    publish: async (key, outcome, ttlMs) => {
      await client.eval(PUBLISH, 2, at(`claim:${key}`), at(`outcome:${key}`), outcome ?? '', ttlMs)
    },
    clear: async (key) => {
      await client.del(at(`outcome:${key}`), at(`claim:${key}`))
    },
  }
}
