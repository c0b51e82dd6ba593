// The newest-Nuxt leg's choice of an upstream fix: none for a plain app that builds, the matching one for a known break.
import { describe, expect, it } from 'vitest'
import { chooseUpstreamFix, type BuildResult } from '../utils/upstream-fixes'

const viteBreak = 'ERROR [EXTERNAL_MODULES_CANNOT_BE_TRANSFORMED_TO_MODULES] "node_modules/unctx/dist/index.mjs" is resolved as a module now'
// The same break, worded for the other import the bundler may meet first.
const viteBreakOtherWording = '[INVALID_EXTERNAL_ID] "node_modules/unctx/dist/index.mjs" is imported as an external by "node_modules/nuxt/dist/app/nuxt.js"'

/** Builds that answer in turn, recording the overrides each was asked to build with. */
function builds(...results: BuildResult[]) {
  const asked: Record<string, string>[] = []
  const build = (overrides: Record<string, string>) => {
    asked.push(overrides)
    return results[asked.length - 1]!
  }
  return { build, asked }
}

describe('chooseUpstreamFix', () => {
  it('applies no override when the plain app builds as installed', () => {
    const { build, asked } = builds({ ok: true })
    expect(chooseUpstreamFix(build)).toBeUndefined()
    expect(asked).toEqual([{}])
  })

  it('applies the vite override for the vite 8.4 break, and confirms the plain app then builds', () => {
    const { build, asked } = builds({ ok: false, output: viteBreak }, { ok: true })
    const fix = chooseUpstreamFix(build)
    expect(fix?.overrides).toEqual({ vite: '8.3.8' })
    expect(fix?.why).toMatch(/vite 8\.4\.0/)
    expect(asked).toEqual([{}, { vite: '8.3.8' }])
  })

  it('knows the vite 8.4 break by its other wording too', () => {
    const { build, asked } = builds({ ok: false, output: viteBreakOtherWording }, { ok: true })
    expect(chooseUpstreamFix(build)?.overrides).toEqual({ vite: '8.3.8' })
    expect(asked).toEqual([{}, { vite: '8.3.8' }])
  })

  it('stops with the build output when the failure is not a known break', () => {
    const { build, asked } = builds({ ok: false, output: 'Cannot find module "something-new"' })
    expect(() => chooseUpstreamFix(build)).toThrow(/no known fix matches:\nCannot find module "something-new"/)
    expect(asked).toEqual([{}])
  })

  it('stops when the known fix does not mend the plain app', () => {
    const { build } = builds({ ok: false, output: viteBreak }, { ok: false, output: 'still broken' })
    expect(() => chooseUpstreamFix(build)).toThrow(/even with vite pinned to 8\.3\.8:\nstill broken/)
  })
})
