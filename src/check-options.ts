import { redirectTargetProblem } from './runtime/core/url'
import type { AxiosJwtOptions } from './runtime/types'

/** Stops the build with a clear error on options that cannot work. */
export function checkOptions(options: Pick<AxiosJwtOptions, 'redirect' | 'apis' | 'claims'>) {
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
}
