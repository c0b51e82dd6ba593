/**
 * Breaks of the newest Nuxt or its tools that hit every fresh app, with or without this module, and the smallest
 * override known to mend each. The newest-Nuxt leg builds a plain app first: it applies a fix only when that plain
 * build fails with the fix's symptom, so once the upstream release is mended the leg tests the newest releases again.
 */
export interface UpstreamFix {
  /** What the override does, for the leg's output. */
  name: string
  /** Why it is needed: the release that broke, when, and how it shows. */
  why: string
  /** A line of `nuxt build` output that only this break prints. */
  symptom: RegExp
  /** npm `overrides` for the app's package.json. */
  overrides: Record<string, string>
}

export const knownUpstreamFixes: UpstreamFix[] = [
  {
    name: 'vite pinned to 8.3.8',
    why: 'vite 8.4.0 (published 2026-11-26) fails `nuxt build` of any Nuxt 4.5 app on unctx (EXTERNAL_MODULES_CANNOT_BE_TRANSFORMED_TO_MODULES or INVALID_EXTERNAL_ID, whichever import it meets first)',
    // Either wording, depending on which of unctx's importers the bundler meets first.
    symptom: /\[(?:EXTERNAL_MODULES_CANNOT_BE_TRANSFORMED_TO_MODULES|INVALID_EXTERNAL_ID)\][^\n]*unctx/,
    overrides: { vite: '8.3.8' },
  },
]

export type BuildResult = { ok: true } | { ok: false, output: string }

/**
 * The fix a plain app of the newest Nuxt needs to build: none when it builds as installed; otherwise the first known
 * fix whose symptom the failed build printed, confirmed by a second build with its overrides. Throws when the plain
 * app cannot be built either way: then the break is upstream and new, and no module test would say anything.
 */
export function chooseUpstreamFix(buildPlain: (overrides: Record<string, string>) => BuildResult, fixes = knownUpstreamFixes): UpstreamFix | undefined {
  const plain = buildPlain({})
  if (plain.ok) return undefined
  const fix = fixes.find(candidate => candidate.symptom.test(plain.output))
  if (!fix) throw new Error(`A plain app of the newest Nuxt does not build, and no known fix matches:\n${plain.output}`)
  const fixed = buildPlain(fix.overrides)
  if (!fixed.ok) throw new Error(`A plain app of the newest Nuxt does not build even with ${fix.name}:\n${fixed.output}`)
  return fix
}
