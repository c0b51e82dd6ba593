import { describe, expect, it } from 'vitest'
import { readTokenCookie, refreshExpiry, type CookiePolicyOptions, type CookieValues, type CookieWrite } from '../../src/runtime/core/cookies/cookie-policy'
import { cookiesOfEnd, cookiesOfPair, MAX_TOKEN_BYTES } from '../../src/runtime/core/cookies/cookie-writes'
import { createTokenClock } from '../../src/runtime/core/client/token-clock'
import { clientOptions } from '../utils/client-options'

const policy = (overrides: Partial<CookiePolicyOptions> = {}): CookiePolicyOptions => ({
  ...clientOptions(),
  mode: 'readable',
  session: { idleTimeout: 0 },
  cookie: { path: '/', sameSite: 'lax', secure: false, domain: 'example.com' },
  ...overrides,
})

/** The cookies a jar holds after `writes`, starting from `present`. */
function apply(present: CookieValues, writes: CookieWrite[]): CookieValues {
  const jar = new Map(Object.entries(present))
  for (const { name, value } of writes) {
    if (value === undefined) jar.delete(name)
    else jar.set(name, value)
  }
  return Object.fromEntries(jar)
}

const token = (size: number) => `eyJ${'a'.repeat(size - 3)}`

describe('large tokens in cookies', () => {
  it('keeps a token that fits in one cookie, and one that does not in chunks under the browser limit', () => {
    for (const size of [100, 3800, 3801, 6000, 12_000, MAX_TOKEN_BYTES]) {
      const pair = { accessToken: token(size), refreshToken: token(500) }
      const jar = apply({}, cookiesOfPair(pair, 'browser', policy(), {}))
      expect(readTokenCookie(jar, 'access_token')).toBe(pair.accessToken)
      expect(readTokenCookie(jar, 'refresh_token')).toBe(pair.refreshToken)
      for (const [name, value] of Object.entries(jar)) expect(name.length + value!.length).toBeLessThan(4000)
      expect('access_token' in jar).toBe(size <= 3800)
    }
  })

  it('clears stale chunks when a token shrinks or grows, and every chunk when the session ends', () => {
    const big = apply({}, cookiesOfPair({ accessToken: token(12_000), refreshToken: 'r' }, 'server', policy(), {}))
    expect(Object.keys(big).filter(name => name.startsWith('access_token.'))).toHaveLength(4)
    const medium = apply(big, cookiesOfPair({ accessToken: token(5000), refreshToken: 'r' }, 'server', policy(), big))
    expect(Object.keys(medium).sort()).toEqual(['access_token.0', 'access_token.1', 'refresh_token'])
    const small = apply(medium, cookiesOfPair({ accessToken: token(100), refreshToken: 'r' }, 'server', policy(), medium))
    expect(Object.keys(small).sort()).toEqual(['access_token', 'refresh_token'])
    const again = apply(small, cookiesOfPair({ accessToken: token(8000), refreshToken: 'r' }, 'server', policy(), small))
    expect(Object.keys(again).sort()).toEqual(['access_token.0', 'access_token.1', 'access_token.2', 'refresh_token'])
    expect(apply(again, cookiesOfEnd('server', policy(), again))).toEqual({})
  })

  it('reads no token from chunks with a gap, and removes every chunk whatever its index', () => {
    // A new two-chunk token beside an old chunk left at index 2 after a gap at 1 (a lost write).
    const gap = { 'access_token.0': 'new0', 'access_token.2': 'old2', 'access_token.3': 'old3', 'refresh_token': 'r' }
    expect(readTokenCookie(gap, 'access_token')).toBeUndefined()
    expect(readTokenCookie({ 'access_token.1': 'x' }, 'access_token')).toBeUndefined()
    expect(readTokenCookie({ 'access_token.0': 'a', 'access_token.1': 'b' }, 'access_token')).toBe('ab')
    expect(apply(gap, cookiesOfEnd('server', policy(), gap))).toEqual({})
    const rewritten = apply(gap, cookiesOfPair({ accessToken: token(5000), refreshToken: 'r' }, 'server', policy(), gap))
    expect(Object.keys(rewritten).sort()).toEqual(['access_token.0', 'access_token.1', 'refresh_token'])
    expect(readTokenCookie(rewritten, 'access_token')).toBe(token(5000))
  })

  it('refuses a token above the limit with an error that names its size, before writing anything', () => {
    expect(() => cookiesOfPair({ accessToken: token(MAX_TOKEN_BYTES + 1), refreshToken: 'r' }, 'browser', policy(), {}))
      .toThrow(/too large to store: 16385 bytes.*httpOnly/)
  })
})

describe('remember me', () => {
  it('writes cookies without Max-Age and a mark that refreshes keep, until the session ends', () => {
    const pair = { accessToken: token(100), refreshToken: token(100) }
    const writes = cookiesOfPair(pair, 'browser', policy(), {}, { remember: false })
    expect(writes.filter(w => w.name.endsWith('_token')).map(w => w.attributes.maxAge)).toEqual([undefined, undefined])
    const jar = apply({}, writes)
    expect(jar.refresh_token_remember).toBe('0')
    const refreshed = cookiesOfPair(pair, 'server', policy(), jar)
    expect(refreshed.filter(w => w.name.endsWith('_token')).map(w => w.attributes.maxAge)).toEqual([undefined, undefined])
    expect(apply(jar, cookiesOfEnd('browser', policy(), jar))).toEqual({})
    const remembered = cookiesOfPair(pair, 'browser', policy(), jar, { remember: true })
    expect(remembered.find(w => w.name === 'access_token')!.attributes.maxAge).toBeGreaterThan(0)
    expect(remembered.find(w => w.name === 'refresh_token_remember')?.value).toBeUndefined()
  })
})

