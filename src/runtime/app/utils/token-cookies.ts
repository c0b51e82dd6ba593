import { parse, serialize } from 'cookie-es'
import type { CookieAttributes, CookieWrite } from '../../core/cookie-policy'
import { cookieTokenStore, type CookieJar } from '../../core/cookie-store'
import type { ResolvedOptions } from '../../core/options'
import type { TokenStore } from '../../core/tokens'
import { withNuxt } from './context'
import type { CookieRef } from '#app'
import { useCookie, useNuxtApp, useRequestHeader } from '#imports'

const encode = (value: string | null | undefined): string => encodeURIComponent(value ?? '')
const decode = (value: string): string => {
  try {
    return decodeURIComponent(value)
  }
  catch {
    return value
  }
}

/** `document.cookie`, read fresh on every call (another tab may have rotated the pair) and written at once. */
function browserJar(): CookieJar {
  return {
    read: () => parse(document.cookie, { decode }),
    write: ({ name, value, attributes }) => {
      document.cookie = serialize(name, value ?? '', { ...attributes, encode, maxAge: value === undefined ? 0 : attributes.maxAge })
    },
  }
}

/** The request's cookies, read with one parse of its `Cookie` header; written into the response through `useCookie`. */
function ssrJar(): CookieJar {
  const nuxtApp = useNuxtApp()
  const current: Record<string, string | undefined> = parse(useRequestHeader('cookie') ?? '', { decode })
  // One writer per cookie and request, so the response carries one Set-Cookie for each.
  type Writer = CookieRef<string | null | undefined>
  const writers: Record<string, Writer | Promise<Writer>> = {}
  // Outside a plugin or setup (after an await) this resolves asynchronously.
  const writer = (name: string, attributes: CookieAttributes) =>
    withNuxt(nuxtApp, () => useCookie<string | null | undefined>(name, { ...attributes, encode, decode }))
  return {
    read: () => current,
    write: async ({ name, value, attributes }: CookieWrite) => {
      current[name] = value
      const cookie = await (writers[name] ??= writer(name, attributes))
      cookie.value = value
    },
  }
}

/** The token cookies: `document.cookie` in the browser, the request and its response on the server. */
export function useTokenCookies(config: ResolvedOptions): TokenStore {
  return import.meta.client ? cookieTokenStore(browserJar(), 'browser', config) : cookieTokenStore(ssrJar(), 'server', config)
}
