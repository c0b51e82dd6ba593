// What the module adds to one server render, timed in-process over many iterations (no network, no Nuxt).
import axios, { AxiosHeaders, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import { parse } from 'cookie-es'
import { installJwtClient } from '../src/runtime/core/client'
import { cookieTokenStore } from '../src/runtime/core/cookie-store'
import * as cookieWriter from '../src/runtime/core/cookie-writes'
import { IN_PROCESS_ORIGIN } from '../src/runtime/core/in-process'
import { shareServerRefresh } from '../src/runtime/core/shared-refresh'
import { defaultClientOptions } from '../test/utils/client-options'
import { median, summary } from './stats'

type Handler = { fulfilled: (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig }
const policy = { ...defaultClientOptions, cookie: { path: '/', sameSite: 'lax' as const, secure: true } }

/** Runs the instance's request interceptors on one GET, as axios does before sending it. */
function signOne(api: AxiosInstance): InternalAxiosRequestConfig {
  const handlers: Handler[] = []
  ;(api.interceptors.request as unknown as { forEach: (fn: (h: Handler) => void) => void }).forEach(h => handlers.unshift(h))
  let config = { url: '/items', method: 'get', headers: new AxiosHeaders() } as InternalAxiosRequestConfig
  for (const handler of handlers) config = handler.fulfilled(config)
  return config
}

/** The baseline: a plain axios instance per render whose interceptor sets the header from the cookie. */
function plainRender(cookieHeader: string, baseURL: string) {
  const token = parse(cookieHeader).access_token
  const api = axios.create({ baseURL })
  api.interceptors.request.use((config) => {
    if (token) config.headers.Authorization = `Bearer ${token}`
    return config
  })
  return signOne(api)
}

/** The module's server side of a render: the cookie store, the instance with its client, one signed request. */
function moduleRender(cookieHeader: string, baseURL: string) {
  const cookies = parse(cookieHeader)
  const store = cookieTokenStore({ read: () => cookies, write: () => {} }, 'server', policy, cookieWriter)
  const api = axios.create({ baseURL })
  installJwtClient(api, { options: defaultClientOptions, store, origin: IN_PROCESS_ORIGIN, share: shareServerRefresh })
  return signOne(api)
}

function timePerCall(fn: () => unknown, iterations: number): number {
  const started = performance.now()
  for (let i = 0; i < iterations; i++) fn()
  return (performance.now() - started) * 1000 / iterations
}

export function renderCostSection(apiUrl: string, cookieHeader: string, quick: boolean): string {
  const iterations = quick ? 5_000 : 50_000
  const rounds = quick ? 3 : 9
  const runs = { create: () => axios.create({ baseURL: apiUrl }), plain: () => plainRender(cookieHeader, apiUrl), module: () => moduleRender(cookieHeader, apiUrl) }
  for (const fn of Object.values(runs)) timePerCall(fn, iterations)
  const times: Record<keyof typeof runs, number[]> = { create: [], plain: [], module: [] }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? (['module', 'plain', 'create'] as const) : (['create', 'plain', 'module'] as const)
    for (const name of order) times[name].push(timePerCall(runs[name], iterations))
  }
  const extra = median(times.module) - median(times.plain)
  return [
    `### The module's own work in a render`,
    '',
    `In-process, no network and no Nuxt: per render, read the token cookies, create the instance with its interceptors and `
    + `sign one request; ${iterations} renders a round, ${rounds} interleaved rounds. Baseline: a plain axios instance whose `
    + `interceptor sets the header from the cookie.`,
    '',
    '| per render | µs | ratio |',
    '|---|---|---|',
    `| plain axios | ${summary(times.plain, 2)} | 1.00 |`,
    `| nuxt-axios-jwt | ${summary(times.module, 2)} | ${(median(times.module) / median(times.plain)).toFixed(2)} |`,
    `| \`axios.create\` alone, in both | ${summary(times.create, 2)} | ${(median(times.create) / median(times.plain)).toFixed(2)} |`,
    '',
    `The module adds ${extra.toFixed(1)} µs to a render, against the server CPU per render in the table above. `
    + `\`axios.create\` is ${(median(times.create) * 100 / median(times.plain)).toFixed(0)} % of the plain render; the module's `
    + `${extra.toFixed(1)} µs are its cookie store, its token clock, its refresher and its two interceptors, and signing one request `
    + `(which cookie, whether due, the API's origin).`,
    '',
  ].join('\n')
}
