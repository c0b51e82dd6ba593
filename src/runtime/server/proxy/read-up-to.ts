import type { Readable } from 'node:stream'

/** A body read whole, or `undefined` once it passes `limit` bytes (read no further). */
export async function readUpTo(body: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
