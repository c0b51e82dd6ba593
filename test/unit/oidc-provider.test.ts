// The identity provider's endpoints, from its discovery document read from a real server on loopback, and PKCE's
// challenge against RFC 7636's own example.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import type { OidcSettings } from '../../src/runtime/server/oidc/failure'
import { codeChallenge, randomValue, sameValue } from '../../src/runtime/server/oidc/pkce'
import { providerEndpoints, responseIssuerProblem } from '../../src/runtime/server/oidc/provider'
import { listenOnLoopback } from '../utils/loopback-server'

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
      issInResponse: false,
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

  it('say whether the provider names itself in every authorization response (RFC 9207)', async () => {
    answer = issuer => ({ status: 200, body: JSON.stringify({ ...documentOf(issuer), authorization_response_iss_parameter_supported: true }) })
    expect((await providerEndpoints(settings())).issInResponse).toBe(true)
  })

  it('refuse, rather than leave a check out: an issuer without keys, keys without an issuer, plain HTTP beyond this machine', async () => {
    answer = issuer => ({ status: 200, body: JSON.stringify({ ...documentOf(issuer), jwks_uri: undefined }) })
    await expect(providerEndpoints(settings())).rejects.toMatchObject({ code: 'provider_unavailable', message: expect.stringMatching(/names no keys \(`jwks_uri`\)/) })
    const byHand = settings({ issuer: '' })
    Object.assign(byHand.endpoints, { authorization: 'https://idp.example/authorize', token: 'https://idp.example/token', jwks: 'https://idp.example/jwks' })
    await expect(providerEndpoints(byHand)).rejects.toMatchObject({ message: expect.stringMatching(/need the issuer they come from/) })
    answer = issuer => ({ status: 200, body: JSON.stringify({ ...documentOf(issuer), token_endpoint: 'http://idp.example/token' }) })
    await expect(providerEndpoints(settings())).rejects.toMatchObject({ message: expect.stringMatching(/token \(http:\/\/idp\.example\/token\) is plain HTTP beyond this machine/) })
    await expect(providerEndpoints(settings({ issuer: 'http://idp.example/realm' }))).rejects.toMatchObject({ message: expect.stringMatching(/issuer \(http:\/\/idp\.example\/realm\) is plain HTTP/) })
    // A plain OAuth2 server: endpoints by hand, no issuer and no keys.
    const oauth = settings({ issuer: '' })
    Object.assign(oauth.endpoints, { authorization: 'https://idp.example/authorize', token: 'https://idp.example/token' })
    expect((await providerEndpoints(oauth)).jwks).toBeUndefined()
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

describe('the issuer of an authorization response (RFC 9207)', () => {
  const issuer = 'https://idp.example/realms/app'
  it('must be the issuer when named, and named when the provider says it always is', () => {
    expect(responseIssuerProblem(issuer, { issuer, issInResponse: true })).toBeUndefined()
    expect(responseIssuerProblem(undefined, { issuer, issInResponse: false })).toBeUndefined()
    expect(responseIssuerProblem(undefined, { issuer, issInResponse: true })).toMatch(/names the issuer null, not https:\/\/idp\.example/)
    for (const other of ['https://attacker.example', `${issuer}/`, 'https://IDP.example/realms/app']) {
      expect(responseIssuerProblem(other, { issuer, issInResponse: false }), other).toMatch(/does not come from the provider this sign-in went to/)
    }
  })

  it('is not checked for a plain OAuth2 server, which has no issuer', () => {
    expect(responseIssuerProblem('https://anything.example', { issuer: '', issInResponse: false })).toBeUndefined()
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
