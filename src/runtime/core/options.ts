import type { BuiltOptions, DeployOptions, ResolvedAxiosJwtOptions } from '../types'
import type { JwtClientOptions } from './client'

/** The options the app was built with, with the deployment's own (from the runtime config) on top. */
export function withDeployOptions(built: BuiltOptions, deploy: DeployOptions): ResolvedAxiosJwtOptions {
  return { ...built, ...deploy, cookie: { ...built.cookie, ...deploy.cookie } }
}

/** The client's options that come straight from the module's. */
export function clientOptions(config: ResolvedAxiosJwtOptions): Omit<JwtClientOptions, 'store' | 'origin'> {
  return {
    refreshURL: config.endpoints.refresh,
    accessPath: config.tokens.access.path,
    refreshPath: config.tokens.refresh.path,
    expiresInPath: config.tokens.access.expiresInPath,
    bodyField: config.tokens.refresh.bodyField,
    bodyFormat: config.tokens.refresh.bodyFormat,
    extraFields: config.tokens.refresh.extraFields,
    refreshHeader: config.tokens.refresh.header,
    headerName: config.header.name,
    headerType: config.header.type,
    refreshBeforeExpiry: config.refreshBeforeExpiry,
    refreshTimeout: config.refreshTimeout,
    sessionEndStatuses: config.sessionEndStatuses,
    sessionEndErrors: config.sessionEndErrors,
  }
}

/** The value of the auth header for `token`: `Bearer <token>`, or the bare token without a scheme. */
export const headerValueOf = (scheme: string, token: string): string => scheme ? `${scheme} ${token}` : token
