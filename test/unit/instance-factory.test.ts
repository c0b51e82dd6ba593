// Server instances from a factory: what `axios.create` makes, and nothing of one request's instance in another's.
import axios from 'axios'
import { afterAll, describe, expect, it } from 'vitest'
import { instanceFactory } from '../../src/runtime/core/server-only/instance-factory'
import { createServerApi } from '../../src/runtime/core/server-only/server-api'
import { startTestApi } from '../utils/test-api'

const api = await startTestApi()
afterAll(() => api.close())

describe('instanceFactory', () => {
  it('makes instances with what axios.create gives them, bound to their own context', async () => {
    const make = instanceFactory({ baseURL: api.url, timeout: 1234 })
    const made = make()
    const created = axios.create({ baseURL: api.url, timeout: 1234 })
    expect(Object.keys(made).sort()).toEqual(Object.keys(created).filter(key => key !== 'constructor').sort())
    expect(made.defaults).toEqual(created.defaults)
    // eslint-disable-next-line no-prototype-builtins
    expect(made.defaults.hasOwnProperty('baseURL')).toBe(true)
    const { get } = made
    expect((await get('/echo?x=1')).data.query).toBe('?x=1')
    expect((await made({ url: '/echo?x=2' })).data.query).toBe('?x=2')
    expect(made.getUri({ url: '/items' })).toBe(`${api.url}/items`)
  })

  it('gives each instance its own defaults and interceptors', async () => {
    const make = instanceFactory({ baseURL: api.url })
    const [first, second] = [make(), make()]
    first.defaults.headers.common.Authorization = 'Bearer first'
    first.defaults.headers.get['X-Only'] = 'first'
    first.defaults.transformResponse = [...first.defaults.transformResponse as [], data => data]
    ;(first.defaults.transitional as Record<string, unknown>).clarifyTimeoutError = true
    first.interceptors.request.use(config => config)
    expect((await first.get('/echo')).data.authorization).toBe('Bearer first')
    expect((await second.get('/echo')).data.authorization).toBeNull()
    expect(second.defaults.headers.get['X-Only']).toBeUndefined()
    expect(second.defaults.transformResponse).toHaveLength(1)
    expect(second.defaults.transitional?.clarifyTimeoutError).toBe(false)
    expect(make().defaults.headers.common.Authorization).toBeUndefined()
    expect(axios.defaults.headers.common.Authorization).toBeUndefined()
    let seen = 0
    second.interceptors.request.use((config) => {
      seen++
      return config
    })
    await first.get('/echo')
    expect(seen).toBe(0)
  })

  it('creates children on its own defaults, as axios does', async () => {
    const parent = instanceFactory({ baseURL: `${api.url}/nowhere` })()
    parent.defaults.headers.common.Authorization = 'Bearer parent'
    const child = parent.create({ baseURL: api.url })
    expect((await child.get('/echo')).data.authorization).toBe('Bearer parent')
    child.defaults.headers.common.Authorization = 'Bearer child'
    expect(parent.defaults.headers.common.Authorization).toBe('Bearer parent')
  })

  it('takes the adapter it is given for each instance', async () => {
    const make = instanceFactory({ baseURL: api.url })
    const answered = make(async config => ({ data: 'from the adapter', status: 200, statusText: 'OK', headers: {}, config }))
    expect((await answered.get('/echo')).data).toBe('from the adapter')
    expect((await make().get('/echo')).data.query).toBe('')
  })
})

describe('createServerApi', () => {
  it('gives every server request a new instance on the same configuration', async () => {
    const [first, second] = [createServerApi({ baseURL: api.url }, undefined).api, createServerApi({ baseURL: api.url }, undefined).api]
    expect(first).not.toBe(second)
    first.defaults.headers.common.Authorization = 'Bearer first'
    expect((await second.get('/echo')).data.authorization).toBeNull()
    expect(createServerApi({ baseURL: api.url }, undefined, { timeout: 5 }).api.defaults.timeout).toBe(5)
    expect(createServerApi({ baseURL: api.url }, undefined).api.defaults.timeout).toBe(0)
  })
})
