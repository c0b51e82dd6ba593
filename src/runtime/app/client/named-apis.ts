import axios, { type AxiosInstance } from 'axios'
import type { JwtClient } from '../../core/client'
import { AxiosJwtError } from '../../core/errors'
import { nitroLocalFetch } from '../../core/in-process'
import type { ResolvedOptions } from '../../core/options'
import { createServerApi } from '../../core/server-api'
import type { ApiInstance, ApiName } from '../../types'

/** The instance of another API: in the browser relative to the page; on the server a path there served in-process. */
function instanceFor(baseURL: string): AxiosInstance {
  if (import.meta.server) return createServerApi({ baseURL }, nitroLocalFetch()).api
  return axios.create({ baseURL: new URL(baseURL, window.location.origin).href })
}

/** The instances of `axiosJwt.apis` by name, each made at its first use and signed by `client` for its own origin. */
export function namedApis(config: Pick<ResolvedOptions, 'apis'>, client: JwtClient): Record<ApiName, ApiInstance> {
  const made: Partial<Record<string, ApiInstance>> = {}
  const apis = {} as Record<ApiName, ApiInstance>
  for (const [name, { baseURL }] of Object.entries(config.apis ?? {})) {
    Object.defineProperty(apis, name, {
      enumerable: true,
      get: () => made[name] ??= (() => {
        const api = instanceFor(baseURL)
        client.signAlso(api)
        return api as unknown as ApiInstance
      })(),
    })
  }
  return apis
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
