import { describe, expect, it } from 'vitest'
import { checkOptions } from '../../src/build/check-options'
import { optionDefaults } from '../../src/build/defaults'

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
    const proxy = (fields: Partial<typeof defaults.proxy>) => check({ mode: 'proxy', proxy: { ...defaults.proxy, path: '/api', ...fields } })
    expect(proxy({ navigation: ['/files/'], forwardHeaders: ['x-tenant', 'Accept-Version'] })).not.toThrow()
    for (const navigation of [['files/'], ['//evil.example/'], '/files/' as unknown as string[]]) {
      expect(proxy({ navigation })).toThrow('`axiosJwt.proxy.navigation` must be a list of paths')
    }
    for (const header of ['cookie', 'Authorization', 'x-forwarded-for', 'X-Real-IP', 'x-original-url', 'connection']) {
      expect(proxy({ forwardHeaders: [header] })).toThrow('is one the proxy never forwards')
    }
    expect(proxy({ forwardHeaders: ['bad header'] })).toThrow('is not a header name')
    for (const path of ['api', '/', '//evil.example', '']) expect(proxy({ path })).toThrow('`axiosJwt.proxy.path` must be a path on the site below its root')
  })

  it('takes the three modes, and names any other', () => {
    for (const mode of ['readable', 'httpOnly', 'proxy'] as const) expect(check({ mode })).not.toThrow()
    for (const mode of ['cookies', 'http-only', undefined]) expect(check({ mode: mode as 'proxy' })).toThrow('`axiosJwt.mode` is \'readable\', \'httpOnly\' or \'proxy\'')
  })

  it('stops the build on an option\'s old name, naming its replacement', () => {
    const renamed: Array<[object, string, string]> = [
      [{ tokens: { ...defaults.tokens, refresh: { ...defaults.tokens.refresh, httpOnly: true } } }, 'tokens.refresh.httpOnly', '`mode: \'httpOnly\'`'],
      [{ proxy: { ...defaults.proxy, to: 'https://api.example.com' } }, 'proxy.to', '`mode: \'proxy\'` with `server.baseURL`'],
      [{ serverBaseURL: 'http://api.internal' }, 'serverBaseURL', '`server.baseURL`'],
      [{ sharedRefresh: { storage: 'redis' } }, 'sharedRefresh', '`server.sharedRefresh`'],
      [{ refreshBeforeExpiry: 60 }, 'refreshBeforeExpiry', '`refresh.beforeExpiry`'],
      [{ refreshInBackground: true }, 'refreshInBackground', '`refresh.inBackground`'],
      [{ refreshTimeout: 5000 }, 'refreshTimeout', '`refresh.timeout`'],
      [{ refreshStatuses: [401, 403] }, 'refreshStatuses', '`refresh.statuses`'],
      [{ sessionEndStatuses: [400] }, 'sessionEndStatuses', '`session.endStatuses`'],
      [{ sessionEndErrors: ['invalid_grant'] }, 'sessionEndErrors', '`session.endErrors`'],
    ]
    for (const [options, old, replacement] of renamed) {
      expect(check(options as never)).toThrow(`\`axiosJwt.${old}\` was renamed: use ${replacement}`)
    }
    expect(check({ apis: { partner: { baseURL: '/p', endpoints: {} as never, refreshTimeout: 1 } as never } })).toThrow('`axiosJwt.apis.partner.refreshTimeout` was renamed: use `refresh.timeout`')
    expect(check({ apis: { partner: { baseURL: '/p', tokens: { refresh: { httpOnly: true } } } as never } })).toThrow('`axiosJwt.apis.partner.tokens.refresh.httpOnly` was removed')
  })

  it('names a claim path that is not a non-empty string', () => {
    expect(check({ claims: { roles: ['realm_access', 'roles'] as unknown as string, scopes: 'scope' } })).toThrow('`axiosJwt.claims.roles` must be a dot path')
    expect(check({ claims: { roles: 'roles', scopes: '' } })).toThrow('`axiosJwt.claims.scopes` must be a dot path')
  })

  it('names a redirect that is not a page', () => {
    expect(check({ redirect: { ...defaults.redirect, forbidden: 'denied' } })).toThrow('`axiosJwt.redirect.forbidden`')
    expect(check({ redirect: { ...defaults.redirect, login: true as unknown as string } })).toThrow('`axiosJwt.redirect.login`')
  })

  it('takes APIs with an own session, each with cookies of its own', () => {
    expect(check({ apis: { partner: { baseURL: 'https://partner.test', endpoints: {} as never }, search: { baseURL: 'https://search.test', endpoints: {} as never } } })).not.toThrow()
  })

  it('names two sessions that would share a cookie, and an own session in proxy mode', () => {
    const partner = (extra: object) => ({ partner: { baseURL: 'https://partner.test', endpoints: {} as never, ...extra } })
    expect(check({ apis: partner({ tokens: { access: { cookie: 'access_token' } } }) })).toThrow('`axiosJwt.apis.partner` and the main API both use the cookie "access_token"')
    expect(check({ apis: { ...partner({}), other: { baseURL: '/o', endpoints: {} as never, tokens: { refresh: { cookie: 'partner_refresh_token' } } as never } } }))
      .toThrow('`axiosJwt.apis.other` and `axiosJwt.apis.partner` both use the cookie "partner_refresh_token"')
    expect(check({ apis: partner({}), mode: 'proxy' })).toThrow('`axiosJwt.apis.partner` names `endpoints`, an own session, which proxy mode')
    // The same API without `endpoints` shares the main session and its cookies.
    expect(check({ apis: { partner: { baseURL: 'https://partner.test' } } })).not.toThrow()
  })

  it('takes a sign-in with an identity provider, and names what it cannot use', () => {
    const oidc = (options: Partial<typeof defaults.oidc>) => check({ mode: 'httpOnly', oidc: { ...defaults.oidc, issuer: 'https://idp.example/realms/app', ...options } })
    expect(oidc({})).not.toThrow()
    expect(check({ mode: 'proxy', oidc: { ...defaults.oidc, issuer: 'https://idp.example/realms/app' } })).not.toThrow()
    expect(check({ oidc: { ...defaults.oidc, issuer: 'https://idp.example/realms/app' } })).toThrow('set `axiosJwt.mode` to \'httpOnly\' or \'proxy\'')
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
