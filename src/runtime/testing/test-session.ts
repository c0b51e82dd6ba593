import axios, { type AxiosAdapter, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import type { NuxtApp } from 'nuxt/app'
import type { AuthUser } from '../types'
import type { JwtTestApi } from './jwt-test-api'
import { makeJwt } from './make-jwt'

/** A request of `$api` as a unit test's handler sees it. */
export interface ApiTestRequest {
  method: string
  /** The path under the API's base URL, with its query (`/items?page=2`). */
  path: string
  data: unknown
  headers: Record<string, string>
}

/** What the handler answers: the status (200 by default) and body; `undefined` answers 404. */
export type ApiTestAnswer = { status?: number, data?: unknown } | undefined

export type ApiTestHandler = (request: ApiTestRequest) => ApiTestAnswer | Promise<ApiTestAnswer>

export interface TestSessionOptions {
  /**
   * `signed-in`: a valid pair; `expired`: the access token has expired and the refresh token is valid, so the first
   * request refreshes; `signed-out`: no session.
   * @default 'signed-in'
   */
  state?: 'signed-in' | 'expired' | 'signed-out'
  /** `useAuth().user`; without it the page's middleware loads it from `endpoints.user` through `api`. */
  user?: AuthUser | null
  /** Claims of the access token (`roles`, `scope`, `sub`), for the page guards and `useAuth().claims`. */
  claims?: Record<string, unknown>
  /**
   * Who answers `$api` (and `useApiData`): a handler, or a test API (`startJwtTestApi`) whose login makes the pair.
   * With a handler, and without `api` (every other request then answers 404: a unit test reaches no network), the
   * module's refresh calls are answered here with a new pair.
   */
  api?: ApiTestHandler | JwtTestApi
  /** The app's cookie names (`tokens.*.cookie`). @default { access: 'access_token', refresh: 'refresh_token' } */
  cookies?: { access?: string, refresh?: string }
  /** The refresh answer for a pair, in the app's token paths. @default the module's: `{ data: { accessToken, refreshToken } }` */
  tokenAnswer?: (tokens: { accessToken: string, refreshToken: string }) => unknown
}

/** The session a test set, and what its handler saw. */
export interface TestSession {
  accessToken?: string
  refreshToken?: string
  /** Every request the handler was asked, the module's refresh calls included. */
  requests: ApiTestRequest[]
  /** Refresh calls answered here. */
  refreshes: () => number
}

type Answering = (config: InternalAxiosRequestConfig) => Promise<AxiosResponse>

/**
 * Who answers each app's `$api` now, behind the one adapter installed on it: the refresh client copies the adapter
 * once, so each test changes what the adapter dispatches to, never the adapter. `network` is axios' own.
 */
const answering = new WeakMap<AxiosInstance, { current: Answering, network: Answering }>()

function dispatchOf(api: AxiosInstance): { current: Answering, network: Answering } {
  let dispatch = answering.get(api)
  if (!dispatch) {
    const network = axios.getAdapter(api.defaults.adapter!) as Answering
    answering.set(api, dispatch = { current: network, network })
    api.defaults.adapter = (config => dispatch!.current(config)) as AxiosAdapter
  }
  return dispatch
}

const pathOf = (config: InternalAxiosRequestConfig): string => {
  const { pathname, search } = new URL(axios.getUri(config), 'http://app.invalid')
  return pathname + search
}

/** Answers the app's requests with `handler`, and its refresh calls with new pairs, as axios' adapters answer. */
function handlerAdapter(handler: ApiTestHandler, refresh: { path: string, answer: () => Promise<unknown> }, session: TestSession): (config: InternalAxiosRequestConfig) => Promise<AxiosResponse> {
  return async (config) => {
    const request: ApiTestRequest = { method: (config.method ?? 'get').toUpperCase(), path: pathOf(config), data: config.data, headers: Object.fromEntries(Object.entries(config.headers.toJSON()).map(([k, v]) => [k.toLowerCase(), String(v)])) }
    session.requests.push(request)
    const answer = request.path === refresh.path ? { data: await refresh.answer() } : await handler(request) ?? { status: 404, data: { error: 'not answered by the test' } }
    const status = answer.status ?? 200
    const response: AxiosResponse = { data: answer.data, status, statusText: String(status), headers: {}, config, request: {} }
    if (config.validateStatus && !config.validateStatus(status)) throw new axios.AxiosError(`Request failed with status code ${status}`, axios.AxiosError.ERR_BAD_RESPONSE, config, {}, response)
    return response
  }
}

function writeCookie(name: string, value: string | undefined) {
  document.cookie = value === undefined ? `${name}=; path=/; max-age=0` : `${name}=${encodeURIComponent(value)}; path=/`
}

/** A pair of tokens made for the test; the access token has `claims`, and has expired for `expired`. */
async function madePair(claims: Record<string, unknown>, expired: boolean) {
  return { accessToken: await makeJwt({ sub: '1', ...claims }, { expiresIn: expired ? -60 : 3600 }), refreshToken: await makeJwt({ sub: '1', typ: 'refresh' }, { expiresIn: 86_400 }) }
}

/**
 * Gives the Nuxt app of a unit test (`@nuxt/test-utils/runtime`, the `nuxt` environment) a session before
 * `mountSuspended`: cookies that `useAuth()`, `useApi()`, `useApiData()` and the middleware read as signed in, expired
 * or signed out, and `$api` answered by the test's handler (its refresh calls too) or by a test API. The browser side of
 * the module runs as in a page, with readable cookies (the default mode).
 */
export async function setTestSession(nuxtApp: NuxtApp, options: TestSessionOptions = {}): Promise<TestSession> {
  const { state = 'signed-in', claims = {}, api, cookies = {}, tokenAnswer = tokens => ({ data: tokens }) } = options
  const names = { access: cookies.access ?? 'access_token', refresh: cookies.refresh ?? 'refresh_token' }
  const session: TestSession = { requests: [], refreshes: () => session.requests.filter(request => request.path === refreshPath).length }
  const config = (nuxtApp.$config.public as { axiosJwt: { endpoints: { refresh: string } } }).axiosJwt
  const $api = nuxtApp.$api as unknown as AxiosInstance
  const refreshPath = pathOf({ baseURL: $api.defaults.baseURL, url: config.endpoints.refresh } as InternalAxiosRequestConfig)
  const dispatch = dispatchOf($api)
  if (typeof api === 'object') {
    $api.defaults.baseURL = api.url
    dispatch.current = dispatch.network
  }
  else {
    dispatch.current = handlerAdapter(api ?? (() => undefined), { path: refreshPath, answer: async () => tokenAnswer(await madePair(claims, false)) }, session)
  }
  const pair = state === 'signed-out' ? undefined : typeof api === 'object' ? await (state === 'expired' ? api.loginExpired() : api.login()) : await madePair(claims, state === 'expired')
  writeCookie(names.access, pair?.accessToken)
  writeCookie(names.refresh, pair?.refreshToken)
  // The session reads the cookies again when told of a refresh.
  await nuxtApp.callHook('axios-jwt:refreshed', {})
  const auth = (nuxtApp as unknown as { _axiosJwt: { auth: { user: { value: AuthUser | null } } } })._axiosJwt.auth
  auth.user.value = pair ? options.user ?? null : null
  return Object.assign(session, pair)
}
