import type { RefreshOutcome } from './exchange'

/**
 * An exchange's outcome as other server instances may read it from a shared store: encrypted (AES-GCM) with a key
 * derived (HKDF-SHA-256) from the spent refresh token, so the store never holds usable tokens in clear and only the
 * holders of that token can open it.
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

export async function sealOutcome(outcome: RefreshOutcome, refreshToken: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFor(refreshToken, 'encrypt'), encoder.encode(JSON.stringify(outcome)))
  return `${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`
}

/** The outcome, or `undefined` when `sealed` is not one this token sealed (tampered, another token, garbage). */
export async function openOutcome(sealed: string, refreshToken: string): Promise<RefreshOutcome | undefined> {
  try {
    const [iv, data] = sealed.split('.')
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv!) }, await keyFor(refreshToken, 'decrypt'), fromBase64(data!))
    const outcome = JSON.parse(new TextDecoder().decode(plain)) as RefreshOutcome
    return outcome && typeof outcome === 'object' && 'kind' in outcome ? outcome : undefined
  }
  catch {
    return undefined
  }
}
