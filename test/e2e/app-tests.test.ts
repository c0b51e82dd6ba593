// The README's "Testing your app": a plain app that installs the packed module runs its own unit tests (the `nuxt`
// environment, `setTestSession`) and end-to-end tests (Chromium against `startJwtTestApi`) with the public helpers of
// `nuxt-axios-jwt/testing` only.
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { chromiumPath } from '../utils/browser'
import { packedTarball } from '../utils/packed'

const tmp = fileURLToPath(new URL('../.tmp-apps/', import.meta.url))
const app = join(tmp, 'app-tests')
rmSync(tmp, { recursive: true, force: true })
mkdirSync(join(app, 'node_modules/nuxt-axios-jwt'), { recursive: true })
cpSync(fileURLToPath(new URL('../fixtures/app-tests', import.meta.url)), app, { recursive: true })
const tarball = packedTarball(tmp)
await promisify(execFile)('tar', ['-xzf', join(tmp, tarball), '-C', join(app, 'node_modules/nuxt-axios-jwt'), '--strip-components=1'])

/** The app's own tests, as its developers run them; resolves to their report, whatever the outcome. */
async function runAppTests(): Promise<{ code: number, report: { numPassedTests: number, numFailedTests: number, testResults: Array<{ name: string, status: string }> }, output: string }> {
  const reportFile = join(tmp, 'report.json')
  const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url))
  const run = promisify(execFile)(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], {
    cwd: app,
    env: { ...process.env, CHROMIUM_PATH: chromiumPath, NODE_ENV: 'test' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const { code, output } = await run.then(({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }), (error: { code: number, stdout: string, stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }))
  return { code, report: JSON.parse(readFileSync(reportFile, 'utf8')), output }
}

/** The JavaScript of the app's production build (`nuxi build`), client and server. */
async function productionBuild(): Promise<string[]> {
  const nuxi = fileURLToPath(new URL('../../node_modules/@nuxt/cli/bin/nuxi.mjs', import.meta.url))
  await promisify(execFile)(process.execPath, [nuxi, 'build'], { cwd: app, maxBuffer: 64 * 1024 * 1024 })
  const output = join(app, '.output')
  return readdirSync(output, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile() && /\.m?js$/.test(entry.name) && !join(entry.parentPath, entry.name).includes('node_modules'))
    .map(entry => join(entry.parentPath, entry.name))
}

describe('a plain app\'s own tests with `nuxt-axios-jwt/testing`', () => {
  it('pass: unit tests with a session set for them, and end-to-end tests against the test API', async () => {
    const { code, report, output } = await runAppTests()
    expect(code, output.slice(-4000)).toBe(0)
    expect(report.numFailedTests).toBe(0)
    // Three unit tests and two end-to-end tests ran.
    expect(report.numPassedTests).toBe(5)
  }, 600_000)

  it('leave nothing of the test helpers in the app\'s production build', async () => {
    const files = await productionBuild()
    expect(files.some(file => file.includes('/public/_nuxt/'))).toBe(true)
    expect(files.some(file => file.includes('/server/'))).toBe(true)
    // The app's own code and the module's are there; the helpers' names and their test key are not.
    expect(files.filter(file => readFileSync(file, 'utf8').includes('axios-jwt:refreshed')).length).toBeGreaterThan(0)
    expect(files.filter(file => /startJwtTestApi|setTestSession|never trusted/.test(readFileSync(file, 'utf8')))).toEqual([])
  }, 300_000)
})
