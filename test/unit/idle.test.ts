import { describe, expect, it } from 'vitest'
import type { CookiePolicyOptions } from '../../src/runtime/core/cookies/cookie-policy'
import { cookiesOfPair } from '../../src/runtime/core/cookies/cookie-writes'
import { ACTIVITY_CLOCK_SKEW_MS, idleRule } from '../../src/runtime/core/cookies/idle'
import { activitySealCookie, sealedActivity, sealsActivity, trustedActivity } from '../../src/runtime/server/idle/activity-seal'
import { clientOptions } from '../utils/client-options'

const options = (idleTimeout: number) => ({
  ...clientOptions(),
  mode: 'readable' as const,
  cookie: { path: '/', sameSite: 'lax' as const, secure: false, domain: '' },
  session: { idleTimeout, warnBefore: 0 },
})
const now = 1_800_000_000_000
const activity = (value: string | undefined) => ({ refresh_token_activity: value })

describe('the idle rule (idleRule)', () => {
  const rule = idleRule(options(60))

  it('ends the session a timeout after the last activity', () => {
    expect(rule.deadline(activity(String(now - 10_000)), now)).toBe(now + 50_000)
    expect(rule.isIdle(activity(String(now - 59_999)), now)).toBe(false)
    expect(rule.isIdle(activity(String(now - 60_000)), now)).toBe(true)
  })

  it('counts a session without activity it can read as idle: missing, empty, garbled, not a whole time, far ahead', () => {
    for (const value of [undefined, '', 'garbage', '1e13', '12.5', '-5', '0', String(now + ACTIVITY_CLOCK_SKEW_MS + 1), '9'.repeat(30)]) {
      expect(rule.deadline(activity(value), now), String(value)).toBe(0)
      expect(rule.isIdle(activity(value), now), String(value)).toBe(true)
    }
  })

  it('takes a time a little ahead (another clock) as now, so it cannot push the deadline out', () => {
    expect(rule.deadline(activity(String(now + ACTIVITY_CLOCK_SKEW_MS)), now)).toBe(now + 60_000)
  })

  it('is off without a timeout', () => {
    expect(idleRule(options(0)).deadline(activity(undefined), now)).toBeUndefined()
    expect(idleRule(options(0)).isIdle(activity(undefined), now)).toBe(false)
  })

  it('writes an activity cookie that outlives a browser restart, a little longer than the timeout', () => {
    expect(rule.touch(now)).toMatchObject({ name: 'refresh_token_activity', value: String(now), attributes: { maxAge: 360 } })
  })
})

describe('a session starts its idle clock', () => {
  const pair = { accessToken: 'a', refreshToken: 'r' }
  const written = (policy: CookiePolicyOptions, choice?: { remember?: boolean }) =>
    cookiesOfPair(pair, 'server', policy, {}, choice, now).find(cookie => cookie.name === 'refresh_token_activity')

  it('with the pair of a login, on either side, in every cookie mode', () => {
    for (const remember of [true, false]) expect(written(options(60), { remember })?.value).toBe(String(now))
    const httpOnly = { ...options(60), mode: 'httpOnly' as const }
    expect(written(httpOnly, { remember: true })?.value).toBe(String(now))
  })

  it('not with a refreshed pair, nor without a timeout', () => {
    expect(written(options(60))).toBeUndefined()
    expect(written(options(0), { remember: true })).toBeUndefined()
  })
})

describe('the server\'s sealed copy of the activity (httpOnly and proxy modes)', () => {
  const httpOnly = { ...options(60), mode: 'httpOnly' as const }
  const sealed = async (at: number, token: string) => (await activitySealCookie(httpOnly, at, token)).value!

  it('is kept only where the page cannot read the refresh token, HttpOnly, as long as the activity cookie', async () => {
    expect(sealsActivity(httpOnly)).toBe(true)
    expect(sealsActivity(options(60))).toBe(false)
    expect(await activitySealCookie(httpOnly, now, 'refresh-1')).toMatchObject({ name: 'refresh_token_activity_seal', attributes: { httpOnly: true, maxAge: 360 } })
  })

  it('opens for the refresh token it was sealed for, and for nothing else', async () => {
    const cookies = (seal: string | undefined, token = 'refresh-1') => ({ refresh_token: token, refresh_token_activity_seal: seal, refresh_token_activity: String(now) })
    expect(await sealedActivity(httpOnly, cookies(await sealed(now - 5000, 'refresh-1')), now)).toBe(now - 5000)
    expect(await trustedActivity(httpOnly, cookies(await sealed(now - 5000, 'refresh-1')), now)).toBe(now - 5000)
    const [, mac] = (await sealed(now - 90_000, 'refresh-1')).split('.')
    for (const seal of [undefined, '', 'garbage', await sealed(now - 5000, 'refresh-2'), `${now}.${mac}`, `${now - 90_000}.`, `${now - 90_000}`]) {
      expect(await sealedActivity(httpOnly, cookies(seal), now), String(seal)).toBeUndefined()
    }
    // The readable cookie says "now", which a page script can write: the server does not take it in these modes.
    expect(await trustedActivity(httpOnly, cookies(undefined), now)).toBeUndefined()
    expect(await trustedActivity(options(60), cookies(undefined), now)).toBe(now)
  })
})
