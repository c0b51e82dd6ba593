import { describe, expect, it } from 'vitest'
import { checkOptions } from '../src/check-options'
import { optionDefaults } from '../src/runtime/core/defaults'

const defaults = optionDefaults(false)
const check = (options: Partial<Parameters<typeof checkOptions>[0]>) => () => checkOptions({ ...defaults, ...options } as Parameters<typeof checkOptions>[0])

describe('options that stop the build', () => {
  it('takes the defaults, a forbidden page, several APIs and claim paths', () => {
    expect(check({})).not.toThrow()
    expect(check({ redirect: { ...defaults.redirect, forbidden: { name: 'denied' } }, apis: { 'billing': { baseURL: 'https://billing.test' }, 'search-v2': { baseURL: '/search' } }, claims: { roles: 'realm_access.roles', scopes: 'scp' } })).not.toThrow()
  })

  it('names an API that cannot be called, or has no address', () => {
    expect(check({ apis: { '2fa': { baseURL: '/x' } } })).toThrow('`axiosJwt.apis`: "2fa" is not a name an app can call')
    expect(check({ apis: { billing: {} as { baseURL: string } } })).toThrow('`axiosJwt.apis.billing.baseURL` must be the API\'s address')
  })

  it('takes live origins that are absolute URLs, and names any other', () => {
    expect(check({ liveOrigins: ['wss://live.example.com', 'https://events.example.com', 'ws://127.0.0.1:4000'] })).not.toThrow()
    for (const liveOrigins of [['live.example.com'], ['/live'], ['ftp://live.example.com'], 'wss://live.example.com' as unknown as string[]]) {
      expect(check({ liveOrigins })).toThrow('`axiosJwt.liveOrigins` must be a list of absolute URLs')
    }
  })

  it('takes proxy paths that may open as pages and headers it may forward, and names any it cannot use', () => {
    const proxy = (fields: Partial<typeof defaults.proxy>) => check({ proxy: { ...defaults.proxy, path: '/api', ...fields } })
    expect(proxy({ navigation: ['/files/'], forwardHeaders: ['x-tenant', 'Accept-Version'] })).not.toThrow()
    for (const navigation of [['files/'], ['//evil.example/'], '/files/' as unknown as string[]]) {
      expect(proxy({ navigation })).toThrow('`axiosJwt.proxy.navigation` must be a list of paths')
    }
    for (const header of ['cookie', 'Authorization', 'x-forwarded-for', 'X-Real-IP', 'x-original-url', 'connection']) {
      expect(proxy({ forwardHeaders: [header] })).toThrow('is one the proxy never forwards')
    }
    expect(proxy({ forwardHeaders: ['bad header'] })).toThrow('is not a header name')
  })

  it('names a claim path that is not a non-empty string', () => {
    expect(check({ claims: { roles: ['realm_access', 'roles'] as unknown as string, scopes: 'scope' } })).toThrow('`axiosJwt.claims.roles` must be a dot path')
    expect(check({ claims: { roles: 'roles', scopes: '' } })).toThrow('`axiosJwt.claims.scopes` must be a dot path')
  })

  it('names a redirect that is not a page', () => {
    expect(check({ redirect: { ...defaults.redirect, forbidden: 'denied' } })).toThrow('`axiosJwt.redirect.forbidden`')
    expect(check({ redirect: { ...defaults.redirect, login: true as unknown as string } })).toThrow('`axiosJwt.redirect.login`')
  })

  it('takes APIs with a session of their own, each with cookies of its own', () => {
    expect(check({ apis: { partner: { baseURL: 'https://partner.test', endpoints: {} as never }, search: { baseURL: 'https://search.test', endpoints: {} as never } } })).not.toThrow()
  })

  it('names two sessions that would share a cookie, an own session in proxy mode, and one in another cookie mode', () => {
    const partner = (extra: object) => ({ partner: { baseURL: 'https://partner.test', endpoints: {} as never, ...extra } })
    expect(check({ apis: partner({ tokens: { access: { cookie: 'access_token' } } }) })).toThrow('`axiosJwt.apis.partner` and the main API both use the cookie "access_token"')
    expect(check({ apis: { ...partner({}), other: { baseURL: '/o', endpoints: {} as never, tokens: { refresh: { cookie: 'partner_refresh_token' } } as never } } }))
      .toThrow('`axiosJwt.apis.other` and `axiosJwt.apis.partner` both use the cookie "partner_refresh_token"')
    expect(check({ apis: partner({}), proxy: { ...defaults.proxy, path: '/api' } })).toThrow('`axiosJwt.apis.partner` names `endpoints`, a session of its own, which proxy mode')
    expect(check({ apis: partner({ tokens: { refresh: { httpOnly: true } } }) })).toThrow('`axiosJwt.apis.partner.tokens.refresh.httpOnly` is true, the main API\'s false')
    // The same API without `endpoints` shares the main session and its cookies.
    expect(check({ apis: { partner: { baseURL: 'https://partner.test' } } })).not.toThrow()
  })

  it('takes a sign-in with an identity provider, and names what it cannot use', () => {
    const oidc = (options: Partial<typeof defaults.oidc>) => check({ oidc: { ...defaults.oidc, issuer: 'https://idp.example/realms/app', ...options } })
    expect(oidc({})).not.toThrow()
    expect(oidc({ issuer: '', endpoints: { ...defaults.oidc.endpoints, authorization: 'https://idp.example/authorize', token: 'https://idp.example/token' } })).not.toThrow()
    expect(oidc({ issuer: 'idp.example' })).toThrow('`axiosJwt.oidc.issuer` must be an absolute http(s) URL, not "idp.example"')
    expect(oidc({ endpoints: { ...defaults.oidc.endpoints, token: '/token' } })).toThrow('`axiosJwt.oidc.endpoints.token` must be an absolute http(s) URL')
    expect(oidc({ callbackPath: 'auth/callback' })).toThrow('`axiosJwt.oidc.callbackPath` must be a path on the site')
    expect(oidc({ issuer: 'http://idp.example/realms/app' })).toThrow('`axiosJwt.oidc.issuer` (http://idp.example/realms/app) is plain HTTP beyond this machine')
    expect(oidc({ issuer: 'http://127.0.0.1:8080/realms/app' })).not.toThrow()
    expect(oidc({ issuer: '', endpoints: { ...defaults.oidc.endpoints, authorization: 'https://idp.example/authorize', token: 'https://idp.example/token', jwks: 'https://idp.example/jwks' } })).toThrow('`axiosJwt.oidc.endpoints.jwks` needs the issuer')
    expect(oidc({ logoutRedirect: '//evil.example' })).toThrow('`axiosJwt.oidc.logoutRedirect` must be a path on the site')
    expect(oidc({ user: 'profile' as 'id_token' })).toThrow('`axiosJwt.oidc.user` is \'id_token\' or \'userinfo\'')
    expect(oidc({ scopes: ['openid profile'] })).toThrow('`axiosJwt.oidc.scopes` must be a list of scope names')
    // Off: nothing of it is checked.
    expect(check({ oidc: { ...defaults.oidc, callbackPath: 'anything' } })).not.toThrow()
  })
})
