import { cookieNames } from './runtime/core/cookie-policy'
import { hasOwnSession, ownSession } from './runtime/core/own-sessions'
import { redirectTargetProblem } from './runtime/core/url'
import type { AxiosJwtOptions } from './runtime/types'

/** Stops the build with a clear error on options that cannot work. */
export function checkOptions(options: AxiosJwtOptions) {
  for (const [page, target] of Object.entries(options.redirect)) {
    // `forbidden: false` is Nuxt's error page.
    const problem = page === 'forbidden' && target === false ? undefined : redirectTargetProblem(target)
    if (problem) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.redirect.${page}\`: ${problem}. Give a path such as '/login' or a route location such as { name: 'login' }.`)
  }
  for (const [name, api] of Object.entries(options.apis)) {
    if (!/^[a-z][\w-]*$/i.test(name)) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis\`: "${name}" is not a name an app can call (letters, digits, _ and -, starting with a letter).`)
    if (typeof api?.baseURL !== 'string' || !api.baseURL) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis.${name}.baseURL\` must be the API's address (a URL, or a path on the site), not ${JSON.stringify(api?.baseURL)}.`)
  }
  for (const [name, path] of Object.entries(options.claims)) {
    if (typeof path !== 'string' || !path) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.claims.${name}\` must be a dot path (a non-empty string) such as 'realm_access.roles', not ${JSON.stringify(path)}.`)
  }
  checkOwnSessions(options)
}

/** The APIs with a session of their own: each needs cookies of its own, and works in the main API's cookie mode. */
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
    if (options.proxy.path) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis.${name}\` names \`endpoints\`, a session of its own, which proxy mode (\`axiosJwt.proxy\`) does not have: there the server holds the one session. Leave \`endpoints\` out to give the API the main session.`)
    const httpOnly = api.tokens?.refresh?.httpOnly
    if (httpOnly !== undefined && httpOnly !== options.tokens.refresh.httpOnly) {
      throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis.${name}.tokens.refresh.httpOnly\` is ${httpOnly}, the main API's ${options.tokens.refresh.httpOnly}: every session of an app keeps its refresh token the same way; leave it out.`)
    }
    claim(cookieNames(ownSession(name, api, options)), `\`axiosJwt.apis.${name}\``)
  }
}
