import axios, { type AxiosRequestConfig } from 'axios'
import type { ProviderEndpoints } from './provider'
import { providerEndpoints } from './provider'
import { OidcFailure, type OidcSettings } from './failure'

/** Milliseconds a call to the provider may take. */
const PROVIDER_TIMEOUT = 10_000

/**
 * How the app authenticates at the token endpoint: a confidential client with HTTP Basic (`client_secret_basic`,
 * RFC 6749 section 2.3.1: id and secret form-encoded first), a public client with its id in the body.
 */
function clientAuthentication({ clientId, clientSecret }: Pick<OidcSettings, 'clientId' | 'clientSecret'>): { fields: Record<string, string>, headers: Record<string, string> } {
  if (!clientSecret) return { fields: { client_id: clientId }, headers: {} }
  const credentials = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`
  return { fields: {}, headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } }
}

/** A form POST to the provider with the client's authentication; it follows no redirect. */
function providerPost(url: string, settings: OidcSettings, fields: Record<string, string>): AxiosRequestConfig {
  const auth = clientAuthentication(settings)
  return {
    method: 'post',
    url,
    data: new URLSearchParams({ ...fields, ...auth.fields }),
    headers: { ...auth.headers, 'content-type': 'application/x-www-form-urlencoded', 'accept': 'application/json' },
    maxRedirects: 0,
    timeout: PROVIDER_TIMEOUT,
  }
}

/** The refresh request at the provider's token endpoint, with the client's authentication (the secret stays here). */
export async function refreshRequest(settings: OidcSettings, refreshToken: string): Promise<AxiosRequestConfig> {
  const { token } = await providerEndpoints(settings)
  return providerPost(token, settings, { grant_type: 'refresh_token', refresh_token: refreshToken })
}

/** The provider's `error` of a refused call, if its body has one. */
function providerError(error: unknown): { status?: number, code?: string, description?: string } {
  if (!axios.isAxiosError(error)) return {}
  const body = error.response?.data as { error?: unknown, error_description?: unknown } | undefined
  return {
    status: error.response?.status,
    code: typeof body?.error === 'string' ? body.error : undefined,
    description: typeof body?.error_description === 'string' ? body.error_description : undefined,
  }
}

/** Trades the authorization code for the tokens (`authorization_code` grant with the PKCE verifier); the body as answered. */
export async function exchangeCode(settings: OidcSettings, endpoints: ProviderEndpoints, code: string, pending: { verifier: string, redirectUri: string }): Promise<unknown> {
  const request = providerPost(endpoints.token, settings, { grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, code_verifier: pending.verifier })
  try {
    return (await axios.request(request)).data
  }
  catch (error) {
    const { status, code: refusal, description } = providerError(error)
    // A 4xx with an OAuth2 error: the provider looked at the code and refused it (used, expired, another client's).
    if (status && status < 500 && refusal) throw new OidcFailure('code_rejected', `The identity provider refused the sign-in (${refusal}${description ? `: ${description}` : ''}). Sign in again.`)
    throw new OidcFailure('provider_unavailable', `The identity provider's token endpoint could not complete the sign-in (${status ? `it answered ${status}` : error instanceof Error ? error.message : String(error)}). Try again.`)
  }
}

/** Tells the provider that `refreshToken` is no longer used (RFC 7009), when it has a revocation endpoint; errors ignored. */
export async function revokeAtProvider(settings: OidcSettings, endpoints: ProviderEndpoints, refreshToken: string): Promise<void> {
  if (!endpoints.revocation) return
  await axios.request(providerPost(endpoints.revocation, settings, { token: refreshToken, token_type_hint: 'refresh_token' })).catch(() => undefined)
}
