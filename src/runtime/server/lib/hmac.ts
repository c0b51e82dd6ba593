const encoder = new TextEncoder()

/**
 * HMAC-SHA-256 of `message` under `key`, base64url: the seals of the module's server-side cookies. WebCrypto, so that
 * code the browser's bundle names too (the app's token store) imports nothing of Node.
 */
export async function hmac(key: string, message: string): Promise<string> {
  const secret = await globalThis.crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', secret, encoder.encode(message)))
  return btoa(String.fromCharCode(...mac)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
