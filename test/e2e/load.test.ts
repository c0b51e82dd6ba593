import { writeSync } from 'node:fs'
import { fetch } from '@nuxt/test-utils/e2e'
import { jwtDecode } from 'jwt-decode'
import { describe, expect, it } from 'vitest'
import { cookieHeader } from '../utils/test-api'
import { sleep } from '../utils/time'
import { fixtureWithApi } from '../utils/fixture'

const api = await fixtureWithApi({ browser: false })

const USERS = [['alice', 'Alice'], ['bob', 'Bob'], ['carol', 'Carol'], ['dave', 'Dave'], ['erin', 'Erin']] as const

const shown = (html: string, id: string) => html.match(new RegExp(`data-testid="${id}"[^>]*>\\s*([^<]*?)\\s*<`))?.[1]

function cookieValue(setCookies: string[], name: string) {
  return setCookies.find(c => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1)
}

/** The rotated pair a response sets, as one comparable string. */
const pairOf = (setCookies: string[]) => `${cookieValue(setCookies, 'access_token')}|${cookieValue(setCookies, 'refresh_token')}`

async function render(cookie: string) {
  const response = await fetch('/protected', { headers: { cookie }, redirect: 'manual' })
  return { status: response.status, html: await response.text(), setCookies: response.headers.getSetCookie() }
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const index = next++
      results[index] = await tasks[index]!()
    }
  }))
  return results
}

describe('SSR under load', () => {
  it('renders 300 pages, 30 at a time, for 5 users, half refreshing on the server, without mixing users', async () => {
    const TOTAL = 300
    const CONCURRENCY = 30
    const valid = await Promise.all(USERS.map(([username]) => api.login(username)))
    // Every expired render gets its own session: a rotated refresh token can be spent once only.
    const plans = await Promise.all(Array.from({ length: TOTAL }, async (_, i) => {
      const user = i % USERS.length
      const expired = i % 2 === 1
      const tokens = expired ? await api.login(USERS[user]![0], 1) : valid[user]!
      return { user, expired, tokens }
    }))
    await sleep(1100)

    const started = performance.now()
    const results = await pool(plans.map(plan => async () => ({
      plan,
      ...await render(cookieHeader(plan.tokens)),
    })), CONCURRENCY)
    const seconds = (performance.now() - started) / 1000

    let mixes = 0
    let refreshedOnServer = 0
    for (const { plan, status, html, setCookies } of results) {
      const name = USERS[plan.user]![1]
      expect(status).toBe(200)
      if (shown(html, 'user') !== name || shown(html, 'items') !== `Keys:${name}`) mixes++
      const access = cookieValue(setCookies, 'access_token')
      const refresh = cookieValue(setCookies, 'refresh_token')
      if (plan.expired) {
        refreshedOnServer++
        expect(access).toBeTruthy()
        if (jwtDecode<{ name: string }>(access!).name !== name || jwtDecode<{ sub: string }>(refresh!).sub !== String(plan.user + 1)) mixes++
        // Nothing of the pair reaches the payload.
        if (html.includes(refresh!) || html.includes(access!)) mixes++
      }
      else {
        expect(setCookies).toEqual([])
      }
    }
    // Nuxt's build wraps the console at a low log level; write the figures straight to stdout.
    writeSync(1, `\nSSR load: ${TOTAL} renders, ${CONCURRENCY} concurrent, ${USERS.length} users, ${refreshedOnServer} refreshed on the server; `
    + `${api.calls.refresh} refresh calls, ${api.stats().reused} reused tokens, ${mixes} mixes; ${(TOTAL / seconds).toFixed(0)} renders/s\n`)
    expect(mixes).toBe(0)
    expect(api.calls.refresh).toBe(TOTAL / 2)
    expect(api.stats().reused).toBe(0)
  }, 120_000)

  it('shares one refresh among concurrent renders carrying the same expired refresh token', async () => {
    const cookie = cookieHeader(await api.loginExpired('bob'))
    const results = await Promise.all(Array.from({ length: 10 }, () => render(cookie)))
    expect(results.map(r => r.status)).toEqual(Array.from({ length: 10 }, () => 200))
    expect(results.every(r => shown(r.html, 'user') === 'Bob')).toBe(true)
    expect(api.calls.refresh).toBe(1)
    expect(api.stats().reused).toBe(0)
    const pairs = new Set(results.map(r => pairOf(r.setCookies)))
    expect(pairs.size).toBe(1)
    // A render arriving just after, still with the spent token, gets the same pair instead of tripping reuse detection.
    const late = await render(cookie)
    expect(late.status).toBe(200)
    expect(api.calls.refresh).toBe(1)
    expect(pairs.has(pairOf(late.setCookies))).toBe(true)
  })

  it('does not share a transient failure past the request that met it', async () => {
    const cookie = cookieHeader(await api.loginExpired('carol'))
    api.refreshFault = { status: 503 }
    const failed = await render(cookie)
    expect(failed.status).toBe(200)
    expect(failed.setCookies).toEqual([])
    const attempts = api.calls.refresh
    api.refreshFault = undefined
    const next = await render(cookie)
    expect(shown(next.html, 'items')).toBe('Keys:Carol')
    expect(cookieValue(next.setCookies, 'refresh_token')).toBeTruthy()
    expect(api.calls.refresh).toBe(attempts + 1)
  })
})
