import { describe, expect, it } from 'vitest'
import { claimAt, meets, namesAt, sessionClaims } from '../../src/runtime/core/tokens/claims'

describe('where roles and scopes are read', () => {
  const keycloak = { realm_access: { roles: ['admin', 'viewer'] }, scope: 'openid orders:read  orders:write' }

  it('follows a dot path, and takes a key that holds dots whole (Auth0 namespaced claims)', () => {
    expect(claimAt(keycloak, 'realm_access.roles')).toEqual(['admin', 'viewer'])
    expect(claimAt({ 'https://example.com/roles': ['editor'] }, 'https://example.com/roles')).toEqual(['editor'])
    expect(claimAt({ 'https://example.com': { roles: ['a'] } }, 'https://example.com.roles')).toEqual(['a'])
    expect(claimAt({ 'cognito:groups': ['ops'] }, 'cognito:groups')).toEqual(['ops'])
    expect(claimAt(keycloak, 'realm_access.missing')).toBeUndefined()
    expect(claimAt({ a: 'text' }, 'a.length')).toBeUndefined()
    expect(claimAt({ a: { b: 1 } }, 'toString')).toBeUndefined()
  })

  it('reads a space-separated string or an array of names, and nothing else', () => {
    expect(namesAt('scope', keycloak, null)).toEqual(['openid', 'orders:read', 'orders:write'])
    expect(namesAt('scp', { scp: ['a', 2, 'b'] }, null)).toEqual(['a', 'b'])
    expect(namesAt('roles', { roles: { admin: true } }, null)).toEqual([])
  })

  it('falls back to the user object when the token lacks the claim or is opaque', () => {
    expect(namesAt('roles', { sub: '1' }, { roles: ['from-user'] })).toEqual(['from-user'])
    expect(namesAt('roles', undefined, { roles: 'a b' })).toEqual(['a', 'b'])
    expect(sessionClaims(undefined, { name: 'Alice', roles: ['x'] }, { roles: 'roles', scopes: 'scope' }))
      .toEqual({ claims: { name: 'Alice', roles: ['x'] }, roles: ['x'], scopes: [] })
    expect(sessionClaims(undefined, null, { roles: 'roles', scopes: 'scope' })).toEqual({ claims: {}, roles: [], scopes: [] })
  })
})

describe('what a page asks', () => {
  const session = sessionClaims({ roles: ['viewer', 'editor'], scope: 'a b', tenant: 'acme' }, null, { roles: 'roles', scopes: 'scope' })

  it('admits with one of the roles, every scope, and the predicate', () => {
    expect(meets({ roles: ['admin', 'editor'] }, session, null)).toBe(true)
    expect(meets({ roles: ['admin'] }, session, null)).toBe(false)
    expect(meets({ scopes: ['a', 'b'] }, session, null)).toBe(true)
    expect(meets({ scopes: ['a', 'c'] }, session, null)).toBe(false)
    expect(meets({ allow: claims => claims.tenant === 'acme' }, session, null)).toBe(true)
    expect(meets({ roles: ['editor'], allow: claims => claims.tenant === 'other' }, session, null)).toBe(false)
    expect(meets({}, session, null)).toBe(true)
  })

  it('admits only when the predicate returns true itself', () => {
    expect(meets({ allow: () => 'yes' as unknown as boolean }, session, null)).toBe(false)
  })
})
