import { createPage, url } from '@nuxt/test-utils/e2e'
import type { Page } from 'playwright-core'

/**
 * The login page at `path` as a user meets it before the app's scripts have run (a slow phone, a dev server): the
 * scripts are held back until `submit` has been clicked, so the browser posts the form itself. Resolves once that
 * form's request has gone out, with the requests the page made.
 */
export async function submitBeforeHydration(path: string, fill: { password?: string } = {}): Promise<{ page: Page, requests: Array<{ method: string, url: string, body: string | null }> }> {
  const page = await createPage()
  const requests: Array<{ method: string, url: string, body: string | null }> = []
  page.on('request', (request) => {
    if (request.isNavigationRequest()) requests.push({ method: request.method(), url: request.url(), body: request.postData() })
  })
  const held = (route: { abort: () => Promise<void> }) => route.abort()
  await page.route('**/_nuxt/**', held)
  await page.goto(url(path))
  if (fill.password !== undefined) await page.getByTestId('password').fill(fill.password)
  await page.unroute('**/_nuxt/**', held)
  await Promise.all([page.waitForRequest(request => request.isNavigationRequest() && requests.length > 0), page.getByTestId('submit').click()])
  return { page, requests }
}
