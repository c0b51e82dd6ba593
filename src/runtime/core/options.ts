import type { AxiosJwtOptions, RefreshOptions, ServerOptions, SessionOptions } from '../types'
import type { BuiltOidcOptions, OidcServerOptions } from './oidc'
import { isProxyMode } from './mode'

/** The options as the runtime holds them, with every default applied; the server's own deployment options apart. */
export type ResolvedOptions = Omit<AxiosJwtOptions, 'server' | 'refresh' | 'session' | 'apis' | 'oidc'> & {
  refresh: Required<RefreshOptions>
  session: Required<SessionOptions>
  /** The sign-in with an identity provider, in apps that use it (its server-only part apart). */
  oidc?: BuiltOidcOptions & { scopes: string[] }
  /** The address of each API of `axiosJwt.apis`. */
  apis: Record<string, { baseURL: string }>
  /** The APIs of `axiosJwt.apis` with an own session, by name: what each sets, over the main API's options. */
  ownSessions: Record<string, OwnSession>
  /** The API whose own session these options are (`ownSessionOptions`); absent for the main API's. */
  ownSession?: string
}

/** The options of an API of `apis` with an own session, complete: its own over the main API's. */
export interface OwnSession extends Pick<AxiosJwtOptions, 'endpoints' | 'tokens' | 'header' | 'user' | 'claims'> {
  refresh: Pick<ResolvedOptions['refresh'], 'beforeExpiry' | 'timeout' | 'statuses'>
  session: Pick<ResolvedOptions['session'], 'endStatuses' | 'endErrors'>
  cookie: Partial<AxiosJwtOptions['cookie']>
}

/** Options that change between deployments: in `runtimeConfig.public.axiosJwt`, overridable by `NUXT_PUBLIC_AXIOS_JWT_*`. */
export interface DeployOptions {
  baseURL: string
  /** Absent when the app names no other API. */
  apis?: ResolvedOptions['apis']
  liveOrigins: string[]
  endpoints: AxiosJwtOptions['endpoints']
  cookie: { domain: string, secure: boolean }
}

/** The other options, built into the app. */
export type BuiltOptions = Omit<ResolvedOptions, keyof DeployOptions> & { cookie: Pick<AxiosJwtOptions['cookie'], 'path' | 'sameSite'> }

/** What the token client reads of the options, in their documented shape. */
export interface ClientOptions extends Pick<ResolvedOptions, 'tokens' | 'header'> {
  endpoints: Pick<ResolvedOptions['endpoints'], 'refresh'>
  refresh: Pick<ResolvedOptions['refresh'], 'beforeExpiry' | 'timeout' | 'statuses'>
  session: Pick<ResolvedOptions['session'], 'endStatuses' | 'endErrors'>
}

/** The options the app was built with, with the deployment's own (from the runtime config) on top. */
export function withDeployOptions(built: BuiltOptions, deploy: DeployOptions): ResolvedOptions {
  return { ...built, ...deploy, apis: deploy.apis ?? {}, cookie: { ...built.cookie, ...deploy.cookie } }
}

// The runtime config is one object per server request (and one in the browser): its options are resolved once.
const resolved = new WeakMap<DeployOptions, ResolvedOptions>()

/** The options at run time, in the app and on the server alike: the built ones under the public runtime config's. */
export function resolveOptions(built: BuiltOptions, publicConfig: { axiosJwt?: unknown }): ResolvedOptions {
  const deploy = publicConfig.axiosJwt as DeployOptions
  let options = resolved.get(deploy)
  if (!options) resolved.set(deploy, options = withDeployOptions(built, deploy))
  return options
}

/** The API's logout call for a pair: the refresh token in the body, the access token (when there is one) in the header. */
export function logoutRequest(config: Pick<ResolvedOptions, 'header' | 'tokens'>, { accessToken, refreshToken }: { accessToken?: string, refreshToken?: string }) {
  return {
    data: { [config.tokens.refresh.bodyField]: refreshToken },
    headers: accessToken ? { [config.header.name]: headerValueOf(config.header, accessToken) } : {},
  }
}

/** The value of the auth header for `token`: `Bearer <token>`, or the bare token without a scheme. */
export const headerValueOf = (header: AxiosJwtOptions['header'], token: string): string => header.type ? `${header.type} ${token}` : token

/** The server's own deployment options: in the private `runtimeConfig.axiosJwt` (`NUXT_AXIOS_JWT_*`), never in the page. */
export interface ServerDeployOptions {
  server: ServerOptions
  /** The identity provider's side that stays on the server, in apps that sign in with one. */
  oidc: OidcServerOptions
}

/** The server's own deployment options out of a runtime config (empty where the module added none). */
export const serverDeployOptions = (runtimeConfig: unknown): Partial<ServerDeployOptions> =>
  (runtimeConfig as { axiosJwt?: Partial<ServerDeployOptions> }).axiosJwt ?? {}

/** Where the server sends the API's requests (the proxy's too) when it differs from `baseURL`: `server.baseURL`. */
export function serverAddress(config: Pick<ResolvedOptions, 'ownSession'>, runtimeConfig: unknown): string | undefined {
  // An API with its own session has its `baseURL` only: the server address is the main API's.
  if (config.ownSession) return undefined
  return serverDeployOptions(runtimeConfig).server?.baseURL
}

/** Where the browser sends the API's requests: the proxy route in proxy mode, else `baseURL`. */
export const browserBaseURL = (config: Pick<ResolvedOptions, 'baseURL' | 'proxy' | 'mode'>): string => isProxyMode(config) ? config.proxy.path : config.baseURL
