import { addCustomTab } from '@nuxt/devtools-kit'
import type { Nuxt } from '@nuxt/schema'
import { addImports, addPlugin, hasNuxtModule, addRouteMiddleware, addServerHandler, addServerImports, addServerPlugin, addTemplate, addTypeTemplate, createResolver, defineNuxtModule, useLogger, type Resolver } from '@nuxt/kit'
import { defu } from 'defu'
import { optionDefaults, withListDefaults } from './runtime/core/defaults'
import { DEVTOOLS_ROUTE } from './runtime/core/devtools'
import { httpOnlyRoutes, sessionRoute } from './runtime/core/http-only'
import { isOidcOn, oidcParts, oidcRoutes, oidcTokens } from './runtime/core/oidc'
import { hasOwnSession, ownSession, type OwnSession } from './runtime/core/own-sessions'
import { checkOptions } from './check-options'
import { isPlainHttpRemote } from './runtime/core/url'
import { joinURL } from 'ufo'
import type { BuiltOptions, DeployOptions, ServerDeployOptions } from './runtime/core/options'
import type { AxiosJwtOptions, DeepPartial } from './runtime/types'

/** Options of `axiosJwt` in `nuxt.config`; each field is documented on `AxiosJwtOptions`. */
export type ModuleOptions = DeepPartial<AxiosJwtOptions>

export type { AxiosJwtOptions }
export type { ApiData, ApiDataError, UseApiDataOptions, ApiInstance, ApiRequestConfig, AuthUser, LoginOptions, LogoutOptions, UseAuthReturn, SessionExpiry, ApiOptions, OwnSessionOptions, OidcOptions, LoginError, LoginErrorCode } from './runtime/types'
export type { AxiosJwtHooks } from './runtime/app/augments'

export default defineNuxtModule<ModuleOptions>({
  meta: {
    name: 'nuxt-axios-jwt',
    configKey: 'axiosJwt',
    // What CI builds and runs from the packed tarball: Nuxt 3.20 on Node 20 (test/nuxt3.test.ts), the newest Nuxt 4 on
    // Node 22 (test/newest-nuxt.test.ts); Nuxt 4.4 everywhere else.
    compatibility: { nuxt: '^3.20.0 || ^4.0.0' },
  },
  defaults: nuxt => optionDefaults(nuxt.options.dev),
  setup(moduleOptions, nuxt) {
    // The defaults fill every field.
    const options = moduleOptions as AxiosJwtOptions
    const resolver = createResolver(import.meta.url)
    const logger = useLogger('nuxt-axios-jwt')

    checkOptions(options)
    // A provider's token endpoint has its own shape, and the pair stays on the server as in httpOnly mode.
    if (isOidcOn(options.oidc)) options.tokens = oidcTokens(options.tokens)
    // Proxy mode keeps both tokens on the server: the refresh token's HttpOnly routes come with it.
    if (options.proxy.path) options.tokens.refresh.httpOnly = true
    publishOptions(options, nuxt, resolver)

    if (!nuxt.options.dev && isPlainHttpRemote(options.baseURL)) {
      logger.warn(`\`axiosJwt.baseURL\` (${options.baseURL}) is plain HTTP: tokens cross the network unencrypted. Use HTTPS in production.`)
    }
    if (!nuxt.options.dev && isOidcOn(options.oidc) && !options.oidc.siteURL) {
      logger.warn('`axiosJwt.oidc.siteURL` is not set: the redirect URIs sent to the identity provider take the origin of each request, as its Host header names it. Set it (or NUXT_AXIOS_JWT_OIDC_SITE_URL) to the site\'s public origin in production.')
    }

    nuxt.options.build.transpile.push(resolver.resolve('./runtime'))
    addPlugin(resolver.resolve('./runtime/app/plugins/api'))
    if (options.refreshInBackground) addPlugin(resolver.resolve('./runtime/app/plugins/background.client'))
    if (options.session.idleTimeout > 0) addPlugin(resolver.resolve('./runtime/app/plugins/idle.server'))
    if (options.session.idleTimeout > 0 || options.session.warnBefore > 0) addPlugin(resolver.resolve('./runtime/app/plugins/session-life.client'))
    addImports([
      { name: 'useApi', from: resolver.resolve('./runtime/app/composables/useApi') },
      { name: 'useAuth', from: resolver.resolve('./runtime/app/composables/useAuth') },
      { name: 'useApiData', from: resolver.resolve('./runtime/app/composables/useApiData') },
      { name: 'useSessionExpiry', from: resolver.resolve('./runtime/app/composables/useSessionExpiry') },
      { name: 'useAuthWebSocket', from: resolver.resolve('./runtime/app/composables/useAuthWebSocket') },
      { name: 'useAuthEventSource', from: resolver.resolve('./runtime/app/composables/useAuthEventSource') },
      { name: 'useLoginError', from: resolver.resolve('./runtime/app/composables/useLoginError') },
      { name: 'useLoginFormAction', from: resolver.resolve('./runtime/app/composables/useLoginFormAction') },
      ...['AxiosJwtError', 'RefreshError', 'SessionExpiredError', 'OfflineError', 'InvalidCredentialsError'].map(name => ({ name, from: resolver.resolve('./runtime/core/errors') })),
    ])
    addServerParts(options, resolver)
    addRouteMiddleware({ name: 'auth', path: resolver.resolve('./runtime/app/middleware/auth') })
    addRouteMiddleware({ name: 'guest', path: resolver.resolve('./runtime/app/middleware/guest') })
    if (nuxt.options.dev) {
      const route = joinURL(nuxt.options.app.baseURL, DEVTOOLS_ROUTE)
      addServerHandler({ route: DEVTOOLS_ROUTE, method: 'get', handler: resolver.resolve('./runtime/server/devtools/page.get') })
      addServerHandler({ route: `${DEVTOOLS_ROUTE}/session`, method: 'get', handler: resolver.resolve('./runtime/server/devtools/session.get') })
      addPlugin(resolver.resolve('./runtime/app/plugins/devtools.client'))
      addCustomTab({ name: 'nuxt-axios-jwt', title: 'JWT session', icon: 'carbon:locked', view: { type: 'iframe', src: route } })
    }
    // Every page with `globalMiddleware`; else the pages that ask for roles, scopes or a predicate.
    const guard = options.globalMiddleware ? 'global' : 'requirements'
    addRouteMiddleware({ name: 'axios-jwt-global', path: resolver.resolve(`./runtime/app/middleware/${guard}`), global: true })

    // Node < 22 asks for `module-sync` export targets at run time that nitro's tracer copies only on Node >= 22,
    // which makes a production build with axios in the server bundle answer 500.
    if (Number(process.versions.node.split('.')[0]) < 22) {
      nuxt.hook('nitro:config', (nitroConfig) => {
        nitroConfig.externals = defu(nitroConfig.externals, { traceOptions: { conditions: ['node', 'module-sync'] } })
      })
    }
  },
})

