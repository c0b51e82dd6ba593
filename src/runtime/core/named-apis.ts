import type { AxiosInstance } from 'axios'
import type { ApiInstance, ApiName } from '../types'
import type { JwtClient } from './client/client'
import { AxiosJwtError } from './errors'

/** Makes the axios instance of an API at `baseURL`, as the side needs it (browser, or server in-process). */
export type MakeInstance = (baseURL: string) => AxiosInstance

/** Makes the signed instance of the API `name` at `baseURL`: signed by the main client, or by the API's own session. */
export type MakeApi = (name: string, baseURL: string) => AxiosInstance

/** The maker of APIs that accept the main session's token: an instance signed by `client`, the main API's, for its own origin. */
export const signedBy = (client: JwtClient, make: MakeInstance): MakeApi => (_name, baseURL) => {
  const api = make(baseURL)
  client.signAlso(api)
  return api
}

/** The instances of `axiosJwt.apis` by name, for the `$api` plugin and for server routes alike: each made at its first use. */
export function namedApis(apis: Record<string, { baseURL: string }>, make: MakeApi): Record<ApiName, ApiInstance> {
  const made: Partial<Record<string, ApiInstance>> = {}
  const named = {} as Record<ApiName, ApiInstance>
  for (const [name, { baseURL }] of Object.entries(apis)) {
    Object.defineProperty(named, name, {
      enumerable: true,
      get: () => made[name] ??= make(name, baseURL) as unknown as ApiInstance,
    })
  }
  return named
}

/** The entry `name` of `table`, with an error that says which names there are in `axiosJwt.apis` (`what`: which of them). */
export function named<T>(table: Record<string, T>, name: string, what = 'API'): T {
  const entry = Object.hasOwn(table, name) ? table[name] : undefined
  if (!entry) {
    const known = Object.keys(table)
    throw new AxiosJwtError(`There is no ${what} named "${name}" in \`axiosJwt.apis\` (${known.length ? `there are: ${known.join(', ')}` : 'none'}).`)
  }
  return entry
}

/** The instance of the API `name`, with an error that says which names there are. */
export const namedApi = (apis: Record<string, ApiInstance>, name: string): ApiInstance => named(apis, name)
