import { compactVerify, createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose'
import type { ProviderEndpoints } from './provider'
import { OidcFailure, type OidcSettings } from './failure'

/**
 * ID tokens are checked with `jose`: the JWKS is fetched and cached by it (read again when a token names a key it does
 * not know, as after the provider rotates its keys), and the claims are checked the way OpenID Connect Core 3.1.3.7 asks.
 */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()

function keySetOf(endpoints: ProviderEndpoints) {
  if (!endpoints.jwks) throw new OidcFailure('id_token_invalid', 'The identity provider names no JWKS (`jwks_uri`) to check ID tokens with: give `axiosJwt.oidc.endpoints.jwks`.')
  let keys = keySets.get(endpoints.jwks)
  if (!keys) keySets.set(endpoints.jwks, keys = createRemoteJWKSet(new URL(endpoints.jwks), { timeoutDuration: 10_000 }))
  return keys
}

const invalid = (why: string) => new OidcFailure('id_token_invalid', `The identity provider's ID token is not valid (${why}). Sign in again.`)

function why(error: unknown): string {
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'its signature is not the provider\'s'
  if (error instanceof errors.JWTExpired) return 'it has expired'
  if (error instanceof errors.JWTClaimValidationFailed) return `its \`${error.claim}\` claim: ${error.message}`
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return error.message
  return error instanceof Error ? error.message : String(error)
}

/** The ID token of a sign-in, once it is signed by the provider's key, for this client, from this issuer, in time, with this sign-in's nonce. */
export async function verifySignInIdToken(idToken: unknown, settings: OidcSettings, endpoints: ProviderEndpoints, nonce: string): Promise<string> {
  if (typeof idToken !== 'string' || !idToken) throw invalid('the token response has no `id_token`')
  let payload: JWTPayload
  try {
    ({ payload } = await jwtVerify(idToken, keySetOf(endpoints), { issuer: endpoints.issuer, audience: settings.clientId, clockTolerance: settings.clockSkew, requiredClaims: ['sub', 'iat', 'exp'] }))
  }
  catch (error) {
    throw invalid(why(error))
  }
  // Several audiences: the token must be issued to this client (`azp`).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== settings.clientId) throw invalid('it was issued to another client (`azp`)')
  if (payload.nonce !== nonce) throw invalid('its `nonce` is not this sign-in\'s')
  return idToken
}

/**
 * The claims of the ID token kept since the sign-in: signed by the provider's key, for this client, from this issuer.
 * Its expiry does not matter here: it names the user of a session whose tokens are checked on their own.
 */
export async function readKeptIdToken(idToken: string, settings: OidcSettings, endpoints: ProviderEndpoints): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await compactVerify(idToken, keySetOf(endpoints))
    const claims = JSON.parse(new TextDecoder().decode(payload)) as JWTPayload
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
    return claims.iss === endpoints.issuer && audiences.includes(settings.clientId) ? claims : undefined
  }
  catch {
    return undefined
  }
}