/** Nitro's side: `useServerApi`, the httpOnly routes, the proxy route and the sharing across instances, where on. */
function addServerParts(options: AxiosJwtOptions, resolver: Resolver) {
  addServerImports([
    { name: 'useServerApi', from: resolver.resolve('./runtime/server/utils/use-server-api') },
    { name: 'isSameOriginRequest', from: resolver.resolve('./runtime/server/utils/same-origin') },
  ])
  if (options.tokens.refresh.httpOnly) {
    const ownSessionRoutes = Object.values(options.apis).some(hasOwnSession)
    const oidc = isOidcOn(options.oidc)
    for (const name of ['login', 'refresh', 'logout'] as const) {
      const handler = resolver.resolve(`./runtime/server/api/_axios-jwt/${name}.post`)
      // Signed in with an identity provider, the main session never takes credentials.
      if (!(oidc && name === 'login')) addServerHandler({ route: httpOnlyRoutes[name], method: 'post', handler })
      // The same routes for each API with a session of its own, under its name.
      if (ownSessionRoutes) addServerHandler({ route: sessionRoute(httpOnlyRoutes[name], ':api'), method: 'post', handler })
    }
  }
  if (isOidcOn(options.oidc)) {
    addServerHandler({ route: oidcRoutes.login, method: 'get', handler: resolver.resolve('./runtime/server/api/_axios-jwt/oidc/login.get') })
    addServerHandler({ route: oidcRoutes.user, method: 'get', handler: resolver.resolve('./runtime/server/api/_axios-jwt/oidc/user.get') })
    addServerHandler({ route: options.oidc.callbackPath, method: 'get', handler: resolver.resolve('./runtime/server/oidc/callback.get') })
  }
  if (options.proxy.path) addServerHandler({ route: joinURL(options.proxy.path, '**'), handler: resolver.resolve('./runtime/server/proxy/proxy') })
  if (options.session.idleTimeout > 0) addServerHandler({ middleware: true, handler: resolver.resolve('./runtime/server/middleware/idle') })
  if (options.session.idleTimeout > 0 && options.tokens.refresh.httpOnly) addServerHandler({ route: httpOnlyRoutes.activity, method: 'post', handler: resolver.resolve('./runtime/server/api/_axios-jwt/activity.post') })
  if (options.sharedRefresh.storage) addServerPlugin(resolver.resolve('./runtime/server/plugins/shared-refresh'))
  addServerPlugin(resolver.resolve('./runtime/server/plugins/local-call'))
}

