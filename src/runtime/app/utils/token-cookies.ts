import { parse, serialize } from 'cookie-es'
import type { TokenStore } from '../../core/client'
import { sessionCookieName } from '../../core/http-only'
import { opaqueCookieLifetime, tokenLifetime } from '../../core/jwt'
import type { ResolvedAxiosJwtOptions } from '../../types'
import { withNuxt } from './context'
import type { CookieRef } from '#app'
import { useCookie, useNuxtApp, useRequestHeader } from '#imports'

const asToken = (value: unknown): string | undefined => typeof value === 'string' && value ? value : undefined
const encode = (value: string | null | undefined): string => encodeURIComponent(value ?? '')
const decode = (value: string): string => {
  try {
    return decodeURIComponent(value)
  }
  catch {
    return value
  }
}

/**
 * The two token cookies. On the server they are read from the request and written into the response with
 * `useCookie`; in the browser they are read fresh from `document.cookie` on every call (another tab may
 * have rotated them) and written at once, so the next request already sees them.
 */
export function useTokenCookies(config: ResolvedAxiosJwtOptions): TokenStore {
  const { httpOnly } = config.tokens.refresh
  const session = sessionCookieName(config.tokens.refresh.cookie)
  // In httpOnly mode the browser sees the session value in place of the refresh token; the server routes write both.
  const names = { accessToken: config.tokens.access.cookie, refreshToken: import.meta.client && httpOnly ? session : config.tokens.refresh.cookie }
  const base = {
    path: config.cookie.path,
    domain: config.cookie.domain || undefined,
    sameSite: config.cookie.sameSite,
    secure: config.cookie.secure,
  }
  // The cookies live as long as the refresh token: the access token is useful exactly that long.
  const maxAge = (refreshToken?: string): number =>
    tokenLifetime(refreshToken, Date.now() / 1000) ?? config.tokens.refresh.maxAge

  if (import.meta.client) {
    const write = (name: string, value: string, lifetime: number) => {
      document.cookie = serialize(name, value, { ...base, encode, maxAge: lifetime })
    }
    return {
      get: () => {
        const all = parse(document.cookie, { decode })
        return { accessToken: asToken(all[names.accessToken]), refreshToken: asToken(all[names.refreshToken]) }
      },
      set(tokens) {
        const { accessToken, refreshToken } = tokens
        if (httpOnly) return
        const lifetime = maxAge(refreshToken)
        write(names.accessToken, accessToken, opaqueCookieLifetime(tokens, config.refreshBeforeExpiry) ?? lifetime)
        write(names.refreshToken, refreshToken ?? '', refreshToken ? lifetime : 0)
      },
      clear() {
        write(names.accessToken, '', 0)
        write(names.refreshToken, '', 0)
      },
    }
  }

  const nuxtApp = useNuxtApp()
  // Outside a plugin or setup (after an await) this resolves asynchronously.
  const serverNames = { ...names, session }
  type Key = keyof typeof serverNames
  const cookie = (key: Key, lifetime?: number): CookieRef<string | null | undefined> | Promise<CookieRef<string | null | undefined>> =>
    withNuxt(nuxtApp, () => useCookie<string | null | undefined>(serverNames[key], { ...base, maxAge: lifetime, encode, decode, httpOnly: httpOnly && key === 'refreshToken' }))
  // Both read with one parse of the request's Cookie header; written through `useCookie`.
  const sent = parse(useRequestHeader('cookie') ?? '', { decode })
  const current: Partial<Record<Key, string>> = { accessToken: asToken(sent[names.accessToken]), refreshToken: asToken(sent[names.refreshToken]) }
  // One writer per cookie and request, so the response carries one Set-Cookie for each.
  const writers: Partial<Record<Key, ReturnType<typeof cookie>>> = {}
  const write = async (key: Key, value: string | undefined, lifetime?: number) => {
    current[key] = value
    const writer = await (writers[key] ??= cookie(key, lifetime))
    writer.value = value
  }
  return {
    get: () => ({ accessToken: current.accessToken, refreshToken: current.refreshToken }),
    async set(tokens) {
      const { accessToken, refreshToken } = tokens
      const lifetime = maxAge(refreshToken)
      await Promise.all([
        write('accessToken', accessToken, opaqueCookieLifetime(tokens, config.refreshBeforeExpiry) ?? lifetime),
        write('refreshToken', refreshToken, lifetime),
        httpOnly && write('session', globalThis.crypto.randomUUID(), lifetime),
      ])
    },
    async clear() {
      await Promise.all([write('accessToken', undefined), write('refreshToken', undefined), httpOnly && write('session', undefined)])
    },
  }
}
