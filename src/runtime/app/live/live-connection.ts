import type { SessionTag } from '../../core/client/hooks'
import { liveTargetProblem } from '../../core/live-target'
import { browserBaseURL } from '../../core/options'
import type { UseAuthReturn } from '../../types'
import { useAxiosJwtConfig } from '../utils/config'
import { liveTokens, type LiveTokenOptions } from './live-token'
import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import { getCurrentScope, onScopeDispose, ref, shallowRef, toValue, useNuxtApp, watch } from '#imports'

export type LiveStatus = 'CONNECTING' | 'OPEN' | 'CLOSED'

/** What a connection tells its driver (a WebSocket, an EventSource). */
export interface LiveEvents {
  opened: () => void
  /** The connection closed; `refused`: for the token (expired, revoked), so a fresh one may do. */
  closed: (refused: boolean) => void
}

/** A live connection as the composables hand it out. */
export interface LiveConnection<S> {
  status: Ref<LiveStatus>
  /** The connection open now, if any. */
  socket: ShallowRef<S | undefined>
  /** Opens it (again), with a valid token: refreshed first when due. */
  open: () => Promise<void>
  /** Closes it for good: no reconnecting until `open()`. */
  close: () => void
}

/** Waits this long before trying again after a connection closed, doubling to 30 s. */
const FIRST_RETRY_MS = 1000

/**
 * A connection open this long counts as accepted: the pause and the refusals start again from none. A server that
 * takes a connection and closes it at once (an error frame, then 1008) stays on the growing pause.
 */
const HELD_MS = 10_000

/** The pause before the next try: it doubles with each close, up to 30 s, and starts again once a connection held. */
function backoff() {
  let pauseMs = FIRST_RETRY_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    later(fn: () => void) {
      clearTimeout(timer)
      timer = setTimeout(fn, pauseMs)
      pauseMs = Math.min(pauseMs * 2, 30_000)
    },
    succeeded: () => {
      pauseMs = FIRST_RETRY_MS
    },
    cancel: () => clearTimeout(timer),
  }
}

/** The connection open now and its status: a new one replaces (and closes) the one before, whose events then no longer count. */
function currentConnection<S extends { close: () => void }>() {
  const status = ref<LiveStatus>('CLOSED')
  const socket = shallowRef<S>()
  return {
    status,
    socket,
    is: (connection: S) => socket.value === connection,
    replace(next: S) {
      const previous = socket.value
      socket.value = next
      status.value = 'CONNECTING'
      previous?.close()
    },
    end() {
      const previous = socket.value
      socket.value = undefined
      status.value = 'CLOSED'
      previous?.close()
    },
  }
}

/**
 * A connection that carries the session's access token to `url` and keeps it fresh: opened with a valid token,
 * reopened with a refreshed one when the server closes it for the token, reopened when it drops for another reason,
 * each after a pause that grows until a connection holds, and closed for good when the session ends (logout, expiry,
 * another tab's logout). A URL the token may not go to is never opened.
 */
export function liveConnection<S extends { close: () => void }>(auth: Pick<UseAuthReturn, 'getAccessToken' | 'refresh' | 'loggedIn'>, options: LiveTokenOptions, url: MaybeRefOrGetter<string>, connect: (url: string, token: string, events: LiveEvents) => S): LiveConnection<S> {
  const { status, socket, ...current } = currentConnection<S>()
  const tokens = liveTokens(auth)
  const retry = backoff()
  const target = allowedTarget(url)
  let wanted = false

  function start(token: string | undefined) {
    const address = wanted && token ? target() : undefined
    if (!address) return close()
    let openedAt: number | undefined
    const next: S = connect(address, token!, {
      opened: () => {
        if (!current.is(next)) return
        status.value = 'OPEN'
        openedAt = Date.now()
      },
      closed: (refused) => {
        if (!current.is(next)) return
        status.value = 'CLOSED'
        if (openedAt !== undefined && Date.now() - openedAt >= HELD_MS) {
          retry.succeeded()
          tokens.held()
        }
        if (wanted) retry.later(() => void (refused ? reopenRefused() : open()))
      },
    })
    current.replace(next)
  }
  async function startWith(token: () => Promise<string | undefined>) {
    try {
      start(await token())
    }
    catch {
      // A refresh that failed for now (RefreshError, offline): try again after the pause.
      if (wanted) retry.later(() => void open())
    }
  }
  const reopenRefused = () => startWith(tokens.afterRefusal)
  async function open() {
    wanted = true
    retry.cancel()
    await startWith(tokens.forOpening)
  }
  function close() {
    wanted = false
    retry.cancel()
    current.end()
  }

  followSession(auth, options, {
    ended: close,
    refreshed: () => {
      if (wanted && options.reconnectOnRefresh) void open()
    },
  })
  if (options.immediate !== false) void open()
  return { status, socket, open, close }
}

/**
 * `url` now, when the token may go there (an API's origin or one of `liveOrigins`, encrypted beyond this machine);
 * else `undefined`, and the reason on the console.
 */
function allowedTarget(url: MaybeRefOrGetter<string>): () => string | undefined {
  const config = useAxiosJwtConfig()
  const allowed = [browserBaseURL(config), ...Object.values(config.apis).map(api => api.baseURL), ...config.liveOrigins]
  return () => {
    const address = toValue(url)
    const problem = liveTargetProblem(address, window.location.href, allowed)
    if (!problem) return address
    console.error(`[nuxt-axios-jwt] A live connection did not open: ${problem}.`)
  }
}

/**
 * The connection's session (the main one, or `options.api`'s own): its end (here, or a logout in another tab) and its
 * refreshes, for as long as the component lives.
 */
function followSession(auth: Pick<UseAuthReturn, 'loggedIn'>, options: LiveTokenOptions, on: { ended: () => void, refreshed: () => void }) {
  const nuxtApp = useNuxtApp()
  const ours = (info: SessionTag | undefined) => info?.api === options.api
  const stops = [
    nuxtApp.hook('axios-jwt:session-ended', (info) => {
      if (ours(info)) on.ended()
    }),
    nuxtApp.hook('axios-jwt:refreshed', (info) => {
      if (ours(info)) on.refreshed()
    }),
    watch(auth.loggedIn, (loggedIn) => {
      if (!loggedIn) on.ended()
    }),
  ]
  if (getCurrentScope()) {
    onScopeDispose(() => {
      for (const stop of stops) stop()
      on.ended()
    })
  }
}
