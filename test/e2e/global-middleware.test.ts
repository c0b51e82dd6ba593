import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { fixtureWithApi } from '../utils/fixture'

// The login and home pages named as route locations rather than paths.
await fixtureWithApi({ nuxtConfig: { axiosJwt: { globalMiddleware: true, redirect: { login: { name: 'login' }, home: { name: 'public' } } } } })

describe('globalMiddleware: true, redirects as named routes', () => {
  it('guards a page that names no middleware', async () => {
    const response = await fetch('/plain', { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?redirect=/plain')
  })

  it('lets pages with `auth: false` and the login page through', async () => {
    expect((await fetch('/public', { redirect: 'manual' })).status).toBe(200)
    expect((await fetch('/login', { redirect: 'manual' })).status).toBe(200)
  })

  it('takes the user back to the guarded page after login', async () => {
    const page = await createPage('/plain')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/plain'))
    expect(await page.getByTestId('logged-in').textContent()).toContain('yes')
  })

  it('goes to the named home page after a login without `redirect`', async () => {
    const page = await createPage('/login')
    await page.getByTestId('submit').click()
    await page.waitForURL(url('/public'))
  })
})
