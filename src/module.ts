import { addCustomTab } from '@nuxt/devtools-kit'
import { addImports, addPlugin, addRouteMiddleware, addServerHandler, addServerImports, addServerPlugin, createResolver, defineNuxtModule, useLogger, type Resolver } from '@nuxt/kit'
import { defu } from 'defu'
import { joinURL } from 'ufo'
import { checkOptions } from './build/check-options'
import { optionDefaults } from './build/defaults'
import { hasOwnSession } from './build/own-sessions'
import { publishOptions } from './build/publish'
import { DEVTOOLS_ROUTE } from './runtime/core/devtools'
import { httpOnlyRoutes, sessionRoute } from './runtime/core/http-only'
import { isProxyMode, refreshOnServer } from './runtime/core/mode'
import { isOidcOn, oidcRoutes, oidcTokens } from './runtime/core/oidc'
import { isPlainHttpRemote } from './runtime/core/url'
import type { AxiosJwtOptions, DeepPartial } from './runtime/types'

/** Options of `axiosJwt` in `nuxt.config`; each field is documented on `AxiosJwtOptions`. */
export type ModuleOptions = DeepPartial<AxiosJwtOptions>

export type { AxiosJwtOptions }
export type { ApiData, ApiDataError, UseApiDataOptions, ApiInstance, ApiRequestConfig, AuthUser, LoginOptions, LogoutOptions, UseAuthReturn, SessionExpiry, LoginError, LoginErrorCode } from './runtime/types'
export type { AxiosJwtMode, ApiOptions, OwnSessionOptions, OidcOptions, EndpointOptions, HeaderOptions, TokenOptions, UserOptions, RefreshOptions, SessionOptions, ServerOptions, ProxyOptions, CookieOptions, RedirectOptions, RedirectTarget, ClaimOptions } from './runtime/types'
export type { AxiosJwtHooks } from './runtime/app/augments'

export default defineNuxtModule<ModuleOptions>({
  meta: {
    name: 'nuxt-axios-jwt',
    configKey: 'axiosJwt',
    // What CI builds and runs from the packed tarball: Nuxt 3.20 on Node 20 (test/e2e/nuxt3.test.ts), the newest Nuxt 4 on
    // Node 22 (test/e2e/newest-nuxt.test.ts); Nuxt 4.4 everywhere else.
    compatibility: { nuxt: '^3.20.0 || ^4.0.0' },
  },
  defaults: nuxt => optionDefaults(nuxt.options.dev),
  setup(moduleOptions, nuxt) {
    // The defaults fill every field.
    const options = moduleOptions as AxiosJwtOptions
    const resolver = createResolver(import.meta.url)
    const logger = useLogger('nuxt-axios-jwt')

    checkOptions(options)
    // A provider's token endpoint has its own shape.
    if (isOidcOn(options.oidc)) options.tokens = oidcTokens(options.tokens)
    publishOptions(options, nuxt, resolver)

    if (!nuxt.options.dev && isPlainHttpRemote(options.baseURL)) {
      logger.warn(`\`axiosJwt.baseURL\` (${options.baseURL}) is plain HTTP: tokens cross the network unencrypted. Use HTTPS in production.`)
    }
    if (!nuxt.options.dev && isOidcOn(options.oidc) && !options.oidc.siteURL) {
      logger.warn('`axiosJwt.oidc.siteURL` is not set: the redirect URIs sent to the identity provider take the origin of each request, as its Host header names it. Set it (or NUXT_AXIOS_JWT_OIDC_SITE_URL) to the site\'s public origin in production.')
    }

    nuxt.options.build.transpile.push(resolver.resolve('./runtime'))
    addPlugin(resolver.resolve('./runtime/app/plugins/api'))
    if (options.refresh.inBackground) addPlugin(resolver.resolve('./runtime/app/plugins/background.client'))
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
  // Proxy mode keeps both tokens on the server: the refresh token's HttpOnly routes come with it.
  if (refreshOnServer(options)) {
    const ownSessionRoutes = Object.values(options.apis).some(hasOwnSession)
    const oidc = isOidcOn(options.oidc)
    for (const name of ['login', 'refresh', 'logout'] as const) {
      const handler = resolver.resolve(`./runtime/server/api/_axios-jwt/${name}.post`)
      // Signed in with an identity provider, the main session never takes credentials.
      if (!(oidc && name === 'login')) addServerHandler({ route: httpOnlyRoutes[name], method: 'post', handler })
      // The same routes for each API with an own session, under its name.
      if (ownSessionRoutes) addServerHandler({ route: sessionRoute(httpOnlyRoutes[name], ':api'), method: 'post', handler })
    }
  }
  if (isOidcOn(options.oidc)) {
    addServerHandler({ route: oidcRoutes.login, method: 'get', handler: resolver.resolve('./runtime/server/api/_axios-jwt/oidc/login.get') })
    addServerHandler({ route: oidcRoutes.user, method: 'get', handler: resolver.resolve('./runtime/server/api/_axios-jwt/oidc/user.get') })
    addServerHandler({ route: options.oidc.callbackPath, method: 'get', handler: resolver.resolve('./runtime/server/oidc/callback.get') })
  }
  if (isProxyMode(options)) addServerHandler({ route: joinURL(options.proxy.path, '**'), handler: resolver.resolve('./runtime/server/proxy/proxy') })
  if (options.session.idleTimeout > 0) addServerHandler({ middleware: true, handler: resolver.resolve('./runtime/server/middleware/idle') })
  if (options.session.idleTimeout > 0 && refreshOnServer(options)) addServerHandler({ route: httpOnlyRoutes.activity, method: 'post', handler: resolver.resolve('./runtime/server/api/_axios-jwt/activity.post') })
  if (options.server.sharedRefresh) addServerPlugin(resolver.resolve('./runtime/server/plugins/shared-refresh'))
  addServerPlugin(resolver.resolve('./runtime/server/plugins/local-call'))
  addServerPlugin(resolver.resolve('./runtime/server/plugins/render-support'))
}
