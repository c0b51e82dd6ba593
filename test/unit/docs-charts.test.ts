// The docs' benchmark charts come from bench/RESULTS.md; a table the results lack stops the docs build.
import { describe, expect, it } from 'vitest'
import { charts, leadingNumber, tableUnder } from '../../docs/charts.mjs'

const results = `# Benchmarks

## Proxy mode

Words before the table.

| path | requests/s | p50 ms |
|---|---|---|
| direct | 3918 | 2.80 |
| through the proxy route (\`proxy.path\`) | 2495 | 4.82 |

## Next
`

describe('the docs\' charts', () => {
  it('reads the rows of the table under a heading', () => {
    expect(tableUnder(results, '## Proxy mode')).toEqual([['direct', '3918', '2.80'], ['through the proxy route (`proxy.path`)', '2495', '4.82']])
  })

  it('stops on a section or a table the results lack, and on a cell that is not a number', () => {
    expect(() => tableUnder(results, '## Refresh storm and rotation safety')).toThrow(/no section "## Refresh storm/)
    expect(() => tableUnder(results, '## Next')).toThrow(/no table under "## Next"/)
    expect(() => leadingNumber('n/a')).toThrow(/"n\/a" is not a number/)
    expect(leadingNumber('1017 (933–1087)')).toBe(1017)
  })

  it('draws one bar per row of each section of the committed results', async () => {
    const { readFileSync } = await import('node:fs')
    const drawn: Record<string, string> = charts(readFileSync(new URL('../../bench/RESULTS.md', import.meta.url), 'utf8'))
    expect(Object.keys(drawn).sort()).toEqual(['client-code.svg', 'proxy.svg', 'ssr-cpu.svg', 'storm.svg'])
    expect(drawn['storm.svg']!.match(/<rect x=/g)?.length).toBe(6)
    expect(drawn['proxy.svg']).toContain('through the proxy route')
  })
})
