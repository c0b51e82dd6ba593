import { liveConnection, type LiveConnection } from '../live/live-connection'
import { withToken, type LiveTokenOptions } from '../live/live-token'
import { useAuth } from './useAuth'
import type { MaybeRefOrGetter, Ref } from 'vue'
import { ref, shallowRef } from '#imports'

export interface AuthEventSourceOptions extends LiveTokenOptions {
  /** Named events to listen to beside `message`; each lands in `event` and `data`. */
  events?: string[]
  /**
   * The query parameter that tells a reopened stream the last event id it saw (a new `EventSource` does not send
   * `Last-Event-ID` itself), so the server can resume.
   * @default 'lastEventId'
   */
  lastEventIdParam?: string
  withCredentials?: boolean
}

export interface AuthEventSource extends LiveConnection<EventSource> {
  /** The last event's data, its name and its id. */
  data: Ref<string | null>
  event: Ref<string | null>
  lastEventId: Ref<string | null>
}

/**
 * An EventSource that carries the session's access token in its URL: opened with a valid token, reopened after a
 * pause with a valid one (refreshed once due) and the last event id when the server ends it with another answer than
 * 200, closed when the session ends. A stream that drops is reopened by the browser itself. It opens only to an API's
 * origin or one of `axiosJwt.liveOrigins`. During SSR it stays closed.
 */
export function useAuthEventSource(url: MaybeRefOrGetter<string>, options: AuthEventSourceOptions = {}): AuthEventSource {
  const data = ref<string | null>(null)
  const event = ref<string | null>(null)
  const lastEventId = ref<string | null>(null)
  if (import.meta.server) return { data, event, lastEventId, status: ref('CLOSED'), socket: shallowRef(), open: async () => {}, close: () => {} }
  const { queryParam = 'access_token', lastEventIdParam = 'lastEventId' } = options
  const live = liveConnection(useAuth(options.api), options, url, (address, token, events) => {
    const target = withToken(address, queryParam, token)
    const source = new EventSource(lastEventId.value ? withToken(target, lastEventIdParam, lastEventId.value) : target, { withCredentials: options.withCredentials })
    const receive = (message: MessageEvent<string>) => {
      data.value = message.data
      event.value = message.type
      if (message.lastEventId) lastEventId.value = message.lastEventId
    }
    source.addEventListener('open', events.opened)
    source.addEventListener('message', receive)
    for (const name of options.events ?? []) source.addEventListener(name, receive)
    // The browser reopens a dropped stream itself. A closed one had an answer other than 200, and a stream cannot tell
    // a 401 from a 503: a drop, reopened after the pause with a valid token (a refreshed one once it is due).
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) events.closed(false)
    })
    return source
  })
  return { ...live, data, event, lastEventId }
}
