// Draws the benchmark charts of the docs from the bench's own results (bench/RESULTS.md, written by `npm run bench`)
// into public/charts/: one SVG per section. A table the results lack stops the docs build, so a chart never shows
// numbers of another run than the tables beside it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'

const results = readFileSync(new URL('../bench/RESULTS.md', import.meta.url), 'utf8')
const out = new URL('./public/charts/', import.meta.url)

/** The rows of the first table under the heading `heading`, each as its cells. */
export function tableUnder(markdown, heading) {
  const start = markdown.indexOf(`\n${heading}\n`)
  if (start < 0) throw new Error(`bench/RESULTS.md has no section "${heading}"`)
  const lines = markdown.slice(start).split('\n')
  const first = lines.findIndex(line => line.startsWith('|'))
  const rows = []
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break
    rows.push(line.slice(1, -1).split(' | ').map(cell => cell.trim()))
  }
  if (rows.length === 0) throw new Error(`bench/RESULTS.md has no table under "${heading}"`)
  return rows
}

/** The leading number of a cell such as `1017 (933–1087)`. */
export function leadingNumber(cell) {
  const value = Number.parseFloat(cell)
  if (!Number.isFinite(value)) throw new Error(`bench/RESULTS.md: "${cell}" is not a number`)
  return value
}

const escape = text => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * A horizontal bar chart: one bar per row, its value written at its end; `logScale` for values that span orders of
 * magnitude; `mark` draws a labelled vertical line (a target).
 */
export function barChart({ title, unit, rows, logScale = false, mark }) {
  const labelWidth = Math.max(...rows.map(row => row.label.length)) * 7 + 16
  const barWidth = 360
  const rowHeight = 28
  const top = 40
  const height = top + rows.length * rowHeight + 30
  const max = Math.max(...rows.map(row => row.value), mark?.value ?? 0)
  const scale = value => logScale ? (Math.log10(value + 1) / Math.log10(max + 1)) * barWidth : (value / max) * barWidth
  const bars = rows.map((row, i) => {
    const y = top + i * rowHeight
    const width = Math.max(1, scale(row.value))
    return `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escape(row.label)}</text>`
      + `<rect x="${labelWidth}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 10}" fill="${row.highlight ? '#00a86b' : '#8a94a6'}"/>`
      + `<text x="${(labelWidth + width + 6).toFixed(1)}" y="${y + 17}">${escape(row.text ?? `${row.value} ${unit}`)}</text>`
  })
  const markLine = mark
    ? `<line x1="${(labelWidth + scale(mark.value)).toFixed(1)}" x2="${(labelWidth + scale(mark.value)).toFixed(1)}" y1="${top - 4}" y2="${height - 24}" stroke="#d04040" stroke-dasharray="4 3"/>`
    + `<text x="${(labelWidth + scale(mark.value)).toFixed(1)}" y="${height - 8}" text-anchor="middle" fill="#d04040">${escape(mark.label)}</text>`
    : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 110}" height="${height}" font-family="system-ui, sans-serif" font-size="13">`
    + `<title>${escape(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>`
    + `<text x="8" y="22" font-weight="600" font-size="14">${escape(title)}</text>${bars.join('')}${markLine}</svg>\n`
}

/** Each chart of the docs, from its section of the results. */
export function charts(markdown) {
  const storm = tableUnder(markdown, '## Refresh storm and rotation safety')
  const code = tableUnder(markdown, '## The module\'s client code')
  const ssr = tableUnder(markdown, '## SSR throughput and server CPU').filter(row => row[3] !== '')
  const proxy = tableUnder(markdown, '## Proxy mode')
  return {
    'storm.svg': barChart({
      title: 'Refresh calls for N concurrent requests with an expired token (log scale)',
      unit: 'calls',
      logScale: true,
      rows: storm.map(row => ({ label: `N = ${row[0]}, ${row[1]}`, value: leadingNumber(row[2]), text: `${row[2]} call${row[2] === '1' ? '' : 's'}`, highlight: row[1] === 'nuxt-axios-jwt' })),
    }),
    'client-code.svg': barChart({
      title: 'The module\'s code a page loads, per mode (gzip bytes)',
      unit: 'B',
      rows: code.map(row => ({ label: row[0], value: leadingNumber(row[1]), highlight: true })),
      mark: { value: 3000, label: 'target 3,000 B' },
    }),
    'ssr-cpu.svg': barChart({
      title: 'Server CPU per render (µs, median)',
      unit: 'µs',
      rows: ssr.map(row => ({ label: row[0], value: leadingNumber(row[3]), highlight: row[0].startsWith('nuxt-axios-jwt') })),
    }),
    'proxy.svg': barChart({
      title: 'Requests per second: the API called directly and through proxy mode',
      unit: 'req/s',
      rows: proxy.map(row => ({ label: row[0].replace(/`/g, ''), value: leadingNumber(row[1]), highlight: row[0].includes('proxy') })),
    }),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(out, { recursive: true })
  for (const [name, svg] of Object.entries(charts(results))) writeFileSync(new URL(name, out), svg)
}