describe('__Host- cookie names', () => {
  const hostPrefixed = (httpOnly: boolean) => policy({
    mode: httpOnly ? 'httpOnly' : 'readable',
    tokens: { ...clientOptions().tokens, access: { ...clientOptions().tokens.access, cookie: '__Host-access' }, refresh: { ...clientOptions().tokens.refresh, cookie: '__Host-refresh' } },
    cookie: { path: '/app', sameSite: 'lax', secure: false, domain: 'example.com' },
  })

  it.each([false, true])('get Secure, Path=/ and no Domain, as browsers require (httpOnly: %s)', (httpOnly) => {
    const options = hostPrefixed(httpOnly)
    const writes = [
      ...cookiesOfPair({ accessToken: token(6000), refreshToken: token(100) }, 'server', options, {}, { remember: false }),
      ...cookiesOfEnd('server', options, { '__Host-access.0': 'x' }),
    ]
    expect(writes.length).toBeGreaterThan(4)
    for (const { name, attributes } of writes.filter(w => w.name.startsWith('__Host-'))) {
      expect({ name, secure: attributes.secure, path: attributes.path, domain: attributes.domain }).toEqual({ name, secure: true, path: '/', domain: undefined })
    }
    expect(writes.find(w => w.name === '__Host-refresh')!.attributes.httpOnly).toBe(httpOnly)
  })

  it('are recognised in any case, as browsers match them; __Secure- too', () => {
    const named = (access: string, refresh: string) => policy({
      tokens: { ...clientOptions().tokens, access: { ...clientOptions().tokens.access, cookie: access }, refresh: { ...clientOptions().tokens.refresh, cookie: refresh } },
      cookie: { path: '/app', sameSite: 'lax', secure: false, domain: 'example.com' },
    })
    const writes = cookiesOfPair({ accessToken: token(100), refreshToken: token(100) }, 'server', named('__HOST-access', '__secure-refresh'), {})
    expect(writes.find(w => w.name === '__HOST-access')!.attributes).toMatchObject({ secure: true, path: '/', domain: undefined })
    expect(writes.find(w => w.name === '__secure-refresh')!.attributes).toMatchObject({ secure: true, path: '/app', domain: 'example.com' })
  })
})

describe('one due rule', () => {
  it('ends an opaque token\'s cookie exactly when the clock finds the token due, for any margin and lifetime', () => {
    const now = 1_700_000_000_000
    for (const [margin, expiresIn] of [[30, 300], [30, 40], [0, 60], [120, 100]] as const) {
      const clock = createTokenClock(margin, () => now)
      const tokens = { accessToken: 'opaque-handle', refreshToken: 'r', expiresIn }
      clock.learn(tokens)
      const writes = cookiesOfPair(tokens, 'server', policy({ refresh: { beforeExpiry: margin } }), {}, {}, now)
      const cookie = writes.find(w => w.name === 'access_token')!
      expect(cookie.attributes.maxAge, `margin ${margin}, expires_in ${expiresIn}`).toBe(Math.floor(clock.dueIn(tokens)! / 1000))
    }
  })
})

describe('an opaque refresh token\'s lifetime (`tokens.refresh.expiresInPath`)', () => {
  const now = 1_800_000_000_000
  const mark = (writes: CookieWrite[]) => writes.find(cookie => cookie.name === 'refresh_token_expires')

  it('lets the cookies live as long as the API says, and marks the expiry for the page, in both modes', () => {
    for (const [side, httpOnly] of [['browser', false], ['server', true]] as const) {
      const options = policy({ mode: httpOnly ? 'httpOnly' : 'readable' })
      const writes = cookiesOfPair({ accessToken: 'opaque-a', refreshToken: 'opaque-r', refreshExpiresIn: 1800 }, side, options, {}, {}, now)
      expect(writes.find(cookie => cookie.name === 'refresh_token')!.attributes.maxAge).toBe(1800)
      expect(mark(writes)).toMatchObject({ value: String(now / 1000 + 1800), attributes: { maxAge: 1800 } })
      expect(mark(writes)!.attributes.httpOnly).toBeFalsy()
      expect(refreshExpiry(apply({}, writes), undefined, options)).toBe(now / 1000 + 1800)
    }
  })

  it('keeps the mark while the refresh token stays, removes it for a new one without a lifetime, and at the end', () => {
    const first = apply({}, cookiesOfPair({ accessToken: 'a1', refreshToken: 'r1', refreshExpiresIn: 1800 }, 'browser', policy(), {}, {}, now))
    // A refresh that rotates only the access token leaves the refresh token's expiry as it was.
    const same = cookiesOfPair({ accessToken: 'a2', refreshToken: 'r1' }, 'browser', policy(), first, {}, now)
    expect(mark(same)).toBeUndefined()
    const rotated = cookiesOfPair({ accessToken: 'a3', refreshToken: 'r2' }, 'browser', policy(), first, {}, now)
    expect(mark(rotated)).toMatchObject({ value: undefined })
    expect(mark(cookiesOfEnd('browser', policy(), first))).toMatchObject({ value: undefined })
    // A JWT refresh token's own `exp` comes first.
    const jwt = `x.${Buffer.from(JSON.stringify({ exp: 1_900_000_000 })).toString('base64url')}.y`
    expect(refreshExpiry(first, jwt, policy())).toBe(1_900_000_000)
    expect(refreshExpiry({ refresh_token_expires: 'garbage' }, undefined, policy())).toBeUndefined()
  })
})
