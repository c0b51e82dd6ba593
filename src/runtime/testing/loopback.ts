// An HTTP server on 127.0.0.1 at a free port, which closes with its open connections: for the test API and the suites' other servers.
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface LoopbackServer {
  url: string
  /** The Node server, for what a request listener does not see (WebSocket upgrades). */
  server: Server
  /** Closes the server, its open connections too, so a suite's end never waits on a keep-alive. */
  close: () => Promise<void>
}

/** An HTTP server on 127.0.0.1, at a free port. */
export async function listenOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const sockets = new Set<Socket>()
  const server = createServer(handler)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    },
  }
}
