import { existsSync } from 'node:fs'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RefreshOutcome } from '../../src/runtime/core/client/exchange'
import { shareAcrossInstances, type ClaimStore } from '../../src/runtime/core/server-only/instance-share'
import type { RefreshTurn } from '../../src/runtime/core/client/refresher'
import { openOutcome, sealOutcome } from '../../src/runtime/core/server-only/sealed-outcome'
import { forgetServerRefresh, refreshKey, shareServerRefresh } from '../../src/runtime/core/server-only/shared-refresh'
import { redisClaimStore } from '../../src/runtime/server/lib/claim-store'
import { redisServer, redisServerPath, type RedisServer } from '../utils/redis'
import { sleep } from '../utils/time'

/** A refresh turn whose exchange counts its calls and answers after `ms`; server shares neither store nor look. */
function countingExchange(ms = 50) {
  const counter = { calls: 0 }
  const exchange: RefreshTurn = {
    exchange: async (): Promise<RefreshOutcome> => {
      counter.calls++
      await sleep(ms)
      return { kind: 'ok', tokens: { accessToken: `a${counter.calls}`, refreshToken: `r${counter.calls}` } }
    },
    rotated: () => undefined,
    commit: async () => {},
  }
  return { counter, exchange }
}

describe('server renders sharing one exchange', () => {
  it('shares an exchange with renders that arrive while it runs', async () => {
    const { counter, exchange } = countingExchange()
    const token = `spent-${Math.random()}`
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => shareServerRefresh(token, exchange)))
    expect(counter.calls).toBe(1)
    expect(new Set(outcomes.map(o => o.kind === 'ok' && o.tokens.accessToken))).toEqual(new Set(['a1']))
  })

  it('hands a spent token the new pair for a short grace only; later the backend sees the reuse', async () => {
    const { counter, exchange } = countingExchange(10)
    const token = `spent-${Math.random()}`
    await shareServerRefresh(token, exchange)
    await shareServerRefresh(token, exchange)
    expect(counter.calls).toBe(1)
    await sleep(2500)
    await shareServerRefresh(token, exchange)
    expect(counter.calls).toBe(2)
  })

  it('forgets an exchange at logout', async () => {
    const { counter, exchange } = countingExchange(10)
    const token = `spent-${Math.random()}`
    await shareServerRefresh(token, exchange)
    await forgetServerRefresh(token)
    await shareServerRefresh(token, exchange)
    expect(counter.calls).toBe(2)
  })
})

describe('an outcome sealed for other instances', () => {
  const outcome: RefreshOutcome = { kind: 'ok', tokens: { accessToken: 'eyJ.access.token', refreshToken: 'eyJ.next.refresh' } }
  const later = () => Date.now() + 2000

  it('opens with the spent refresh token only, and holds neither token in clear', async () => {
    const expiresAt = later()
    const sealed = sealOutcome(outcome, 'spent-refresh', expiresAt)
    expect(sealed).not.toContain('eyJ')
    expect(openOutcome(sealed, 'spent-refresh')).toEqual({ outcome, expiresAt })
    expect(openOutcome(sealed, 'another-refresh')).toBeUndefined()
  })

  it('refuses a sealed value that was changed, and garbage', async () => {
    const sealed = sealOutcome(outcome, 'spent-refresh', later())
    const [expires, iv, data] = sealed.split('.')
    const flipped = `${expires}.${iv}.${data!.slice(0, -3)}${data!.at(-3) === 'A' ? 'B' : 'A'}${data!.slice(-2)}`
    for (const value of [flipped, '', 'x', 'a.b', '..', `${expires}.${iv}.`, `${iv}.${data}`]) expect(openOutcome(value, 'spent-refresh')).toBeUndefined()
  })

  it('refuses one past its expiry, and one whose expiry a store writer moved (a replay)', async () => {
    const expiresAt = later()
    const sealed = sealOutcome(outcome, 'spent-refresh', expiresAt)
    expect(openOutcome(sealed, 'spent-refresh', expiresAt)).toBeUndefined()
    const [, iv, data] = sealed.split('.')
    expect(openOutcome(`${expiresAt + 60_000}.${iv}.${data}`, 'spent-refresh', expiresAt)).toBeUndefined()
  })
})

