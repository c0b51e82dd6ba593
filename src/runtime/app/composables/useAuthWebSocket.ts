import { liveConnection, type LiveConnection } from '../live/live-connection'
import { withToken, type LiveTokenOptions } from '../live/live-token'
import { useAuth } from './useAuth'
import type { MaybeRefOrGetter, Ref } from 'vue'
import { ref, shallowRef } from '#imports'

export interface AuthWebSocketOptions extends LiveTokenOptions {
  /**
   * Where the token goes: the query parameter `queryParam` (the default), or the first message after the socket
   * opens (`authMessage`), for servers that keep tokens out of URLs and their logs.
   * @default 'query'
   */
  token?: 'query' | 'message'
  /**
   * The first message for `token: 'message'`.
   * @default token => JSON.stringify({ type: 'auth', token })
   */
  authMessage?: (token: string) => string
  /**
   * Close codes by which the server says the token was refused or has expired: the socket reopens with a refreshed
   * token (twice in a row at most, three refreshes a minute for all live connections of a tab). Every reopening waits
   * a pause that grows to 30 s until a connection stays open 10 s.
   * @default [4401, 1008]
   */
  authCloseCodes?: number[]
  protocols?: string | string[]
  onMessage?: (event: MessageEvent) => void
}

export interface AuthWebSocket extends LiveConnection<WebSocket> {
  /** The last message's data. */
  data: Ref<unknown>
  /** Sends when the socket is open; `false` when it is not. */
  send: (data: string | ArrayBufferLike | Blob | ArrayBufferView) => boolean
}

/**
 * A WebSocket that carries the session's access token (browsers cannot set its headers): opened with a valid token,
 * reopened with a fresh one when the server closes it for an expired token, closed when the session ends. It opens
 * only to an API's origin or one of `axiosJwt.liveOrigins`. During SSR it stays closed.
 */
export function useAuthWebSocket(url: MaybeRefOrGetter<string>, options: AuthWebSocketOptions = {}): AuthWebSocket {
  const data = ref<unknown>(null)
  if (import.meta.server) return { data, send: () => false, status: ref('CLOSED'), socket: shallowRef(), open: async () => {}, close: () => {} }
  const { token: place = 'query', queryParam = 'access_token', authCloseCodes = [4401, 1008] } = options
  const authMessage = options.authMessage ?? ((token: string) => JSON.stringify({ type: 'auth', token }))
  const live = liveConnection(useAuth(options.api), options, url, (address, token, events) => {
    const socket = new WebSocket(place === 'query' ? withToken(address, queryParam, token) : address, options.protocols)
    socket.addEventListener('open', () => {
      if (place === 'message') socket.send(authMessage(token))
      events.opened()
    })
    socket.addEventListener('message', (event) => {
      data.value = event.data
      options.onMessage?.(event)
    })
    socket.addEventListener('close', event => events.closed(authCloseCodes.includes(event.code)))
    return socket
  })
  return {
    ...live,
    data,
    send(message) {
      const socket = live.socket.value
      if (socket?.readyState !== WebSocket.OPEN) return false
      socket.send(message)
      return true
    },
  }
}
