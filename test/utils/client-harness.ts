import axios, { type AxiosInstance } from 'axios'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { installJwtClient, type JwtClientOptions } from '../../src/runtime/core/client/client'
import type { SessionExpiredError } from '../../src/runtime/core/errors'
import type { ClientOptions } from '../../src/runtime/core/options'
import type { DeepPartial } from '../../src/runtime/types'
import { clientOptions } from './client-options'
import { memoryStore } from './memory-store'
import { startTestApi, type TestApi } from './test-api'
import { sleep } from './time'

/** A client of the test API: `options` over the defaults, the rest of the setup as `installJwtClient` takes it. */
export type TestSetup = Partial<Omit<JwtClientOptions, 'options'>> & { options?: DeepPartial<ClientOptions> }

/**
 * The token client against a real test API on loopback (and a second API on another origin, which must never see a
 * token), both reset before each test of the suite: `client()` logs in and installs the client on an axios instance,
 * `expiredClient()` does so with an access token that has just expired.
 */
export function clientHarness() {
  const servers = {} as { api: TestApi, other: TestApi }
  beforeAll(async () => {
    servers.api = await startTestApi()
    servers.other = await startTestApi()
  })
  afterAll(async () => {
    await servers.api.close()
    await servers.other.close()
  })
  beforeEach(() => {
    servers.api.reset()
    servers.other.reset()
    servers.api.options.accessTtl = 60
  })

  async function client({ options, login, ttl, ...setup }: TestSetup & { login?: boolean, ttl?: number } = {}) {
    const tokens = login === false ? {} : await servers.api.login('alice', ttl)
    const store = setup.store ?? memoryStore(tokens)
    const ended: SessionExpiredError[] = []
    const http: AxiosInstance = axios.create({ baseURL: servers.api.url })
    const jwt = installJwtClient(http, {
      callHook: (name, ...args) => {
        if (name === 'axios-jwt:session-ended') ended.push((args[0] as { error: SessionExpiredError }).error)
      },
      ...setup,
      options: clientOptions({ ...options, refresh: { beforeExpiry: 0, timeout: 2000, ...options?.refresh } }),
      store,
    })
    return { http, jwt, store: store as ReturnType<typeof memoryStore>, ended }
  }

  /** Logs in with an access token that lives one second, then waits until it has expired. */
  async function expiredClient(setup: TestSetup = {}) {
    const c = await client({ ...setup, ttl: 1 })
    await sleep(1100)
    return c
  }

  return { servers, client, expiredClient }
}
