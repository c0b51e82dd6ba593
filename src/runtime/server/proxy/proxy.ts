import { isAxiosError } from 'axios'
import { createError, defineEventHandler } from 'h3'
import { AxiosJwtError, RefreshError, SessionExpiredError } from '../../core/errors'
import { SESSION_ENDED } from '../../core/http-only'
import { signedApiFor } from '../lib/api-client'
import { routeCookies } from '../lib/route-cookies'
import { useServerOptions } from '../lib/server-options'
import { readWhole, sendApiResponse, type ApiBody } from './answer'
import { assertProxyRequest, forwardedHeaders, limitedBody, queryOf, targetPath } from './forwarding'

/** What the browser gets when the API could not answer, or the session could not be used. */
function failure(error: unknown): never {
  if (error instanceof SessionExpiredError) throw createError({ statusCode: 401, statusMessage: 'The session is over', data: { error: SESSION_ENDED } })
  if (error instanceof RefreshError) throw createError({ statusCode: 503, statusMessage: 'The refresh failed; the session is kept', data: { error: 'refresh_unavailable' } })
  if (isAxiosError(error) && (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')) {
    throw createError({ statusCode: 504, statusMessage: 'The API did not answer in time', data: { error: 'api_timeout' } })
  }
  if (error instanceof AxiosJwtError) throw createError({ statusCode: 500, statusMessage: error.message })
  throw createError({ statusCode: 502, statusMessage: 'The API could not be reached', data: { error: 'api_unreachable' } })
}

/** `run`, with its errors answered as `failure` answers them (a missing target is a 500 that says so). */
function withFailure<T>(run: () => T): T {
  try {
    return run()
  }
  catch (error) {
    failure(error)
  }
}

/**
 * An error's body read whole (refusals are small), before the client retries after a refresh: the stream of an answer
 * that is not handed on must not hold its connection, and the one that is handed on is sent from memory.
 */
const readErrorBody = (limit: number) => async (error: unknown) => {
  if (isAxiosError<ApiBody>(error) && error.response?.data) error.response.data = await readWhole(error.response.data, limit)
  throw error
}

/**
 * Proxy mode: forwards `proxy.path/**` to `server.baseURL` (else `baseURL`), signed with the access token from the HttpOnly cookie, refreshed
 * when due (shared as every server refresh is) and once more on a `refresh.statuses` answer, the rotated pair written
 * into this response, the answer streamed back. The browser never holds a token.
 */
export default defineEventHandler(async (event) => {
  const config = useServerOptions(event)
  const path = targetPath(event)
  assertProxyRequest(event, config.proxy, path)
  const data = await limitedBody(event, config.proxy.maxBodySize)
  const { api } = withFailure(() => signedApiFor(event, config, routeCookies(event, config), {
    timeout: config.proxy.timeout,
    maxRedirects: 0,
    responseType: 'stream',
    decompress: false,
    // The answers that call for a refresh fail here, so the client refreshes and retries; every other one is the API's.
    validateStatus: status => !config.refresh.statuses.includes(status),
  }, api => api.interceptors.response.use(undefined, readErrorBody(config.proxy.maxResponseSize))))
  const response = await api.request<ApiBody>({ method: event.method, url: path + queryOf(event), data, headers: forwardedHeaders(event, config.proxy.forwardHeaders), allowAbsoluteUrls: false })
    .catch((error: unknown) => isAxiosError<ApiBody>(error) && error.response ? error.response : failure(error))
  return sendApiResponse(event, response, config.proxy)
})
