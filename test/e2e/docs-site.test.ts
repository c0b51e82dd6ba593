// The documentation site as a reader meets it: built with VitePress (`npm run docs:build`), served from its output on
// loopback, and every page reachable from the home page opened in Chromium: no broken internal link or anchor, no
// missing image, no console error, no failed request; the search box finds "proxy".
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserOptions } from '../utils/browser'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dist = join(root, 'docs/.vitepress/dist')

const types: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.woff2': 'font/woff2', '.png': 'image/png', '.ico': 'image/x-icon',
}

/** The file a path of the site names: itself, `<path>.html`, or `<path>/index.html`, never outside the output. */
function fileOf(path: string): string | undefined {
  const clean = normalize(decodeURIComponent(path.split('?')[0]!)).replace(/^(\.\.[/\\])+/, '')
  for (const candidate of [clean, `${clean}.html`, join(clean, 'index.html')]) {
    const file = join(dist, candidate)
    if (file.startsWith(dist) && existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

/** A static server of the built site on 127.0.0.1, as any host would serve it. */
async function serveSite(): Promise<{ url: string, server: Server }> {
  const server = createServer((req, res) => {
    const file = fileOf(req.url ?? '/')
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html' }).end(readFileSync(join(dist, '404.html')))
      return
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

let site: { url: string, server: Server }
let browser: Browser

beforeAll(async () => {
  if (!existsSync(join(root, 'docs/node_modules/vitepress'))) throw new Error('The docs site\'s packages are not installed: run `npm ci --prefix docs`.')
  execFileSync('npm', ['run', 'docs:build'], { cwd: root, stdio: 'pipe' })
  site = await serveSite()
  browser = await chromium.launch(browserOptions.launch)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  site?.server.close()
})

interface Visit {
  /** Same-site links of the page, absolute, with their fragment. */
  links: string[]
  /** The ids of the page's elements, for the fragments that point at it. */
  ids: string[]
  /** Images that did not load. */
  brokenImages: string[]
  /** Console errors, uncaught errors and failed or refused requests. */
  problems: string[]
}

async function visit(page: Page, url: string): Promise<Visit> {
  const problems: string[] = []
  page.on('console', message => message.type() === 'error' && problems.push(`console: ${message.text()}`))
  page.on('pageerror', error => problems.push(`uncaught: ${error.message}`))
  page.on('requestfailed', request => problems.push(`failed: ${request.url()}`))
  page.on('response', response => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`))
  // `load` waits for the page's images and scripts.
  await page.goto(url, { waitUntil: 'load' })
  const found = await page.evaluate(origin => ({
    links: [...document.querySelectorAll('a[href]')].map(a => (a as HTMLAnchorElement).href).filter(href => href.startsWith(origin)),
    ids: [...document.querySelectorAll('[id]')].map(element => element.id),
    brokenImages: [...document.images].filter(image => !image.complete || image.naturalWidth === 0).map(image => image.src),
  }), site.url)
  return { ...found, problems }
}

describe('the documentation site', () => {
  it('opens every page without a broken link or anchor, a missing image, a console error or a failed request', async () => {
    const visits = new Map<string, Visit>()
    const queue = [`${site.url}/`]
    const context = await browser.newContext()
    while (queue.length > 0 && visits.size < 200) {
      const url = queue.shift()!
      if (visits.has(url)) continue
      const page = await context.newPage()
      const seen = await visit(page, url)
      await page.close()
      visits.set(url, seen)
      for (const link of seen.links) {
        const target = link.split('#')[0]!
        if (!visits.has(target) && !queue.includes(target)) queue.push(target)
      }
    }
    await context.close()

    // Every page the build wrote is reachable from the home page by its links.
    const built = readdirSync(dist, { recursive: true }).map(String).filter(file => file.endsWith('.html') && file !== '404.html')
      .map(file => file === 'index.html' ? '/' : `/${file.replaceAll('\\', '/')}`)
    const pages = [...visits.keys()].map(url => url.slice(site.url.length))
    expect(built.length).toBeGreaterThanOrEqual(19)
    expect(built.filter(file => !pages.includes(file))).toEqual([])
    expect([...visits].flatMap(([url, seen]) => seen.problems.map(problem => `${url}: ${problem}`))).toEqual([])
    expect([...visits].flatMap(([url, seen]) => seen.brokenImages.map(image => `${url}: ${image}`))).toEqual([])
    const brokenAnchors = [...visits].flatMap(([url, seen]) => seen.links.filter((link) => {
      const [target, fragment] = link.split('#')
      return fragment !== undefined && fragment !== '' && !visits.get(target!)?.ids.includes(decodeURIComponent(fragment))
    }).map(link => `${url} → ${link}`))
    expect(brokenAnchors).toEqual([])
  }, 180_000)

  it('shows the four charts drawn from bench/RESULTS.md on the benchmarks page', async () => {
    const page = await browser.newPage()
    await page.goto(`${site.url}/benchmarks.html`, { waitUntil: 'networkidle' })
    const charts = await page.evaluate(() => [...document.images].filter(image => image.src.includes('/charts/')).map(image => [image.src.split('/').pop(), image.naturalWidth]))
    await page.close()
    expect(charts.map(([name]) => name).sort()).toEqual(['client-code.svg', 'proxy.svg', 'ssr-cpu.svg', 'storm.svg'])
    expect(charts.every(([, width]) => Number(width) > 0)).toBe(true)
  })

  it('finds "proxy" with the search box', async () => {
    const page = await browser.newPage()
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: 'Search' }).click()
    await page.locator('.search-input').fill('proxy')
    const results = page.locator('.results .result')
    await expect.poll(() => results.count()).toBeGreaterThan(0)
    const titles = await results.allTextContents()
    await page.close()
    expect(titles.join(' ').toLowerCase()).toContain('proxy')
  })
})
