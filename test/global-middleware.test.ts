import { fileURLToPath } from 'node:url'
import { createPage, fetch, setup, url } from '@nuxt/test-utils/e2e'
import { afterAll, describe, expect, it } from 'vitest'
import { browserOptions } from './utils/browser'
import { startTestApi } from './utils/test-api'

const api = await startTestApi()

await setup({
  rootDir: fileURLToPath(new URL('./fixtures/basic', import.meta.url)),
  browser: true,
  browserOptions,
  nuxtConfig: { axiosJwt: { globalMiddleware: true } },
  env: { NUXT_PUBLIC_AXIOS_JWT_BASE_URL: api.url },
})

afterAll(() => api.close())

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
