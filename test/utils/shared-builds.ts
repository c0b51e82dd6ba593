import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's name for the fixture builds its suites share. */
    sharedBuildsRun: string
  }
}

/**
 * The production build of a fixture with one `nuxt.config` override, made by the first suite that asks for it and
 * served again by the others of the same run (`build: false` in `@nuxt/test-utils`' setup). Each build lives in the
 * fixture's `.nuxt/test/`, named by the run and a hash of the override; the run removes its own builds at its end.
 */
export function sharedBuild(rootDir: string, nuxtConfig: object, run: string): { buildDir: string, built: boolean } {
  const key = createHash('sha256').update(JSON.stringify(nuxtConfig)).digest('hex').slice(0, 12)
  const buildDir = join(rootDir, '.nuxt', 'test', `shared-${run}-${key}`)
  const built = existsSync(join(buildDir, 'output', 'server', 'index.mjs'))
  // Made before the setup sees it, so the setup's teardown leaves it for the next suite.
  mkdirSync(buildDir, { recursive: true })
  return { buildDir, built }
}

/** Vitest's global setup: names the run, and removes its builds when it ends. */
export default function setup(project: TestProject) {
  const run = randomUUID().slice(0, 8)
  project.provide('sharedBuildsRun', run)
  return () => {
    const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))
    for (const fixture of readdirSync(fixtures)) {
      const testDir = join(fixtures, fixture, '.nuxt', 'test')
      if (!existsSync(testDir)) continue
      for (const build of readdirSync(testDir).filter(name => name.startsWith(`shared-${run}-`))) {
        rmSync(join(testDir, build), { recursive: true, force: true, maxRetries: 3 })
      }
    }
  }
}
