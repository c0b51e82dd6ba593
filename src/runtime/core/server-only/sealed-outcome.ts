import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import type { RefreshOutcome } from '../client/exchange'

/**
 * An exchange's outcome as other server instances may read it from a shared store: encrypted (AES-256-GCM) with a key
 * derived (HKDF-SHA-256) from the spent refresh token, so the store never holds usable tokens in clear and only the
 * holders of that token can open it. Its expiry is bound to it as associated data: a store writer can neither
 * extend it nor replay an old one. Sharing across instances runs where the Redis client runs (Node), so Node's
 * synchronous crypto serves it: a fraction of WebCrypto's cost per call.
 */
const SALT = Buffer.alloc(32)
const INFO = 'nuxt-axios-jwt shared refresh outcome'
const TAG_BYTES = 16

const keyFor = (refreshToken: string) => Buffer.from(hkdfSync('sha256', refreshToken, SALT, INFO, 32))

/** `outcome`, for holders of `refreshToken` until `expiresAt` (ms since the epoch). */
export function sealOutcome(outcome: RefreshOutcome, refreshToken: string, expiresAt: number): string {
  const iv = randomBytes(12)
  const expires = String(expiresAt)
  const cipher = createCipheriv('aes-256-gcm', keyFor(refreshToken), iv).setAAD(Buffer.from(expires))
  const sealed = Buffer.concat([cipher.update(JSON.stringify(outcome), 'utf8'), cipher.final(), cipher.getAuthTag()])
  return `${expires}.${iv.toString('base64')}.${sealed.toString('base64')}`
}

/**
 * The outcome and its expiry, or `undefined` when `sealed` is not one this token sealed (tampered, another token,
 * garbage) or has expired.
 */
export function openOutcome(sealed: string, refreshToken: string, now = Date.now()): { outcome: RefreshOutcome, expiresAt: number } | undefined {
  try {
    const [expires, iv, data] = sealed.split('.')
    const expiresAt = Number(expires)
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) return undefined
    const bytes = Buffer.from(data!, 'base64')
    const decipher = createDecipheriv('aes-256-gcm', keyFor(refreshToken), Buffer.from(iv!, 'base64'), { authTagLength: TAG_BYTES })
      .setAAD(Buffer.from(expires!))
      .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
    const plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8')
    const outcome = JSON.parse(plain) as RefreshOutcome
    return outcome && typeof outcome === 'object' && 'kind' in outcome ? { outcome, expiresAt } : undefined
  }
  catch {
    return undefined
  }
}
