import { cookieNames } from '../runtime/core/cookies/cookie-policy'
import { isProxyMode } from '../runtime/core/mode'
import { isOidcOn } from '../runtime/core/oidc'
import { forwardHeaderProblem } from '../runtime/core/server-only/proxy-headers'
import { isPlainHttpRemote, redirectTargetProblem } from '../runtime/core/url'
import type { AxiosJwtMode, AxiosJwtOptions } from '../runtime/types'
import { hasOwnSession, ownSession } from './own-sessions'
import { checkRenamedOptions } from './renamed-options'

// Keyed by the mode type, so a mode added to the type and not here fails the type check.
const modeNames: Record<AxiosJwtMode, true> = { readable: true, httpOnly: true, proxy: true }
const modes = Object.keys(modeNames)
const modeList = modes.map(mode => `'${mode}'`).join(', ').replace(/, ([^,]*)$/, ' or $1')

/** Stops the build with a clear error on options that cannot work. */
export function checkOptions(options: AxiosJwtOptions) {
  checkRenamedOptions(options)
  if (!modes.includes(options.mode)) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.mode\` is ${modeList}, not ${JSON.stringify(options.mode)}.`)
  for (const [page, target] of Object.entries(options.redirect)) {
    // `forbidden: false` is Nuxt's error page.
    const problem = page === 'forbidden' && target === false ? undefined : redirectTargetProblem(target)
    if (problem) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.redirect.${page}\`: ${problem}. Give a path such as '/login' or a route location such as { name: 'login' }.`)
  }
  for (const [name, api] of Object.entries(options.apis)) {
    if (!/^[a-z][\w-]*$/i.test(name)) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis\`: "${name}" is not a name an app can call (letters, digits, _ and -, starting with a letter).`)
    if (typeof api?.baseURL !== 'string' || !api.baseURL) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis.${name}.baseURL\` must be the API's address (a URL, or a path on the site), not ${JSON.stringify(api?.baseURL)}.`)
  }
  if (!Array.isArray(options.liveOrigins) || options.liveOrigins.some(origin => typeof origin !== 'string' || !/^(?:http|ws)s?:\/\/[^/]/.test(origin))) {
    throw new Error(`[nuxt-axios-jwt] \`axiosJwt.liveOrigins\` must be a list of absolute URLs such as ['wss://live.example.com'], not ${JSON.stringify(options.liveOrigins)}.`)
  }
  for (const [name, path] of Object.entries(options.claims)) {
    if (typeof path !== 'string' || !path) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.claims.${name}\` must be a dot path (a non-empty string) such as 'realm_access.roles', not ${JSON.stringify(path)}.`)
  }
  checkProxy(options.proxy)
  checkOwnSessions(options)
  checkOidc(options)
}

/** The sign-in with an identity provider: addresses that are URLs, paths on the site, a known source of the user. */
function checkOidc({ oidc, mode }: AxiosJwtOptions) {
  if (!isOidcOn(oidc)) return
  if (mode === 'readable') throw new Error('[nuxt-axios-jwt] Signing in with an identity provider (`axiosJwt.oidc`) keeps the refresh token on the server: set `axiosJwt.mode` to \'httpOnly\' or \'proxy\'.')
  const addresses: Array<[string, string]> = [['issuer', oidc.issuer], ...Object.entries(oidc.endpoints).map(([name, url]): [string, string] => [`endpoints.${name}`, url])]
  for (const [name, url] of addresses) {
    if (url && !/^https?:\/\/[^/]/.test(url)) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.oidc.${name}\` must be an absolute http(s) URL, not ${JSON.stringify(url)}.`)
    if (url && isPlainHttpRemote(url)) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.oidc.${name}\` (${url}) is plain HTTP beyond this machine: codes and tokens would cross the network unencrypted. Use https:.`)
  }
  if (oidc.endpoints.jwks && !oidc.issuer) throw new Error('[nuxt-axios-jwt] `axiosJwt.oidc.endpoints.jwks` needs the issuer its keys belong to, which ID tokens must name: set `axiosJwt.oidc.issuer`.')
  for (const name of ['callbackPath', 'logoutRedirect'] as const) {
    if (typeof oidc[name] !== 'string' || !oidc[name].startsWith('/') || oidc[name].startsWith('//')) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.oidc.${name}\` must be a path on the site such as '/auth/callback', not ${JSON.stringify(oidc[name])}.`)
  }
  if (oidc.user !== 'id_token' && oidc.user !== 'userinfo') throw new Error(`[nuxt-axios-jwt] \`axiosJwt.oidc.user\` is 'id_token' or 'userinfo', not ${JSON.stringify(oidc.user)}.`)
  if (oidc.scopes !== undefined && (!Array.isArray(oidc.scopes) || oidc.scopes.some(scope => typeof scope !== 'string' || !scope || /\s/.test(scope)))) {
    throw new Error(`[nuxt-axios-jwt] \`axiosJwt.oidc.scopes\` must be a list of scope names without spaces, such as ['openid', 'profile'], not ${JSON.stringify(oidc.scopes)}.`)
  }
}

/** Proxy mode: a path of its own, paths it may open as pages, headers it may forward. */
function checkProxy(proxy: AxiosJwtOptions['proxy']) {
  if (typeof proxy.path !== 'string' || !proxy.path.startsWith('/') || proxy.path.startsWith('//') || proxy.path === '/') {
    throw new Error(`[nuxt-axios-jwt] \`axiosJwt.proxy.path\` must be a path on the site below its root, such as '/api', not ${JSON.stringify(proxy.path)}.`)
  }
  if (!Array.isArray(proxy.navigation) || proxy.navigation.some(path => typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//'))) {
    throw new Error(`[nuxt-axios-jwt] \`axiosJwt.proxy.navigation\` must be a list of paths under the proxy such as ['/files/'], not ${JSON.stringify(proxy.navigation)}.`)
  }
  const problem = Array.isArray(proxy.forwardHeaders) ? proxy.forwardHeaders.map(forwardHeaderProblem).find(Boolean) : 'it is not a list'
  if (problem) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.proxy.forwardHeaders\`: ${problem}.`)
}

/** The APIs with an own session: each needs cookies of its own. */
function checkOwnSessions(options: AxiosJwtOptions) {
  const owners = new Map<string, string>()
  const claim = (cookies: ReturnType<typeof cookieNames>, owner: string) => {
    for (const cookie of Object.values(cookies)) {
      const other = owners.get(cookie)
      if (other) throw new Error(`[nuxt-axios-jwt] ${owner} and ${other} both use the cookie "${cookie}": give each session cookies of its own (\`tokens.access.cookie\`, \`tokens.refresh.cookie\`).`)
      owners.set(cookie, owner)
    }
  }
  claim(cookieNames(options), 'the main API')
  for (const [name, api] of Object.entries(options.apis)) {
    if (!hasOwnSession(api)) continue
    if (isProxyMode(options)) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis.${name}\` names \`endpoints\`, an own session, which proxy mode does not have: there the server holds the one session. Leave \`endpoints\` out to give the API the main session.`)
    claim(cookieNames(ownSession(name, api, options)), `\`axiosJwt.apis.${name}\``)
  }
}
