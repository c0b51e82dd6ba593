import { describe, expect, it } from 'vitest'
import { readTokenTimes, tokenLifetime } from '../../src/runtime/core/tokens/jwt'
import { getByPath } from '../../src/runtime/core/tokens/paths'
import { readTokenResponse } from '../../src/runtime/core/tokens/tokens'
import axios from 'axios'
import { goesToOwnURL, isPlainHttpRemote, originOf, redirectTargetProblem, requestURL, safeRedirect } from '../../src/runtime/core/url'

const b64 = (value: string) => Buffer.from(value).toString('base64url')
const jwt = (payload: string, header = '{"alg":"HS256","typ":"JWT"}') => `${b64(header)}.${b64(payload)}.c2ln`

describe('readTokenTimes', () => {
  it('reads exp and iat of a JWT', () => {
    expect(readTokenTimes(jwt('{"exp":2000000000,"iat":1999999000}'))).toEqual({ exp: 2000000000, iat: 1999999000 })
  })

  it.each([
    ['empty', ''],
    ['opaque', 'b3a1f0c2d9e8'],
    ['two parts', `${b64('{}')}.${b64('{"exp":2000000000}')}`],
    ['four parts', `${jwt('{"exp":2000000000}')}.extra`],
    ['a payload that is not JSON', `${b64('{}')}.${b64('not json')}.c2ln`],
    ['a payload that is not base64', 'aaa.!!!.ccc'],
    ['a payload that is an array', jwt('[1,2,3]')],
    ['a payload that is a number', jwt('42')],
    ['a payload that is null', jwt('null')],
    ['exp as a string', jwt('{"exp":"2000000000"}')],
    ['exp as NaN-like', jwt('{"exp":1e999}')],
    ['negative exp', jwt('{"exp":-5}')],
    ['alg none', jwt('{"exp":"soon"}', '{"alg":"none"}')],
    ['non-UTF-8 bytes', `${b64('{}')}.${Buffer.from([0xFF, 0xFE, 0xFD]).toString('base64url')}.c2ln`],
  ])('treats %s as a token without known times', (_name, token) => {
    expect(() => readTokenTimes(token)).not.toThrow()
    expect(readTokenTimes(token).exp).toBeUndefined()
  })

  it('never throws on thousands of generated values', () => {
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pieces = ['.', 'eyJ', '{"exp":', '}', '"', '%', '\\u0000', 'é', '=', '-', '_', '[', 'null', '1e308']
    for (let i = 0; i < 3000; i++) {
      let value = ''
      const length = Math.floor(random() * 12)
      for (let j = 0; j < length; j++) {
        value += random() < 0.5 ? pieces[Math.floor(random() * pieces.length)] : b64(String.fromCharCode(Math.floor(random() * 0xFFFF)))
      }
      if (random() < 0.3) value = jwt(value)
      expect(() => readTokenTimes(value)).not.toThrow()
      expect(() => tokenLifetime(value, Date.now() / 1000)).not.toThrow()
    }
  })

  it('measures the lifetime from the token itself, immune to the client clock', () => {
    expect(tokenLifetime(jwt('{"exp":1000,"iat":400}'), 999_999)).toBe(600)
    expect(tokenLifetime(jwt('{"exp":1000}'), 900)).toBe(100)
    expect(tokenLifetime('opaque', 900)).toBeUndefined()
  })
})

describe('readTokenResponse', () => {
  const paths = { access: { path: 'data.accessToken' }, refresh: { path: 'data.refreshToken' } }

  it('takes both tokens from their paths', () => {
    expect(readTokenResponse({ data: { accessToken: 'a', refreshToken: 'r' } }, paths)).toEqual({ ok: true, tokens: { accessToken: 'a', refreshToken: 'r' } })
    expect(readTokenResponse({ access_token: 'a' }, { access: { path: 'access_token' }, refresh: { path: 'refresh_token' } }))
      .toEqual({ ok: true, tokens: { accessToken: 'a', refreshToken: undefined } })
  })

  it.each([
    ['HTML', '<html></html>', /not JSON/],
    ['an empty body', '', /empty body/],
    ['no token', { data: {} }, /"data.accessToken"/],
    ['a number token', { data: { accessToken: 5 } }, /"data.accessToken"/],
    ['a refresh token that is an object', { data: { accessToken: 'a', refreshToken: {} } }, /"data.refreshToken"/],
    ['null', null, /"data.accessToken"/],
  ])('says what is wrong with %s', (_name, body, problem) => {
    const result = readTokenResponse(body, paths)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problem).toMatch(problem)
  })

  it('reads the refresh token\'s lifetime where `expiresInPath` says, and none that is not a positive number', () => {
    const keycloak = { access: { path: 'access_token', expiresInPath: 'expires_in' }, refresh: { path: 'refresh_token', expiresInPath: 'refresh_expires_in' } }
    expect(readTokenResponse({ access_token: 'a', refresh_token: 'r', expires_in: 300, refresh_expires_in: 1800 }, keycloak))
      .toEqual({ ok: true, tokens: { accessToken: 'a', refreshToken: 'r', expiresIn: 300, refreshExpiresIn: 1800 } })
    for (const garbage of ['soon', -5, 0, null, {}]) {
      expect(readTokenResponse({ access_token: 'a', refresh_token: 'r', refresh_expires_in: garbage }, keycloak)).toEqual({ ok: true, tokens: { accessToken: 'a', refreshToken: 'r' } })
    }
  })

  it('reads dot paths without walking prototypes', () => {
    expect(getByPath({ a: { b: 1 } }, 'a.b')).toBe(1)
    expect(getByPath({ a: 1 }, '')).toEqual({ a: 1 })
    expect(getByPath({}, 'constructor.name')).toBeUndefined()
    expect(getByPath('text', 'length')).toBeUndefined()
  })
})

