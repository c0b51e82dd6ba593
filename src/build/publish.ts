import type { Nuxt } from '@nuxt/schema'
import { hasNuxtModule, addTemplate, addTypeTemplate, type Resolver } from '@nuxt/kit'
import { defu } from 'defu'
import { isProxyMode, refreshOnServer } from '../runtime/core/mode'
import { oidcParts } from '../runtime/core/oidc'
import type { BuiltOptions, DeployOptions, OwnSession, ServerDeployOptions } from '../runtime/core/options'
import type { AxiosJwtOptions } from '../runtime/types'
import { withListDefaults } from './defaults'
import { hasOwnSession, ownSession } from './own-sessions'

/** An interface of the app's types whose keys are `names`. */
const namesInterface = (name: string, names: string[]) => `  interface ${name} {\n${names.map(key => `    ${JSON.stringify(key)}: true\n`).join('')}  }\n`

/** The address of each API of `apis`: what a deployment may change of it (`NUXT_PUBLIC_AXIOS_JWT_APIS_<NAME>_BASE_URL`). */
const addresses = (apis: AxiosJwtOptions['apis']) => Object.fromEntries(Object.entries(apis).map(([name, api]) => [name, { baseURL: api.baseURL }]))

/** The APIs of `apis` with an own session, each complete. */
const ownSessions = (options: AxiosJwtOptions): Record<string, OwnSession> =>
  Object.fromEntries(Object.entries(options.apis).filter(([, api]) => hasOwnSession(api)).map(([name, api]) => [name, ownSession(name, api, options)]))

/**
 * What changes between deployments goes through the runtime config (`NUXT_PUBLIC_AXIOS_JWT_*`, and the server's own
 * under `NUXT_AXIOS_JWT_*`): only the keys the app can use, since Nitro clones and re-reads the environment for every
 * key on every request and the page payload carries the public ones. `apis` when there are any; the identity provider
 * when the app is built with one.
 */
function publishRuntimeConfig(options: AxiosJwtOptions, nuxt: Nuxt) {
  const { baseURL, apis, liveOrigins, server, endpoints, cookie, oidc } = options
  const publicConfig = nuxt.options.runtimeConfig.public as Record<string, unknown>
  publicConfig.axiosJwt = defu(
    publicConfig.axiosJwt as Partial<DeployOptions> | undefined,
    { baseURL, ...Object.keys(apis).length > 0 && { apis: addresses(apis) }, liveOrigins, endpoints, cookie: { domain: cookie.domain ?? '', secure: cookie.secure! } } satisfies DeployOptions,
  )
  const privateConfig = nuxt.options.runtimeConfig as Record<string, unknown>
  const provider = oidcParts(oidc)
  const serverDeploy: Partial<ServerDeployOptions> = { server, ...provider && { oidc: provider.server } }
  privateConfig.axiosJwt = defu(privateConfig.axiosJwt as Partial<ServerDeployOptions> | undefined, serverDeploy)
}

/** The options built into the app: all but the runtime config's, with every default applied. */
function builtOptions(options: AxiosJwtOptions): BuiltOptions {
  const { baseURL, apis, liveOrigins, server, endpoints, cookie, oidc, refresh, session, ...shape } = options
  const provider = oidcParts(oidc)
  const lists = withListDefaults(options)
  return {
    ...shape,
    refresh: { ...refresh, ...lists.refresh },
    session: { ...session, ...lists.session },
    ownSessions: ownSessions(options),
    // Only in apps that sign in with a provider: the options reach the page too.
    ...provider && { oidc: provider.built },
    cookie: { path: cookie.path, sameSite: cookie.sameSite },
  }
}

/**
 * The runtime config's part of the options, and the rest, which describes the API's shape and is built into the app
 * (`#axios-jwt/options`), with the app's types of the APIs' names (`#axios-jwt`).
 */
export function publishOptions(options: AxiosJwtOptions, nuxt: Nuxt, resolver: Resolver) {
  publishRuntimeConfig(options, nuxt)
  const built = builtOptions(options)
  // The modes also as constants of their own, so the bundler leaves out the code of the modes the app does not use.
  // Read when the template is written, once every module is installed.
  const modes = () => ({
    serverRefreshMode: refreshOnServer(built),
    proxyMode: isProxyMode(built),
    i18nMode: hasNuxtModule('@nuxtjs/i18n', nuxt),
    ownSessionsMode: Object.keys(built.ownSessions).length > 0,
    oidcMode: Boolean(built.oidc),
  })
  const template = addTemplate({
    filename: 'axios-jwt/options.mjs',
    getContents: () => `export default ${JSON.stringify(built)}\n${Object.entries(modes()).map(([name, on]) => `export const ${name} = ${on}\n`).join('')}`,
    write: true,
  })
  nuxt.options.alias['#axios-jwt/options'] = template.dst
  nuxt.hook('nitro:config', (nitroConfig) => {
    nitroConfig.alias = { ...nitroConfig.alias, '#axios-jwt/options': template.dst }
  })
  addTypeTemplate({
    filename: 'types/axios-jwt-options.d.ts',
    getContents: () => `declare module '#axios-jwt/options' {\n  const options: import(${JSON.stringify(resolver.resolve('./runtime/core/options'))}).BuiltOptions\n  export default options\n${Object.keys(modes()).map(name => `  export const ${name}: boolean\n`).join('')}}\n`,
  }, { nuxt: true, nitro: true })
  // The names of `apis` and of those with an own session, so that `useApi('billing')` and `useAuth('partner')`
  // type-check and a name the options lack does not.
  addTypeTemplate({
    filename: 'types/axios-jwt-apis.d.ts',
    getContents: () => `declare module '#axios-jwt' {\n${namesInterface('NamedApis', Object.keys(options.apis))}${namesInterface('OwnSessionApis', Object.keys(built.ownSessions))}}\nexport {}\n`,
  }, { nuxt: true, nitro: true })
  // The public types, where apps augment `AuthUser`.
  nuxt.options.alias['#axios-jwt'] = resolver.resolve('./runtime/types/index')
}