describe.runIf(existsSync(redisServerPath))('instances sharing through a real redis-server', () => {
  let redis: RedisServer
  let storage: Storage
  beforeAll(async () => {
    redis = await redisServer()
    storage = createStorage()
    storage.mount('share', redisDriver({ url: redis.url }))
  })
  afterAll(async () => {
    await storage?.dispose()
    await redis?.stop()
  })

  const store = () => redisClaimStore(storage, 'share')
  /** The same Redis behind a slow link: every call waits `ms` before it is sent. */
  const slowStore = (ms: number): ClaimStore => {
    const real = store()
    const late = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A) => {
      await sleep(ms)
      return call(...args)
    }
    return { claimOrRead: late(real.claimOrRead), publish: late(real.publish), clear: late(real.clear) }
  }

  it('hold the claim for the whole exchange: a newcomer waits for a slow holder instead of exchanging again', async () => {
    const { counter, exchange } = countingExchange(550)
    const token = `spent-${Math.random()}`
    const options = { exchangeMs: 600, storeTimeoutMs: 2000 }
    const holder = shareAcrossInstances(slowStore(1500), options).share(token, exchange)
    // The holder claims at about 1.5 s and publishes at about 3.6 s; a claim of `exchangeMs` and a second would be gone at 3.1 s.
    await sleep(3200)
    const newcomer = await shareAcrossInstances(store(), options).share(token, exchange)
    expect(newcomer).toEqual(await holder)
    expect(counter.calls).toBe(1)
  })

  it('keep an outcome read from the store only until it expires', async () => {
    const { counter, exchange } = countingExchange(10)
    const token = `spent-${Math.random()}`
    const options = { exchangeMs: 1000 }
    await shareAcrossInstances(store(), options).share(token, exchange)
    await sleep(1500)
    const late = shareAcrossInstances(store(), options)
    await late.share(token, exchange)
    expect(counter.calls).toBe(1)
    // Past the outcome's expiry (2 s after the exchange), the late reader asks the backend.
    await sleep(800)
    await late.share(token, exchange)
    expect(counter.calls).toBe(2)
  })

  it('hand the holder its outcome without waiting for the publication, and forget at logout after it lands', async () => {
    const { counter, exchange } = countingExchange(10)
    const token = `spent-${Math.random()}`
    const options = { exchangeMs: 1000, storeTimeoutMs: 2000 }
    // Publications take 300 ms to land; the other calls go at once.
    const real = store()
    let landed = 0
    const slowPublish: ClaimStore = { ...real, publish: async (...args) => {
      await sleep(300)
      await real.publish(...args)
      landed++
    } }
    const holder = shareAcrossInstances(slowPublish, options)
    expect(await holder.share(token, exchange)).toMatchObject({ kind: 'ok' })
    expect(landed).toBe(0)
    // A logout right then: the clear goes after the publication, which would otherwise hand the pair out again.
    await holder.forget(token)
    expect(landed).toBe(1)
    const key = await refreshKey(token)
    expect((await storage.getKeys('share')).filter(stored => stored.includes(key))).toEqual([])
    await shareAcrossInstances(store(), options).share(token, exchange)
    expect(counter.calls).toBe(2)
  })

  it('forget at logout on every instance: the store hands the logged-out pair to no one', async () => {
    const { counter, exchange } = countingExchange(10)
    const token = `spent-${Math.random()}`
    const options = { exchangeMs: 1000 }
    await shareAcrossInstances(store(), options).share(token, exchange)
    const key = await refreshKey(token)
    expect((await storage.getKeys('share')).filter(stored => stored.includes(key))).toHaveLength(1)
    await shareAcrossInstances(store(), options).forget(token)
    expect((await storage.getKeys('share')).filter(stored => stored.includes(key))).toEqual([])
    await shareAcrossInstances(store(), options).share(token, exchange)
    expect(counter.calls).toBe(2)
  })
})
