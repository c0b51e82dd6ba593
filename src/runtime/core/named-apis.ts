import type { AxiosInstance } from 'axios'
import type { ApiInstance, ApiName, AxiosJwtOptions } from '../types'
import type { JwtClient } from './client'
import { AxiosJwtError } from './errors'

/** Makes the axios instance of an API at `baseURL`, as the side needs it (browser, or server in-process). */
export type MakeInstance = (baseURL: string) => AxiosInstance

/**
 * The instances of `axiosJwt.apis` by name, for the `$api` plugin and for server routes alike: each made at its first
 * use and signed by `client`, the main API's, for its own origin.
 */
export function namedApis(apis: AxiosJwtOptions['apis'], client: JwtClient, make: MakeInstance): Record<ApiName, ApiInstance> {
  const made: Partial<Record<string, ApiInstance>> = {}
  const named = {} as Record<ApiName, ApiInstance>
  for (const [name, { baseURL }] of Object.entries(apis)) {
    Object.defineProperty(named, name, {
      enumerable: true,
      get: () => made[name] ??= (() => {
        const api = make(baseURL)
        client.signAlso(api)
        return api as unknown as ApiInstance
      })(),
    })
  }
  return named
}

/** The instance of the API `name`, with an error that says which names there are. */
export function namedApi(apis: Record<string, ApiInstance>, name: string): ApiInstance {
  const api = Object.hasOwn(apis, name) ? apis[name] : undefined
  if (!api) {
    const known = Object.keys(apis)
    throw new AxiosJwtError(`There is no API named "${name}" in \`axiosJwt.apis\` (${known.length ? `there are: ${known.join(', ')}` : 'it is empty'}).`)
  }
  return api
}
