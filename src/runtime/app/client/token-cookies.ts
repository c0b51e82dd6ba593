import { parse, serialize } from 'cookie-es'
import { cookieTokenStore, type CookieJar } from '../../core/cookies/cookie-store'
import { loadCookieWriter } from '../../core/client/lazy-exchange'
import type { ResolvedOptions } from '../../core/options'
import { renderSupport } from '../../core/server-only/render-support'
import type { TokenStore } from '../../core/tokens/tokens'
import { useRequestEvent } from '#imports'

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

/** The cookies of this side: `document.cookie` in the browser; on the server the request's, shared with its in-process requests. */
export function useCookieJar(): CookieJar {
  if (import.meta.client) return browserJar()
  const event = useRequestEvent()!
  return renderSupport(event).cookieJar(event)
}

/** The token cookies of this side. */
export function useTokenCookies(config: ResolvedOptions): TokenStore {
  return import.meta.client ? cookieTokenStore(browserJar(), 'browser', config, loadCookieWriter) : renderSupport(useRequestEvent()!).tokenStore(useCookieJar(), config)
}
