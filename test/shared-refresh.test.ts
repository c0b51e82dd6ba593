import { describe, expect, it } from 'vitest'
import type { RefreshOutcome } from '../src/runtime/core/exchange'
import { openOutcome, sealOutcome } from '../src/runtime/core/sealed-outcome'
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

describe('an outcome sealed for other instances', () => {
  const outcome: RefreshOutcome = { kind: 'ok', tokens: { accessToken: 'eyJ.access.token', refreshToken: 'eyJ.next.refresh' } }

  it('opens with the spent refresh token only, and holds neither token in clear', async () => {
    const sealed = await sealOutcome(outcome, 'spent-refresh')
    expect(sealed).not.toContain('eyJ')
    expect(await openOutcome(sealed, 'spent-refresh')).toEqual(outcome)
    expect(await openOutcome(sealed, 'another-refresh')).toBeUndefined()
  })

  it('refuses a sealed value that was changed, and garbage', async () => {
    const sealed = await sealOutcome(outcome, 'spent-refresh')
    const [iv, data] = sealed.split('.')
    const flipped = `${iv}.${data!.slice(0, -3)}${data!.at(-3) === 'A' ? 'B' : 'A'}${data!.slice(-2)}`
    for (const value of [flipped, '', 'x', 'a.b', '..', `${iv}.`]) expect(await openOutcome(value, 'spent-refresh')).toBeUndefined()
  })
})
