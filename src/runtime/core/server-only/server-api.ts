import axios, { type AxiosAdapter, type AxiosInstance, type CreateAxiosDefaults } from 'axios'
import { joinURL } from 'ufo'
import { AxiosJwtError } from '../errors'
import { IN_PROCESS_ORIGIN, inProcessAdapter, type LocalFetch } from './in-process'
import { instanceFactory } from './instance-factory'

/** The server's client of the API, and the origin its relative URLs resolve against. */
export interface ServerApi {
  api: AxiosInstance
  origin: string
}

const ABSOLUTE = /^[a-z][a-z\d+\-.]*:\/\//i

/**
 * Where the server sends the API's requests, from configuration only and never from what the client sent (Host,
 * X-Forwarded-*): `server.baseURL` when set, else `baseURL`. An absolute address is called over the network; a path
 * (`/api`, served or proxied by the app itself) goes into the app's Nitro server in-process, as Nuxt's own
 * `$fetch('/api/...')` does during SSR.
 */
export function createServerApi(base: { baseURL: string, serverBaseURL?: string }, localFetch: LocalFetch | undefined, defaults: CreateAxiosDefaults = {}): ServerApi {
  const address = base.serverBaseURL || base.baseURL
  if (ABSOLUTE.test(address)) return { api: serverInstance({ ...defaults, baseURL: address }), origin: IN_PROCESS_ORIGIN }
  if (!localFetch) {
    throw new AxiosJwtError(`\`axiosJwt.baseURL\` is a path (${address || '(empty)'}), which the server can reach only inside Nitro. Set \`axiosJwt.server.baseURL\` (NUXT_AXIOS_JWT_SERVER_BASE_URL) to the API's address.`)
  }
  const api = serverInstance({ ...defaults, baseURL: joinURL(IN_PROCESS_ORIGIN, address || '/') }, inProcessAdapter(localFetch))
  return { api, origin: IN_PROCESS_ORIGIN }
}

// Every render asks for an instance on the same few configurations: each has its factory.
const factories = new Map<string, ReturnType<typeof instanceFactory>>()
const FACTORIES_MAX = 50

/** A new instance on `config` for one server request; a configuration of plain values only has a factory. */
function serverInstance(config: CreateAxiosDefaults, adapter?: AxiosAdapter): AxiosInstance {
  const plainValue = (value: unknown) => value === null || (typeof value !== 'object' && typeof value !== 'function')
  if (!Object.values(config).every(plainValue)) return axios.create({ ...config, adapter })
  const key = JSON.stringify(config)
  let factory = factories.get(key)
  if (!factory) {
    if (factories.size >= FACTORIES_MAX) factories.clear()
    factories.set(key, factory = instanceFactory(config))
  }
  return factory(adapter)
}
