import { createPage, fetch, url } from '@nuxt/test-utils/e2e'
import { describe, expect, it } from 'vitest'
import { fixtureWithApi } from './utils/fixture'

await fixtureWithApi({ nuxtConfig: { axiosJwt: { globalMiddleware: true } } })

describe('globalMiddleware: true', () => {
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
})
