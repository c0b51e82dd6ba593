import { isCancel } from 'axios'
import { hash } from 'ohash'
import type { MaybeRefOrGetter } from 'vue'
import type { ApiData, ApiRequestConfig, PickedData, UseApiDataOptions, UseApiDataParams } from '../../types'
import { fromNuxtError, toNuxtError } from '../utils/api-data-error'
import { useApi } from './useApi'
import { computed, toValue, useAsyncData } from '#imports'

/** Signals for one request in flight at a time: each new request aborts the one it supersedes. */
function latestOnly() {
  let current: AbortController | undefined
  return (outer?: AbortSignal): AbortSignal => {
    current?.abort()
    const controller = current = new AbortController()
    outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true })
    return controller.signal
  }
}

/** Query parameters with the refs among their values read, as `useFetch` takes `query: { page }`. */
function unwrapped(params: UseApiDataParams | undefined) {
  if (!params || params instanceof URLSearchParams) return params
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, toValue(value)]))
}

async function responseBody(request: Promise<{ data: unknown }>, signal: AbortSignal): Promise<unknown> {
  try {
    return (await request).data
  }
  catch (error) {
    // Nuxt treats an AbortError as "no result" rather than an error of the data.
    if (isCancel(error) && signal.aborted) throw new DOMException('The request was superseded.', 'AbortError')
    throw toNuxtError(error)
  }
}

/**
 * `$api` inside `useAsyncData`: the response body travels in the SSR payload, a change of `url`, `params` or `data`
 * refetches, and a superseded request is aborted. Type the body with `useApiData<Item[]>('/items')`.
 */
export function useApiData<ResT = unknown, DataT = ResT, PickKeys extends keyof DataT = never, DefaultT = undefined>(
  url: MaybeRefOrGetter<string>,
  options: UseApiDataOptions<ResT, DataT, PickKeys, DefaultT> = {},
): ApiData<PickedData<DataT, PickKeys> | DefaultT> & Promise<ApiData<PickedData<DataT, PickKeys> | DefaultT>> {
  const { key, params, data, server, lazy, immediate, default: initial, transform, pick, watch, deep, dedupe, getCachedData, api: apiName, ...config } = options
  const api = useApi(apiName)
  const request = computed(() => ({ method: (config.method ?? 'get').toLowerCase(), url: toValue(url), params: unwrapped(toValue(params)), data: toValue(data) }))
  // Hashed as `useFetch` does: a short key, and no request body written into the page. Each API has keys of its own.
  const requestKey = computed(() => `${apiName ? `$apis.${apiName}` : '$api'}:${hash(request.value)}`)
  const nextSignal = latestOnly()
  const asyncKey = () => toValue(key) || requestKey.value
  const asyncData = useAsyncData(
    watch === false ? asyncKey() : asyncKey,
    (_nuxtApp, context?: { signal?: AbortSignal }) => {
      const signal = nextSignal(context?.signal)
      return responseBody(api.request({ ...config, ...request.value, signal } as ApiRequestConfig), signal)
    },
    // Nuxt's own option types differ between Nuxt 3 and 4; these are the same options under either.
    { server, lazy, immediate, default: initial, transform, pick, deep, dedupe, getCachedData, watch: watch === false ? [] : [...watch ?? [], requestKey] } as object,
  )
  const result: ApiData<PickedData<DataT, PickKeys> | DefaultT> = {
    data: asyncData.data as ApiData<PickedData<DataT, PickKeys> | DefaultT>['data'],
    error: computed({
      get: () => fromNuxtError(asyncData.error.value ?? undefined),
      set: (value) => { asyncData.error.value = value ? toNuxtError(value) as typeof asyncData.error.value : undefined },
    }),
    status: asyncData.status,
    pending: asyncData.pending,
    refresh: asyncData.refresh,
    execute: asyncData.execute,
    clear: asyncData.clear,
  }
  return Object.assign(asyncData.then(() => result), result)
}