describe('redirectTargetProblem', () => {
  it.each(['/login', '/', { name: 'login' }, { name: 'account', params: { tab: 'profile' } }])('accepts %j', (target) => {
    expect(redirectTargetProblem(target)).toBeUndefined()
  })

  it.each([
    ['login', '"login" is not a path starting with /'],
    ['', '"" is not a path starting with /'],
    [{ path: '/login' }, '{"path":"/login"} is neither a path nor a route location with a name'],
    [null, 'null is neither a path nor a route location with a name'],
  ])('names what is wrong with %j', (target, problem) => {
    expect(redirectTargetProblem(target)).toBe(problem)
  })
})

describe('safeRedirect', () => {
  it.each([
    ['/items', '/items'],
    ['/items?page=2#top', '/items?page=2#top'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %s', (target, expected) => {
    expect(safeRedirect(target, '/home')).toBe(expected)
  })

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '%2F%2Fevil.example',
    'javascript:alert(1)',
    '/\tevil',
    '/\n/evil.example',
    'evil.example',
    '',
    undefined,
    ['/items'],
    '/%E0%A4%A',
    '/.//evil.example',
    '/a/..//evil.example',
  ])('falls back for %j', (target) => {
    expect(safeRedirect(target, '/home')).toBe('/home')
  })
})

describe('originOf', () => {
  it('resolves relative URLs against the base, and says nothing for garbage', () => {
    expect(originOf('/x', 'http://site.test/page')).toBe('http://site.test')
    expect(originOf('//other.test/x', 'http://site.test')).toBe('http://other.test')
    expect(originOf('http://[bad', 'http://site.test')).toBeUndefined()
  })

  it('answers each pair of URL and base on its own, however often asked', () => {
    // Pairs whose concatenations agree must not share what is remembered of them.
    expect(originOf('//b.test/x', 'http://a.test')).toBe('http://b.test')
    expect(originOf('b.test/x', 'http://a.test//')).toBe('http://a.test')
    expect(originOf('//b.test/x', 'http://a.test')).toBe('http://b.test')
    for (let i = 0; i < 500; i++) expect(originOf(`/p${i}`, `http://h${i % 7}.test`)).toBe(`http://h${i % 7}.test`)
  })
})

describe('requestURL', () => {
  it('names the URL axios itself would request, for every base and path shape', () => {
    const bases = [undefined, '', 'http://in-process.invalid', 'http://in-process.invalid/', 'http://in-process.invalid/backend//', 'https://api.test/v1']
    const urls = [undefined, '', '/items', 'items', '//items', '/items?page=2', 'https://other.test/x', '//other.test/x', 'HTTP://Other.test']
    for (const baseURL of bases) {
      for (const url of urls) {
        for (const extra of [{}, { params: { page: 3 } }, { allowAbsoluteUrls: false }]) {
          const config = { baseURL, url, ...extra }
          expect(requestURL(config), JSON.stringify(config)).toBe(axios.getUri(config))
        }
      }
    }
  })
})

describe('goesToOwnURL', () => {
  it('tells an absolute URL that axios sends as it is from one it joins to the base URL', () => {
    for (const url of ['https://other.test/x', '//other.test/x', 'HTTP://Other.test']) {
      expect(goesToOwnURL({ url })).toBe(true)
      expect(axios.getUri({ baseURL: 'https://api.test/v1', url })).toBe(url)
      expect(goesToOwnURL({ url, allowAbsoluteUrls: false })).toBe(false)
    }
    for (const url of [undefined, '', '/items', 'items', 'http:items']) expect(goesToOwnURL({ url })).toBe(false)
  })
})

describe('isPlainHttpRemote', () => {
  it.each([
    ['http://api.example.com', true],
    ['http://10.0.0.5:8080/api', true],
    ['http://127.0.0.1.evil.example', true],
    ['https://api.example.com', false],
    ['http://localhost:3001', false],
    ['http://127.0.0.1:8080', false],
    ['http://[::1]:8080', false],
    ['/api', false],
  ])('%s → %s', (url, expected) => {
    expect(isPlainHttpRemote(url)).toBe(expected)
  })
})

describe('fuzzed input never throws', () => {
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const pieces = ['/', '\\', '//', '%2F', '%5C', '%', 'http:', 'javascript:', '.', '..', '?', '#', '@', 'evil.example', '\t', '\n', 'é', '%E0%A4']
  const generate = () => Array.from({ length: Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('')

  it('keeps every redirect target on the site or falls back', () => {
    for (let i = 0; i < 3000; i++) {
      const target = generate()
      const result = safeRedirect(target, '/home')
      expect(result.startsWith('/')).toBe(true)
      expect(result.startsWith('//') || result.startsWith('/\\')).toBe(false)
      expect(new URL(result, 'http://site.test').origin).toBe('http://site.test')
    }
  })

  it('reads any response body without throwing', () => {
    const bodies = [null, undefined, 0, '', 'x', [], [1], { data: null }, { data: [] }, { data: { accessToken: [] } }, Object.create(null)]
    for (let i = 0; i < 1000; i++) {
      const body = random() < 0.5 ? bodies[Math.floor(random() * bodies.length)] : { [generate()]: { [generate()]: generate() } }
      expect(() => readTokenResponse(body, { access: { path: generate() || 'a' }, refresh: { path: generate() } })).not.toThrow()
    }
  })
})
