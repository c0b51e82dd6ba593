import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { sleep } from './time'

export const redisServerPath = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server'

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

export interface RedisServer {
  url: string
  port: number
  start: () => Promise<void>
  stop: () => Promise<void>
}

/** Debian's redis-server on 127.0.0.1, in memory only; `stop` and `start` again on the same port. */
export async function redisServer(): Promise<RedisServer> {
  if (!existsSync(redisServerPath)) throw new Error(`redis-server not found at ${redisServerPath}. Install it (Debian: \`apt-get install -y redis-server\`) or set REDIS_SERVER_PATH.`)
  const port = await freePort()
  let child: ChildProcess | undefined
  const redis: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(redisServerPath, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
      for (let i = 0; i < 100; i++) {
        if (await canConnect(port)) return
        await sleep(50)
      }
      throw new Error('redis-server did not start')
    },
    async stop() {
      if (!child || child.exitCode !== null) return
      const exited = new Promise(resolve => child!.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    },
  }
  await redis.start()
  return redis
}

async function canConnect(port: number): Promise<boolean> {
  const { connect } = await import('node:net')
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}
