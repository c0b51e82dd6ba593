// `nuxt-axios-jwt/testing`'s test API and token maker, against the real server they start.
import { decodeJwt, jwtVerify } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { makeJwt, startJwtTestApi, type JwtTestApi, type JwtTestApiOptions } from '../../src/runtime/testing'

let api: JwtTestApi | undefined
afterEach(() => api?.close())

async function start(options?: JwtTestApiOptions) {
  api = await startJwtTestApi(options)
  return api
}

const post = (url: string, body: unknown, form = false) => fetch(url, {
  method: 'POST',
  headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
  body: form ? new URLSearchParams(body as Record<string, string>) : JSON.stringify(body),
})

describe('startJwtTestApi', () => {
  it('logs in, serves a protected resource to the access token, rotates refresh tokens and catches a reused one', async () => {
    const { url, stats } = await start()
    const login = await (await post(`${url}/auth/login`, { username: 'alice', password: 'secret' })).json()
    const { accessToken, refreshToken } = login.data
    const items = await fetch(`${url}/items`, { headers: { authorization: `Bearer ${accessToken}` } })
    expect(await items.json()).toMatchObject({ data: [{ owner: 'Alice' }] })
    const refreshed = await (await post(`${url}/auth/refresh`, { refreshToken })).json()
    expect(refreshed.data.refreshToken).not.toBe(refreshToken)
    // The spent token again: refused, and the whole session revoked.
    expect((await post(`${url}/auth/refresh`, { refreshToken })).status).toBe(401)
    expect((await post(`${url}/auth/refresh`, { refreshToken: refreshed.data.refreshToken })).status).toBe(401)
    expect(stats()).toMatchObject({ logins: 1, refreshes: 1, reused: 1, refreshCalls: 3 })
    expect(stats().requests.find(request => request.path === '/items')?.authorization).toBe(`Bearer ${accessToken}`)
    expect((await post(`${url}/auth/login`, { username: 'alice', password: 'wrong' })).status).toBe(401)
  })

  it('issues access tokens for the lifetime its options hold at the time', async () => {
    const api = await start({ accessTtl: 2 })
    const lifetime = ({ accessToken }: { accessToken: string }) => decodeJwt(accessToken).exp! - decodeJwt(accessToken).iat!
    const first = await api.login()
    expect(lifetime(first)).toBe(2)
    api.options.accessTtl = 60
    expect(lifetime(await api.login())).toBe(60)
    const refreshed = await post(`${api.url}/auth/refresh`, { refreshToken: first.refreshToken }).then(r => r.json())
    expect(lifetime(refreshed.data)).toBe(60)
  })

  it('keeps the refresh token with `rotation: \'none\'`', async () => {
    const { url, login } = await start({ rotation: 'none' })
    const { refreshToken } = await login()
    for (let i = 0; i < 2; i++) expect((await (await post(`${url}/auth/refresh`, { refreshToken })).json()).data.refreshToken).toBe(refreshToken)
  })

  it('answers in snake_case, and as an OAuth2 token endpoint', async () => {
    const snake = await start({ shape: 'snake_case', accessTtl: 30 })
    const tokens = await (await post(`${snake.url}/auth/login`, { username: 'bob', password: 'secret' })).json()
    expect(tokens).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 30 })
    expect((await post(`${snake.url}/auth/refresh`, { refresh_token: tokens.refresh_token })).status).toBe(200)
    await snake.close()
    const oauth = await start({ shape: 'oauth2' })
    const { refreshToken } = await oauth.login()
    expect((await post(`${oauth.url}/auth/refresh`, { refresh_token: refreshToken })).status).toBe(400)
    const granted = await post(`${oauth.url}/auth/refresh`, { grant_type: 'refresh_token', refresh_token: refreshToken }, true)
    expect(await granted.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) })
    expect(await (await post(`${oauth.url}/auth/refresh`, { grant_type: 'refresh_token', refresh_token: refreshToken }, true)).json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('fails the refresh a number of times, revokes every session, and resets', async () => {
    const test = await start()
    const { refreshToken, accessToken } = await test.login()
    test.failRefresh({ times: 2, status: 502 })
    expect((await post(`${test.url}/auth/refresh`, { refreshToken })).status).toBe(502)
    expect((await post(`${test.url}/auth/refresh`, { refreshToken })).status).toBe(502)
    const next = (await (await post(`${test.url}/auth/refresh`, { refreshToken })).json()).data
    expect(test.stats()).toMatchObject({ refreshCalls: 3, refreshes: 1, rejected: 0 })
    test.revokeAll()
    expect((await post(`${test.url}/auth/refresh`, { refreshToken: next.refreshToken })).status).toBe(401)
    expect((await fetch(`${test.url}/items`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401)
    test.reset()
    expect(test.stats()).toMatchObject({ refreshCalls: 0, refreshes: 0, requests: [] })
    await expect(test.login('nobody')).rejects.toThrow('The test API has no user "nobody"')
  })
})

describe('makeJwt', () => {
  it('makes a signed token with the claims, due in an hour unless told', async () => {
    const token = await makeJwt({ sub: '7', roles: ['admin'] })
    const claims = decodeJwt(token)
    expect(claims).toMatchObject({ sub: '7', roles: ['admin'] })
    expect(claims.exp! - claims.iat!).toBe(3600)
    expect(decodeJwt(await makeJwt({}, { expiresIn: -60 })).exp).toBeLessThan(Date.now() / 1000)
    const signed = await makeJwt({ sub: '1' }, { secret: 'api-secret' })
    await expect(jwtVerify(signed, new TextEncoder().encode('api-secret'))).resolves.toBeTruthy()
  })
})
