import axios, { type AxiosAdapter, type AxiosInstance, type CreateAxiosDefaults } from 'axios'

type Method = (this: unknown, ...args: unknown[]) => unknown
type Config = Record<string, unknown>
// `mergeConfig` as axios uses it on defaults (its own types take request configs only).
const mergeConfig = axios.mergeConfig as (defaults: object, config: object) => Config

const proto = axios.Axios.prototype as unknown as Record<string, Method>
/** What an instance carries of `Axios.prototype` (`request`, `get`, `post`, `getUri`, ...), bound to its context. */
const METHODS = Object.getOwnPropertyNames(proto).filter(key => key !== 'constructor' && typeof proto[key] === 'function')

/**
 * A copy of a merged config as `mergeConfig` makes one: its plain objects (headers; the config itself, which has no
 * prototype) and arrays new, the rest shared.
 */
function copied<T>(value: T): T {
  if (Array.isArray(value)) return value.slice() as T
  if (!value || typeof value !== 'object') return value
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== null && prototype !== Object.prototype) return value
  const copy = (prototype ? {} : Object.create(null)) as Config
  // The slot `mergeConfig` gives a config without a prototype, not enumerable.
  if (!prototype && Object.hasOwn(value, 'hasOwnProperty')) Object.defineProperty(copy, 'hasOwnProperty', Object.getOwnPropertyDescriptor(value, 'hasOwnProperty')!)
  for (const key of Object.keys(value)) copy[key] = copied((value as Config)[key])
  return copy as T
}

/** An instance on `defaults`, made as axios' own `createInstance` makes one. */
function instanceOn(defaults: Config): AxiosInstance {
  const context = new axios.Axios(defaults) as unknown as Config
  const instance = proto.request!.bind(context) as unknown as Record<string, unknown>
  for (const key of METHODS) instance[key] = proto[key]!.bind(context)
  instance.defaults = context.defaults
  instance.interceptors = context.interceptors
  instance.create = (config?: CreateAxiosDefaults) => instanceOn(mergeConfig(defaults, config ?? {}))
  return instance as unknown as AxiosInstance
}

/**
 * Makes instances that are what `axios.create(config)` makes, for a fraction of its cost: the defaults are merged with
 * axios' once, and each instance gets its own copy of them (headers included) and its own interceptors, so that
 * nothing one server request does to its instance reaches another's.
 */
export function instanceFactory(config: CreateAxiosDefaults): (adapter?: AxiosAdapter) => AxiosInstance {
  const merged = mergeConfig(axios.defaults, config)
  return (adapter) => {
    const defaults = copied(merged)
    if (adapter) defaults.adapter = adapter
    return instanceOn(defaults)
  }
}
