/** Random values of a sign-in (`state`, `nonce`, the PKCE verifier) and the PKCE S256 challenge (RFC 7636). */

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')

/** 256 random bits, base64url: a `state`, a `nonce` or a code verifier (43 characters, within RFC 7636's 43-128). */
export const randomValue = (): string => base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)))

/** The S256 code challenge of `verifier`: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))))
}

/** Whether two strings are equal, in a time that does not tell how much of them matched. */
export function sameValue(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a)
  const right = new TextEncoder().encode(b)
  let difference = left.length ^ right.length
  for (let i = 0; i < Math.max(left.length, right.length); i++) difference |= (left[i] ?? 0) ^ (right[i] ?? 0)
  return difference === 0
}
