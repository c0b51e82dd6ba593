import axios, { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import { requestURL } from '../url'

/** Nitro's `localCall`: a request handled by the app's own h3 app in-process, with no `Request` or `Response` objects. */
export type LocalCall = (request: { url: string, method: string, headers: Record<string, string>, body?: string | Uint8Array, context?: unknown }) =>
Promise<{ status: number, statusText?: string, headers: Record<string, string | string[] | number | undefined>, body?: unknown }>

const KEY = Symbol.for('nuxt-axios-jwt.localCall')

/** Nitro's `localCall`, where the module's server plugin has registered it (the app's server bundle sees it too). */
export const registeredLocalCall = (): LocalCall | undefined => (globalThis as Record<symbol, LocalCall | undefined>)[KEY]

export function registerLocalCall(localCall: LocalCall): void {
  (globalThis as Record<symbol, LocalCall | undefined>)[KEY] = localCall
}

/** The body as `localCall` takes it, or `undefined` where it cannot (form data, blobs, streams): those take the fetch path. */
function simpleBody(data: unknown): { body?: string | Uint8Array } | undefined {
  if (data === undefined || data === null) return {}
  if (typeof data === 'string') return { body: data }
  if (data instanceof ArrayBuffer) return { body: new Uint8Array(data) }
  if (ArrayBuffer.isView(data)) return { body: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }
  return undefined
}

/** Whether `localCall` can carry this request; others go through the fetch adapter. */
export const localCallCarries = (config: InternalAxiosRequestConfig): boolean =>
  simpleBody(config.data) !== undefined && config.responseType !== 'stream' && !config.onUploadProgress && !config.onDownloadProgress

function responseData(body: unknown, responseType: InternalAxiosRequestConfig['responseType']): unknown {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body instanceof Uint8Array ? body : Buffer.alloc(0)
  if (responseType === 'arraybuffer') return Buffer.from(bytes)
  return typeof body === 'string' ? body : Buffer.from(bytes).toString('utf8')
}

/** `promise`, unless the request's timeout or signal ends it first, as axios' own adapters would. */
function bounded<T>(promise: Promise<T>, config: InternalAxiosRequestConfig): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = config.timeout ? setTimeout(() => reject(new AxiosError(`timeout of ${config.timeout}ms exceeded`, AxiosError.ECONNABORTED, config)), config.timeout) : undefined
    const signal = config.signal as AbortSignal | undefined
    const abort = () => reject(new axios.CanceledError(undefined, undefined, config))
    if (signal?.aborted) abort()
    signal?.addEventListener?.('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer)
      signal?.removeEventListener?.('abort', abort)
    })
  })
}

/**
 * An axios adapter over Nitro's `localCall` for requests to the app's own server: no socket, no `Request` or
 * `Response` objects. It keeps what axios' adapters keep: status, headers (every `Set-Cookie`), the body by
 * `responseType`, timeout and abort, `validateStatus` with `AxiosError`; redirects are not followed.
 */
export async function callLocally(localCall: LocalCall, config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  const { pathname, search } = new URL(requestURL(config))
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(AxiosHeaders.from(config.headers).toJSON())) if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value)
  const request = { url: pathname + search, method: (config.method ?? 'get').toUpperCase(), headers, ...simpleBody(config.data) }
  const answer = await bounded(localCall(request), config)
  const response: AxiosResponse = {
    data: responseData(answer.body, config.responseType),
    status: answer.status,
    statusText: answer.statusText ?? '',
    headers: AxiosHeaders.from(answer.headers as Record<string, string>),
    config,
    request,
  }
  if (!config.validateStatus || config.validateStatus(response.status)) return response
  const code = response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST
  throw new AxiosError(`Request failed with status code ${response.status}`, code, config, request, response)
}
