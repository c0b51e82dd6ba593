import axios, { type AxiosAdapter } from 'axios'
import { callLocally, localCallCarries, registeredLocalCall } from './local-call'
import { goesToOwnURL, originOf } from '../url'

/** Stands for this server in the URLs of requests that never leave the process; `.invalid` cannot resolve (RFC 6761). */
export const IN_PROCESS_ORIGIN = 'http://in-process.invalid'

/** A fetch that serves site paths (`/api/items`) in-process, as Nitro's `localFetch` does. */
export type LocalFetch = (path: string, init: RequestInit) => Promise<Response>

/** Nitro's in-process fetch, which its global `$fetch` uses for relative URLs; `undefined` outside a Nitro server. */
export function nitroLocalFetch(): LocalFetch | undefined {
  return (globalThis as { $fetch?: { native?: LocalFetch } }).$fetch?.native
}

/** A WHATWG fetch over `localFetch` for URLs on `IN_PROCESS_ORIGIN`: the body is read here, since it takes no stream. */
function fetchInProcess(localFetch: LocalFetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const { pathname, search } = new URL(request.url)
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined
    return localFetch(pathname + search, { method: request.method, headers: request.headers, body })
  }
}

// One adapter per local fetch, shared by every render's instance: building axios' fetch adapter costs more than a call.
const adapters = new WeakMap<LocalFetch, AxiosAdapter>()

/**
 * An axios adapter for the server: requests to `IN_PROCESS_ORIGIN` go into the app's own Nitro server (no network,
 * no DNS, no Host header), through its `localCall` or else its local fetch; every other request through axios' own
 * Node adapter. It holds nothing of a request, so every instance on the server shares it.
 */
export function inProcessAdapter(localFetch: LocalFetch): AxiosAdapter {
  let adapter = adapters.get(localFetch)
  if (!adapter) adapters.set(localFetch, adapter = createInProcessAdapter(localFetch))
  return adapter
}

function createInProcessAdapter(localFetch: LocalFetch): AxiosAdapter {
  const network = axios.getAdapter('http')
  // Axios' fetch adapter over the local fetch, for what `localCall` cannot carry: built when first needed.
  let local: AxiosAdapter | undefined
  return (config) => {
    // Where it goes, from its own URL or its base URL: the whole URL is joined only for a request served here.
    if (originOf(goesToOwnURL(config) || !config.baseURL ? config.url ?? '' : config.baseURL) !== IN_PROCESS_ORIGIN) return network(config)
    // Nitro's `localCall` where the module's server plugin registered it, and the request is a plain one.
    const localCall = registeredLocalCall()
    if (localCall && localCallCarries(config)) return callLocally(localCall, config)
    local ??= axios.getAdapter('fetch', { env: { fetch: fetchInProcess(localFetch) } })
    return local(config)
  }
}
