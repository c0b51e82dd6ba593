import { defineEventHandler, getRequestURL, setResponseHeader } from 'h3'
import { CSRF_HEADER } from '../../core/http-only'
import { DEVTOOLS_HISTORY_KEY } from '../../core/devtools'

/** Development only: the DevTools tab, a page of the app's own origin that shows the session and the refreshes. */
export default defineEventHandler((event) => {
  setResponseHeader(event, 'content-type', 'text/html; charset=utf-8')
  const sessionURL = `${getRequestURL(event).pathname.replace(/\/$/, '')}/session`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>JWT session</title>
<style>
body { font: 13px/1.5 system-ui, sans-serif; margin: 1rem; color: #222; }
h2 { font-size: 14px; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; } td, th { text-align: left; padding: .15rem .8rem .15rem 0; vertical-align: top; }
code, pre { font: 12px ui-monospace, monospace; } .muted { color: #888; } .bad { color: #b00; } .ok { color: #080; }
@media (prefers-color-scheme: dark) { body { background: #151515; color: #ddd; } }
</style></head>
<body>
<h2>Tokens</h2><div id="tokens" class="muted">Loading…</div>
<h2>Access token claims</h2><pre id="claims" class="muted">—</pre>
<div id="apis"></div>
<h2>Refreshes in this browser</h2><div id="history" class="muted">None yet.</div>
<h2>Options</h2><pre id="options"></pre>
<script type="module">
const esc = s => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])
const time = s => s === null || s === undefined ? 'unknown' : s > 0 ? 'in ' + s + ' s' : Math.abs(s) + ' s ago'
const tokens = (a, r) => '<table>'
  + '<tr><th>Access token</th><td>' + (a.present ? (a.jwt ? 'JWT' : 'opaque') + ', expires ' + time(a.expiresIn) : '<span class="bad">none</span>') + '</td></tr>'
  + '<tr><th>Refresh token</th><td>' + (r.present ? 'present' + (r.httpOnly ? ' (HttpOnly)' : '') + ', expires ' + time(r.expiresIn) : '<span class="bad">none</span>') + '</td></tr>'
  + '</table>'
async function update() {
  const response = await fetch(${JSON.stringify(sessionURL)}, { headers: { ${JSON.stringify(CSRF_HEADER)}: '1' } })
  const data = await response.json()
  document.getElementById('tokens').innerHTML = tokens(data.accessToken, data.refreshToken)
  document.getElementById('claims').textContent = data.accessToken.claims ? JSON.stringify(data.accessToken.claims, null, 2) : '—'
  // The APIs with an own session, each beside the main one.
  document.getElementById('apis').innerHTML = Object.entries(data.apis || {}).map(([name, own]) =>
    '<h2>Session of ' + esc(name) + ' (' + esc(own.options.baseURL) + ')</h2>' + tokens(own.accessToken, own.refreshToken)
    + '<pre>' + esc(own.accessToken.claims ? JSON.stringify(own.accessToken.claims, null, 2) : '—') + '</pre>').join('')
  document.getElementById('options').textContent = JSON.stringify(data.options, null, 2)
  const history = JSON.parse(localStorage.getItem(${JSON.stringify(DEVTOOLS_HISTORY_KEY)}) || '[]')
  document.getElementById('history').innerHTML = history.length
    ? '<table><tr><th>When</th><th>Session</th><th>Outcome</th><th>Detail</th></tr>' + history.slice().reverse().map(h =>
      '<tr><td>' + new Date(h.at).toLocaleTimeString() + '</td><td>' + esc(h.api || 'main') + '</td><td class="' + (h.outcome === 'refreshed' ? 'ok' : 'bad') + '">'
      + esc(h.outcome) + '</td><td>' + esc(h.detail || '') + '</td></tr>').join('') + '</table>'
    : 'None yet.'
}
update()
setInterval(update, 1000)
</script>
</body></html>`
})
