// The tests drive Debian's Chromium, start Debian's redis-server and build the docs site. Installs what is missing
// when allowed (root on Debian), else says how.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const redis = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server'
const missing = [[chromium, 'chromium'], [redis, 'redis-server']].filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg)
if (missing.length) {
  const root = process.getuid?.() === 0
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`Missing for the tests: ${missing.join(', ')}. Install (Debian/Ubuntu: \`sudo apt-get install -y ${missing.join(' ')}\`) or set CHROMIUM_PATH / REDIS_SERVER_PATH.`)
    process.exit(1)
  }
  console.log(`Installing Debian ${missing.join(', ')} for the tests...`)
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' })
}

// The docs site is its own package (VitePress 1 builds on vite 5, the module's tools on vite 7): its test builds it.
if (!existsSync(new URL('../docs/node_modules/vitepress/package.json', import.meta.url))) {
  console.log('Installing the docs site\'s packages (docs/package-lock.json) for its test...')
  execSync('npm ci --prefix docs --no-audit --no-fund --loglevel=error', { stdio: 'inherit', cwd: new URL('..', import.meta.url) })
}
