// The identity provider's endpoints, from its discovery document read from a real server on loopback, and PKCE's
// challenge against RFC 7636's own example.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import type { OidcSettings } from '../src/runtime/server/oidc/failure'
import { codeChallenge, randomValue, sameValue } from '../src/runtime/server/oidc/pkce'
import { providerEndpoints } from '../src/runtime/server/oidc/provider'
import { listenOnLoopback } from './utils/loopback-server'

/** What the server answers at `<issuer>/.well-known/openid-configuration`, per issuer path. */
let answer: (issuer: string) => { status: number, body: string }
const reads: string[] = []
const server = await listenOnLoopback((req, res) => {
  const issuer = `${server.url}${(req.url ?? '').replace('/.well-known/openid-configuration', '')}`
  reads.push(issuer)
  const { status, body } = answer(issuer)
  res.writeHead(status, { 'content-type': 'application/json' }).end(body)
})
afterAll(() => server.close())
beforeEach(() => {
  reads.length = 0
  answer = issuer => ({ status: 200, body: JSON.stringify(documentOf(issuer)) })
})

const documentOf = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  userinfo_endpoint: `${issuer}/me`,
  jwks_uri: `${issuer}/jwks`,
  end_session_endpoint: `${issuer}/logout`,
})

// Each test its own issuer: the documents are kept per issuer.
let tests = 0
function settings(overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer: `${server.url}/realm-${++tests}`,
    clientId: 'app',
    clientSecret: '',
    siteURL: '',
    endpoints: { authorization: '', token: '', userinfo: '', jwks: '', endSession: '', revocation: '' },
    scopes: ['openid'],
    audience: '',
    authorizationParams: {},
    callbackPath: '/auth/callback',
    logoutRedirect: '/',
    user: 'id_token',
    clockSkew: 60,
    discoveryTtl: 3600,
    ...overrides,
  }
}

describe('the provider\'s endpoints (discovery)', () => {
  it('come from the discovery document, with the ones given by hand on top, read once', async () => {
    const given = settings()
    given.endpoints.token = 'https://relay.example/token'
    const endpoints = await providerEndpoints(given)
    expect(endpoints).toEqual({
      issuer: given.issuer,
      authorization: `${given.issuer}/authorize`,
      token: 'https://relay.example/token',
      userinfo: `${given.issuer}/me`,
      jwks: `${given.issuer}/jwks`,
      endSession: `${given.issuer}/logout`,
      revocation: undefined,
    })
    await providerEndpoints(given)
    expect(reads).toEqual([given.issuer])
  })

  it('are not read when every one needed is given by hand', async () => {
    const given = settings()
    Object.assign(given.endpoints, { authorization: 'https://idp.example/authorize', token: 'https://idp.example/token', jwks: 'https://idp.example/jwks' })
    expect((await providerEndpoints(given)).token).toBe('https://idp.example/token')
    expect(reads).toEqual([])
  })

  it('refuse a document that names another issuer', async () => {
    answer = issuer => ({ status: 200, body: JSON.stringify({ ...documentOf(issuer), issuer: 'https://attacker.example' }) })
    await expect(providerEndpoints(settings())).rejects.toMatchObject({ code: 'provider_unavailable', message: expect.stringMatching(/names the issuer "https:\/\/attacker\.example"/) })
  })

  it.each([
    ['a 500', () => ({ status: 500, body: '' }), /answered 500/],
    ['a body that is not JSON', () => ({ status: 200, body: '<html>' }), /is not JSON/],
    ['a document without a token endpoint', (issuer: string) => ({ status: 200, body: JSON.stringify({ ...documentOf(issuer), token_endpoint: undefined }) }), /no token endpoint.*endpoints\.token/],
  ])('fail with a clear error on %s', async (_case, reply, message) => {
    answer = reply
    await expect(providerEndpoints(settings())).rejects.toMatchObject({ code: 'provider_unavailable', message: expect.stringMatching(message) })
  })

  it('fail with a clear error when nothing answers', async () => {
    const closed = await listenOnLoopback(() => undefined)
    await closed.close()
    await expect(providerEndpoints(settings({ issuer: closed.url }))).rejects.toMatchObject({ code: 'provider_unavailable', message: expect.stringContaining('could not be read') })
  })

  it('are read again once older than `discoveryTtl`, and a failed read keeps the last good ones', async () => {
    const given = settings({ discoveryTtl: 0 })
    const first = await providerEndpoints(given)
    answer = () => ({ status: 503, body: '' })
    expect(await providerEndpoints(given)).toEqual(first)
    expect(reads).toEqual([given.issuer, given.issuer])
  })
})

describe('PKCE and the sign-in\'s random values', () => {
  it('computes the S256 challenge of RFC 7636, appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })

  it('makes verifiers of 43 base64url characters, never the same twice, and compares values exactly', () => {
    const values = Array.from({ length: 100 }, randomValue)
    expect(new Set(values).size).toBe(100)
    for (const value of values) expect(value).toMatch(/^[\w-]{43}$/)
    expect(sameValue(values[0]!, values[0]!)).toBe(true)
    expect(sameValue(values[0]!, `${values[0]}x`)).toBe(false)
    expect(sameValue(values[0]!, values[1]!)).toBe(false)
  })
})
