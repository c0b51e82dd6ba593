// The configurations of the docs are real: each snippet (docs/snippets/, included by the guides) type-checks against
// the module's options (`npm run test:types`), and here passes the checks that stop a build, with the module's defaults
// merged as Nuxt merges them.
import { readdirSync } from 'node:fs'
import { defu } from 'defu'
import { describe, expect, it } from 'vitest'
import { checkOptions } from '../../src/build/check-options'
import { optionDefaults } from '../../src/build/defaults'
import type { AxiosJwtOptions } from '../../src/runtime/types'

const snippets = new URL('../../docs/snippets/', import.meta.url)
const files = readdirSync(snippets).filter(file => file.endsWith('.ts'))

/** A snippet's `nuxt.config`, as `defineNuxtConfig` returns it. */
async function configOf(file: string): Promise<{ modules?: string[], axiosJwt?: Partial<AxiosJwtOptions> }> {
  Object.assign(globalThis, { defineNuxtConfig: (config: object) => config })
  return (await import(new URL(file, snippets).href)).default
}

describe('the docs\' configuration snippets', () => {
  it('are there for the guides that configure the module', () => {
    expect(files.length).toBeGreaterThan(15)
  })

  it.each(files)('%s installs the module and passes the build\'s option checks', async (file) => {
    const config = await configOf(file)
    expect(config.modules).toContain('nuxt-axios-jwt')
    expect(config.axiosJwt).toBeTypeOf('object')
    expect(() => checkOptions(defu(config.axiosJwt, optionDefaults(false)) as AxiosJwtOptions)).not.toThrow()
  })

  it('fails a snippet the build would stop', async () => {
    const config = await configOf('identity-providers-oidc-provider.ts')
    expect(() => checkOptions(defu({ ...config.axiosJwt, mode: 'readable' }, optionDefaults(false)) as AxiosJwtOptions)).toThrow(/set `axiosJwt.mode` to 'httpOnly' or 'proxy'/)
  })
})
