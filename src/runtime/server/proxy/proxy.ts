import { isAxiosError } from 'axios'
import { createError, defineEventHandler } from 'h3'
import { AxiosJwtError, RefreshError, SessionExpiredError } from '../../core/errors'
import { SESSION_ENDED } from '../../core/http-only'
import { signedApiFor } from '../utils/api-client'
import { routeCookies } from '../utils/route-cookies'
import { useServerOptions } from '../utils/server-options'
import { assertProxyRequest, forwardedHeaders, limitedBody, sendApiResponse, targetPath } from './forwarding'

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
 * Proxy mode: forwards `proxy.path/**` to `proxy.to`, signed with the access token from the HttpOnly cookie, refreshed
 * when due (shared as every server refresh is) and once more on a `refreshStatuses` answer, the rotated pair written
 * into this response. The browser never holds a token.
 */
export default defineEventHandler(async (event) => {
  assertProxyRequest(event)
  const config = useServerOptions(event)
  const [url, data] = [targetPath(event), await limitedBody(event, config.proxy.maxBodySize)]
  const { api } = withFailure(() => signedApiFor(event, config, routeCookies(event, config), {
    timeout: config.proxy.timeout,
    maxRedirects: 0,
    responseType: 'arraybuffer',
    decompress: false,
    // The answers that call for a refresh fail here, so the client refreshes and retries; every other one is the API's.
    validateStatus: status => !config.refreshStatuses.includes(status),
  }))
  try {
    return sendApiResponse(event, await api.request({ method: event.method, url, data, headers: forwardedHeaders(event), allowAbsoluteUrls: false }))
  }
  catch (error) {
    if (isAxiosError<ArrayBuffer>(error) && error.response) return sendApiResponse(event, error.response)
    failure(error)
  }
})
