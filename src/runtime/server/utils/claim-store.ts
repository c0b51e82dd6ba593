import type { Storage } from 'unstorage'
import type { ClaimStore } from '../../core/instance-share'

/** What the module needs of the Redis client behind unstorage's `redis` driver (ioredis). */
interface RedisClient {
  set: (key: string, value: string, ...options: Array<string | number>) => Promise<string | null>
  get: (key: string) => Promise<string | null>
  del: (key: string) => Promise<number>
}

const isRedisClient = (client: unknown): client is RedisClient =>
  typeof client === 'object' && client !== null && ['set', 'get', 'del'].every(name => typeof (client as Record<string, unknown>)[name] === 'function')

/**
 * The claim store on a Nitro storage mount. Only a driver with an atomic "set if absent" will do: unstorage's `redis`
 * driver, whose client is reached through `getInstance()`; others (fs, memory, lru-cache, kv stores) could hand one
 * refresh token to two instances.
 */
export function redisClaimStore(storage: Storage, mount: string): ClaimStore {
  const { driver } = storage.getMount(`${mount}:`)
  const client = (driver as { getInstance?: () => unknown }).getInstance?.()
  if (!isRedisClient(client)) {
    throw new Error(`[nuxt-axios-jwt] \`axiosJwt.sharedRefresh.storage\` names the storage mount "${mount}" (driver: ${driver.name ?? 'unknown'}), which has no atomic claim. Mount it with unstorage's \`redis\` driver in \`nitro.storage\`.`)
  }
  const base = String((driver as { options?: { base?: string } }).options?.base ?? '').replace(/:$/, '')
  const at = (key: string) => `${base ? `${base}:` : ''}axios-jwt:${key}`
  return {
    claim: async (key, value, ttlMs) => await client.set(at(key), value, 'PX', ttlMs, 'NX') === 'OK',
    get: key => client.get(at(key)),
    set: async (key, value, ttlMs) => {
      await client.set(at(key), value, 'PX', ttlMs)
    },
    remove: async (key) => {
      await client.del(at(key))
    },
  }
}
