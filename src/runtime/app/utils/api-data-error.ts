import { AxiosError, isAxiosError, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import { RefreshError, SessionExpiredError } from '../../core/errors'
import type { ApiDataError } from '../../types'
import type { NuxtError } from '#app'
import { createError } from '#imports'

/** What of a request's error travels in the SSR payload, so the browser rebuilds the same error. */
interface ErrorSummary {
  name: 'AxiosError' | 'SessionExpiredError' | 'RefreshError'
  status?: number
  code?: string
  body?: unknown
}

const isPlainValue = (value: unknown) =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value) || Array.isArray(value)
  || (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)

function summaryOf(error: unknown): ErrorSummary | undefined {
  if (isAxiosError(error)) {
    const body = error.response?.data
    return { name: 'AxiosError', status: error.response?.status, code: error.code, body: isPlainValue(body) ? body : undefined }
  }
  if (error instanceof SessionExpiredError) return { name: 'SessionExpiredError', status: error.status }
  if (error instanceof RefreshError) return { name: 'RefreshError', status: error.status, code: error.code }
}

function isSummary(data: unknown): data is ErrorSummary {
  const name = (data as ErrorSummary | undefined)?.name
  return name === 'AxiosError' || name === 'SessionExpiredError' || name === 'RefreshError'
}

/**
 * The message the page may carry. Axios words a failure without a response with the server's own network details
 * (`connect ECONNREFUSED 10.0.0.5:8080`, `getaddrinfo ENOTFOUND api.internal`): on the server that message goes to
 * the log, and the page gets a generic one with the error code.
 */
function pageMessage(error: Error, summary: ErrorSummary): string {
  if (!import.meta.server || summary.name !== 'AxiosError' || summary.status !== undefined) return error.message
  console.error(`[nuxt-axios-jwt] useApiData: ${error.message}`)
  return `The API could not be reached${summary.code ? ` (${summary.code})` : ''}`
}

/**
 * The request's error as Nuxt keeps it: a `NuxtError` with the original as its `cause` and a summary as its `data`,
 * the only parts of it the payload carries to the browser.
 */
export function toNuxtError(error: unknown): unknown {
  const summary = summaryOf(error)
  if (!summary) return error
  return createError({ message: pageMessage(error as Error, summary), statusCode: summary.status, data: summary, cause: error })
}

function rebuilt({ name, status, code, body }: ErrorSummary, message: string): ApiDataError {
  if (name === 'SessionExpiredError') return Object.assign(new SessionExpiredError('', status), { message })
  if (name === 'RefreshError') return Object.assign(new RefreshError('', status, code), { message })
  const config = { headers: {} } as InternalAxiosRequestConfig
  const response = status === undefined ? undefined : { status, statusText: '', headers: {}, config, data: body } as AxiosResponse
  return new AxiosError(message, code, config, undefined, response)
}

/**
 * The request's own error behind Nuxt's: the original where it ran, rebuilt from the payload after hydration (and on
 * the server when the page got another message, so both render the same).
 */
export function fromNuxtError(error: NuxtError | undefined): ApiDataError | NuxtError | undefined {
  if (!error) return undefined
  const cause = error.cause
  const original = isAxiosError(cause) || cause instanceof SessionExpiredError || cause instanceof RefreshError
  if (original && cause.message === error.message) return cause
  return isSummary(error.data) ? rebuilt(error.data, error.message) : error
}
