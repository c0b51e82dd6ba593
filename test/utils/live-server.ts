import type { IncomingMessage, ServerResponse } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { readTokenTimes } from '../../src/runtime/core/tokens/jwt'
import { listenOnLoopback } from './loopback-server'

/** What the live server saw of one connection: the token it opened with, and for streams the last event id asked for. */
export interface LiveVisit {
  token: string
  lastEventId?: string | null
}

export interface LiveServer {
  /** `ws://…/socket` and `http://…/events` live here (the same port). */
  url: string
  /** WebSocket connections the server took, in order. */
  sockets: LiveVisit[]
  /** Event streams the server took, in order. */
  streams: LiveVisit[]
  /** Connections refused for their token. */
  refused: number
  /** Connections to `/socket-error`, which sends an error frame and closes with 1008 whatever the token. */
  errorCloses: number
  /** Requests to `/events-unavailable`, which answers 503 whatever the token. */
  unavailable: number
  /** WebSocket and stream connections open now. */
  open: () => number
  reset: () => void
  close: () => Promise<void>
}

/** Ticks sent to every open connection, this often. */
const TICK_MS = 100

/**
 * A real WebSocket server (`ws`) and an event stream on 127.0.0.1 that take the access token as the query parameter
 * `access_token`, check it with `verify` (the test API's own check), send a tick every 100 ms, and close a connection
 * when its token expires: a WebSocket with code 4401, a stream by ending it (the browser then reconnects with the old
 * token and gets a 401). `/socket-error` and `/events-unavailable` refuse every connection, as a faulty server does.
 */
export async function startLiveServer(verify: (token: string) => Promise<unknown>): Promise<LiveServer> {
  const openSockets = new Set<WebSocket>()
  const openStreams = new Set<ServerResponse>()
  let eventId = 0
  /** The token's remaining life in ms, or `undefined` when it is refused. */
  const lifeOf = async (token: string | null) => {
    if (!token || !await verify(token)) return undefined
    return readTokenTimes(token).exp! * 1000 - Date.now()
  }
  const ticker = setInterval(() => {
    eventId++
    for (const socket of openSockets) socket.send(`tick:${eventId}`)
    for (const stream of openStreams) stream.write(`id: ${eventId}\ndata: tick:${eventId}\n\n`)
  }, TICK_MS)

  async function stream(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://127.0.0.1')
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*')
    if (url.pathname === '/events-unavailable') {
      live.unavailable++
      return void res.writeHead(503).end()
    }
    const token = url.searchParams.get('access_token')
    const life = await lifeOf(token)
    if (life === undefined) {
      live.refused++
      return void res.writeHead(401).end()
    }
    live.streams.push({ token: token!, lastEventId: url.searchParams.get('lastEventId') })
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
    res.write('retry: 100\n\n')
    openStreams.add(res)
    const expiry = setTimeout(() => res.end(), Math.max(life, 0))
    res.on('close', () => {
      clearTimeout(expiry)
      openStreams.delete(res)
    })
  }

  async function socket(ws: WebSocket, req: IncomingMessage) {
    const url = new URL(req.url!, 'http://127.0.0.1')
    if (url.pathname === '/socket-error') {
      live.errorCloses++
      ws.send('{"error":"busy"}')
      return ws.close(1008, 'policy')
    }
    const token = url.searchParams.get('access_token')
    const life = await lifeOf(token)
    if (life === undefined) {
      live.refused++
      return ws.close(4401, 'token refused')
    }
    live.sockets.push({ token: token! })
    openSockets.add(ws)
    const expiry = setTimeout(() => ws.close(4401, 'token expired'), Math.max(life, 0))
    ws.on('close', () => {
      clearTimeout(expiry)
      openSockets.delete(ws)
    })
  }

  const http = await listenOnLoopback((req, res) => {
    if (req.url?.startsWith('/events')) void stream(req, res)
    else res.writeHead(404).end()
  })
  const sockets = new WebSocketServer({ noServer: true })
  http.server.on('upgrade', (req, tcp, head) => sockets.handleUpgrade(req, tcp, head, ws => void socket(ws, req)))

  const live: LiveServer = {
    url: http.url,
    sockets: [],
    streams: [],
    refused: 0,
    errorCloses: 0,
    unavailable: 0,
    open: () => openSockets.size + openStreams.size,
    reset() {
      live.sockets = []
      live.streams = []
      live.refused = 0
      live.errorCloses = 0
      live.unavailable = 0
    },
    async close() {
      clearInterval(ticker)
      for (const ws of openSockets) ws.terminate()
      for (const res of openStreams) res.destroy()
      sockets.close()
      await http.close()
    },
  }
  return live
}
