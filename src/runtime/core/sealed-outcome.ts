import type { RefreshOutcome } from './exchange'

/**
 * An exchange's outcome as other server instances may read it from a shared store: encrypted (AES-GCM) with a key
 * derived (HKDF-SHA-256) from the spent refresh token, so the store never holds usable tokens in clear and only the
 * holders of that token can open it. Its expiry is bound to it as associated data: a store writer can neither
 * extend it nor replay an old one.
 */
const encoder = new TextEncoder()
const INFO = encoder.encode('nuxt-axios-jwt shared refresh outcome')

async function keyFor(refreshToken: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(refreshToken), 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: INFO },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  )
}

const toBase64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, byte => String.fromCharCode(byte)).join(''))
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), char => char.charCodeAt(0))

/** `outcome`, for holders of `refreshToken` until `expiresAt` (ms since the epoch). */
export async function sealOutcome(outcome: RefreshOutcome, refreshToken: string, expiresAt: number): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const expires = String(expiresAt)
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(expires) }, await keyFor(refreshToken, 'encrypt'), encoder.encode(JSON.stringify(outcome)))
  return `${expires}.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`
}

/**
 * The outcome and its expiry, or `undefined` when `sealed` is not one this token sealed (tampered, another token,
 * garbage) or has expired.
 */
export async function openOutcome(sealed: string, refreshToken: string, now = Date.now()): Promise<{ outcome: RefreshOutcome, expiresAt: number } | undefined> {
  try {
    const [expires, iv, data] = sealed.split('.')
    const expiresAt = Number(expires)
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) return undefined
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv!), additionalData: encoder.encode(expires) }, await keyFor(refreshToken, 'decrypt'), fromBase64(data!))
    const outcome = JSON.parse(new TextDecoder().decode(plain)) as RefreshOutcome
    return outcome && typeof outcome === 'object' && 'kind' in outcome ? { outcome, expiresAt } : undefined
  }
  catch {
    return undefined
  }
}