/** An interface of the app's types whose keys are `names`. */
const namesInterface = (name: string, names: string[]) => `  interface ${name} {\n${names.map(key => `    ${JSON.stringify(key)}: true\n`).join('')}  }\n`

/** The address of each API of `apis`: what a deployment may change of it (`NUXT_PUBLIC_AXIOS_JWT_APIS_<NAME>_BASE_URL`). */
const addresses = (apis: AxiosJwtOptions['apis']) => Object.fromEntries(Object.entries(apis).map(([name, api]) => [name, { baseURL: api.baseURL }]))

/** The APIs of `apis` with a session of their own, each complete. */
const ownSessions = (options: AxiosJwtOptions): Record<string, OwnSession> =>
  Object.fromEntries(Object.entries(options.apis).filter(([, api]) => hasOwnSession(api)).map(([name, api]) => [name, ownSession(name, api, options)]))

/**
 * What changes between deployments goes through the runtime config (`NUXT_PUBLIC_AXIOS_JWT_*`, and the server's own
 * under `NUXT_AXIOS_JWT_*`): only the keys the app can use, since Nitro clones and re-reads the environment for every
 * key on every request and the page payload carries the public ones. `apis` when there are any; the sharing's store,
 * the proxy's target and the identity provider when the app is built with them.
 */
function publishRuntimeConfig(options: AxiosJwtOptions, nuxt: Nuxt) {
  const { baseURL, apis, liveOrigins, serverBaseURL, sharedRefresh, endpoints, cookie, proxy, oidc } = options
  const publicConfig = nuxt.options.runtimeConfig.public as Record<string, unknown>
  publicConfig.axiosJwt = defu(
    publicConfig.axiosJwt as Partial<DeployOptions> | undefined,
    { baseURL, ...Object.keys(apis).length > 0 && { apis: addresses(apis) }, liveOrigins, endpoints, cookie: { domain: cookie.domain ?? '', secure: cookie.secure! } } satisfies DeployOptions,
  )
  const privateConfig = nuxt.options.runtimeConfig as Record<string, unknown>
  const provider = oidcParts(oidc)
  const serverDeploy: Partial<ServerDeployOptions> = {
    serverBaseURL,
    ...sharedRefresh.storage && { sharedRefresh },
    ...proxy.path && { proxy: { to: proxy.to } },
    ...provider && { oidc: provider.server },
  }
  privateConfig.axiosJwt = defu(privateConfig.axiosJwt as Partial<ServerDeployOptions> | undefined, serverDeploy)
}

/** The runtime config's part of the options, and the rest, which describes the API's shape and is built into the app. */
function publishOptions(options: AxiosJwtOptions, nuxt: Nuxt, resolver: Resolver) {
  publishRuntimeConfig(options, nuxt)
  const { baseURL, apis, liveOrigins, serverBaseURL, sharedRefresh, endpoints, cookie, proxy: { to, ...proxy }, oidc, ...shape } = options
  const provider = oidcParts(oidc)
  const built: BuiltOptions = {
    ...shape,
    sessions: ownSessions(options),
    // Only in apps that sign in with a provider: the options reach the page too.
    ...provider && { oidc: provider.built },
    proxy,
    cookie: { path: cookie.path, sameSite: cookie.sameSite },
    ...withListDefaults(options),
  }
  // The modes also as constants of their own, so the bundler leaves out the code of the modes the app does not use.
  // Read when the template is written, once every module is installed.
  const modes = () => ({
    httpOnlyMode: built.tokens.refresh.httpOnly,
    proxyMode: Boolean(built.proxy.path),
    i18nMode: hasNuxtModule('@nuxtjs/i18n', nuxt),
    ownSessionsMode: Object.keys(built.sessions).length > 0,
    oidcMode: Boolean(provider),
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
    getContents: () => `declare module '#axios-jwt/options' {\n  const options: import(${JSON.stringify(resolver.resolve('./runtime/core/options'))}).BuiltOptions\n  export default options\n  export const httpOnlyMode: boolean\n  export const proxyMode: boolean\n  export const i18nMode: boolean\n  export const ownSessionsMode: boolean\n  export const oidcMode: boolean\n}\n`,
  }, { nuxt: true, nitro: true })
  // The names of `apis` and of those with their own session, so that `useApi('billing')` and `useAuth('partner')`
  // type-check and a name the options lack does not.
  addTypeTemplate({
    filename: 'types/axios-jwt-apis.d.ts',
    getContents: () => `declare module '#axios-jwt' {\n${namesInterface('NamedApis', Object.keys(apis))}${namesInterface('OwnSessionApis', Object.keys(built.sessions))}}\nexport {}\n`,
  }, { nuxt: true, nitro: true })
  // The public types, where apps augment `AuthUser`.
  nuxt.options.alias['#axios-jwt'] = resolver.resolve('./runtime/types')
}
