import { describe, expect, it } from 'vitest'
import type { RefreshOutcome } from '../src/runtime/core/exchange'
import { forgetServerRefresh, shareServerRefresh } from '../src/runtime/core/shared-refresh'
import { sleep } from './utils/time'

/** An exchange that counts its calls and answers after `ms`. */
function countingExchange(ms = 50) {
  const counter = { calls: 0 }
  const exchange = async (): Promise<RefreshOutcome> => {
    counter.calls++
    await sleep(ms)
    return { kind: 'ok', tokens: { accessToken: `a${counter.calls}`, refreshToken: `r${counter.calls}` } }
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
