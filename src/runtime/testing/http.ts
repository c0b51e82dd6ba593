import type { IncomingMessage, ServerResponse } from 'node:http'

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** A JSON or form body as an object; anything else as `{}`. */
export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = ''
  for await (const chunk of req) raw += chunk
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw))
  try {
    const parsed = JSON.parse(raw || '{}')
    return parsed && typeof parsed === 'object' ? parsed : {}
  }
  catch {
    return {}
  }
}

/** A JSON answer that arrives one byte at a time, as from a stalled upstream. */
export async function trickle(res: ServerResponse, { everyMs, forMs }: { everyMs: number, forMs: number }, body: unknown): Promise<void> {
  const text = JSON.stringify(body)
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  let sent = 0
  for (const until = Date.now() + forMs; Date.now() < until && sent < text.length - 1 && !res.destroyed; sent++) {
    res.write(text[sent])
    await sleep(everyMs)
  }
  if (!res.destroyed) res.end(text.slice(sent))
}
