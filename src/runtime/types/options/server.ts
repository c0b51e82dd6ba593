/** `axiosJwt.server`: settings of the Nuxt server only, never sent to the page (`NUXT_AXIOS_JWT_SERVER_*`). */
export interface ServerOptions {
  /**
   * Address of the API for the server (`http://api.internal:8080`), when it differs from the browser's `baseURL`; in
   * proxy mode the address the proxy forwards to. Without it the server uses `baseURL`; a path there is served by the
   * app itself, in-process (`NUXT_AXIOS_JWT_SERVER_BASE_URL`).
   * @default ''
   */
  baseURL: string
  /**
   * A Nitro storage mount (unstorage's `redis` driver) through which several server instances share each refresh, so
   * that renders of one expired pair on different instances make one exchange. `''` shares within an instance only
   * (`NUXT_AXIOS_JWT_SERVER_SHARED_REFRESH`).
   * @default ''
   */
  sharedRefresh: string
}

/**
 * `axiosJwt.proxy`, for `mode: 'proxy'` (backend for frontend): the browser calls the API through a route of the app
 * (`path`), which forwards each request to `server.baseURL` (else `baseURL`) signed with the access token from an
 * HttpOnly cookie, refreshing when due.
 */
export interface ProxyOptions {
  /**
   * Path of the proxy route on the app: requests to `path/**` go to the API.
   * @default '/api'
   */
  path: string
  /**
   * Milliseconds a proxied request may take, refresh and retry included, before it fails with 504.
   * @default 30000
   */
  timeout: number
  /**
   * Bytes of a request body the proxy takes (it keeps the body to replay it after a refresh); larger ones get 413.
   * @default 10485760
   */
  maxBodySize: number
  /**
   * Bytes of an answer the proxy streams to the browser: a larger `Content-Length` gets 502, a longer stream is cut.
   * @default 52428800
   */
  maxResponseSize: number
  /**
   * Milliseconds an answer may stream (an event stream, a slow download) before the proxy ends it; `timeout` bounds
   * the wait for its start.
   * @default 600000
   */
  maxDuration: number
  /**
   * Paths under the proxy that a browser may open as a page or embed (`['/files/']`, prefixes): a link to a download,
   * an image. Every other navigation or embedding (`Sec-Fetch-Mode: navigate`, a `Sec-Fetch-Dest` other than
   * `empty`) gets 403, so a file the API serves as uploaded never opens as a page of the app; every answer carries
   * `Content-Security-Policy: sandbox` and `X-Content-Type-Options: nosniff` either way.
   * @default []
   */
  navigation: string[]
  /**
   * Request headers the API gets beside the usual ones (content negotiation, conditional and range requests,
   * tracing, `Idempotency-Key`), lower case. Cookies, credentials and headers that speak for the proxy
   * (`X-Forwarded-*`, `X-Real-IP`, `X-Original-URL`) are never forwarded; `X-Forwarded-For` is the client's address
   * as the proxy's socket saw it.
   * @default []
   */
  forwardHeaders: string[]
}
