// What the module adds to one server render, timed in-process over many iterations (no network, no Nuxt).
import axios, { AxiosHeaders, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import { parse } from 'cookie-es'
import { installJwtClient } from '../src/runtime/core/client/client'
import { cookieTokenStore } from '../src/runtime/core/cookies/cookie-store'
import * as cookieWriter from '../src/runtime/core/cookies/cookie-writes'
import { IN_PROCESS_ORIGIN } from '../src/runtime/core/server-only/in-process'
import { createServerApi } from '../src/runtime/core/server-only/server-api'
import { shareServerRefresh } from '../src/runtime/core/server-only/shared-refresh'
import { defaultClientOptions } from '../test/utils/client-options'
import { median, summary } from './stats'

type Handler = { fulfilled: (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig }
const policy = { ...defaultClientOptions, mode: 'readable' as const, cookie: { path: '/', sameSite: 'lax' as const, secure: true }, session: { idleTimeout: 0 } }

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
  const { api } = createServerApi({ baseURL }, undefined)
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
  const runs = {
    create: () => axios.create({ baseURL: apiUrl }),
    factory: () => createServerApi({ baseURL: apiUrl }, undefined),
    plain: () => plainRender(cookieHeader, apiUrl),
    module: () => moduleRender(cookieHeader, apiUrl),
  }
  const names = Object.keys(runs) as Array<keyof typeof runs>
  for (const fn of Object.values(runs)) timePerCall(fn, iterations)
  const times = Object.fromEntries(names.map(name => [name, [] as number[]])) as Record<keyof typeof runs, number[]>
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) times[name].push(timePerCall(runs[name], iterations))
  }
  const at = (name: keyof typeof runs) => median(times[name])
  const ratio = (name: keyof typeof runs) => (at(name) / at('plain')).toFixed(2)
  const ownWork = at('module') - at('factory')
  return [
    `### The module's own work in a render`,
    '',
    `In-process, no network and no Nuxt: per render, read the token cookies, create the instance with its interceptors and `
    + `sign one request; ${iterations} renders a round, ${rounds} interleaved rounds. Baseline: a plain axios instance per render `
    + `(\`axios.create\`) whose interceptor sets the header from the cookie.`,
    '',
    '| per render | µs | ratio |',
    '|---|---|---|',
    `| plain axios | ${summary(times.plain, 2)} | 1.00 |`,
    `| nuxt-axios-jwt | ${summary(times.module, 2)} | ${ratio('module')} |`,
    `| \`axios.create\` alone (the plain render's instance) | ${summary(times.create, 2)} | ${ratio('create')} |`,
    `| the module's instance alone (its server factory) | ${summary(times.factory, 2)} | ${ratio('factory')} |`,
    '',
    `\`axios.create\` is ${(at('create') * 100 / at('plain')).toFixed(0)} % of the plain render: it merges axios' defaults and `
    + `binds every method anew. The module's server makes the same instance from a factory per configuration, which merges `
    + `once and copies the merged defaults for each request (${(at('create') - at('factory')).toFixed(1)} µs less). On top of it the `
    + `module spends ${ownWork.toFixed(1)} µs: its cookie store, token clock, refresher and two interceptors, and signing one `
    + `request (which cookie, whether due, the API's origin).`,
    '',
  ].join('\n')
}
