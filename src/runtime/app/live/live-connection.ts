import type { SessionTag } from '../../core/hooks'
import type { UseAuthReturn } from '../../types'
import { liveTokens, type LiveTokenOptions } from './live-token'
import type { Ref, ShallowRef } from 'vue'
import { getCurrentScope, onScopeDispose, ref, shallowRef, useNuxtApp, watch } from '#imports'

export type LiveStatus = 'CONNECTING' | 'OPEN' | 'CLOSED'

/** What a connection tells its driver (a WebSocket, an EventSource). */
export interface LiveEvents {
  opened: () => void
  /** The server took the token (a message arrived). */
  accepted: () => void
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

/** Waits this long before trying again after a connection failed for another reason than its token, doubling to 30 s. */
const FIRST_RETRY_MS = 1000

/** The pause before the next try: it doubles with each failure, up to 30 s, and starts again once a connection opens. */
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
 * A connection that carries the session's access token and keeps it fresh: opened with a valid token, reopened with
 * a refreshed one when the server closes it for the token, reopened after a growing pause when it drops for another
 * reason, and closed for good when the session ends (logout, expiry, another tab's logout).
 */
export function liveConnection<S extends { close: () => void }>(auth: Pick<UseAuthReturn, 'getAccessToken' | 'refresh' | 'loggedIn'>, options: LiveTokenOptions, connect: (token: string, events: LiveEvents) => S): LiveConnection<S> {
  const { status, socket, ...current } = currentConnection<S>()
  const tokens = liveTokens(auth)
  const retry = backoff()
  let wanted = false

  function start(token: string | undefined) {
    if (!wanted) return
    if (!token) return close()
    const next: S = connect(token, {
      opened: () => {
        if (!current.is(next)) return
        status.value = 'OPEN'
        retry.succeeded()
      },
      accepted: tokens.accepted,
      closed: (refused) => {
        if (!current.is(next)) return
        status.value = 'CLOSED'
        if (wanted) void again(refused)
      },
    })
    current.replace(next)
  }
  async function again(refused: boolean) {
    try {
      if (refused) return start(await tokens.afterRefusal())
    }
    catch {
      // A refresh that failed for now (RefreshError, offline): try again after the pause.
    }
    retry.later(() => void open())
  }
  async function open() {
    wanted = true
    retry.cancel()
    try {
      start(await tokens.forOpening())
    }
    catch {
      await again(false)
    }
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
