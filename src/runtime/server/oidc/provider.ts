import { joinURL } from 'ufo'
import { isPlainHttpRemote } from '../../core/url'
import { OidcFailure, type OidcSettings } from './failure'

/** The provider's endpoints the sign-in uses: from its discovery document, with those given by hand on top. */
export interface ProviderEndpoints {
  /** The issuer the ID tokens must name; `''` when there is no discovery and none was given. */
  issuer: string
  authorization: string
  token: string
  userinfo?: string
  jwks?: string
  endSession?: string
  revocation?: string
  /** Whether the provider names itself in every authorization response (RFC 9207 `iss`), so a response without it is refused. */
  issInResponse: boolean
}

interface Discovery {
  readAt: number
  document: Record<string, unknown>
}

/** Discovery documents by issuer: read once per `discoveryTtl`, one read at a time. */
const documents = new Map<string, Discovery>()
const reading = new Map<string, Promise<Discovery>>()

const unavailable = (message: string) => new OidcFailure('provider_unavailable', message)

async function readDiscovery(issuer: string): Promise<Discovery> {
  const url = joinURL(issuer, '.well-known/openid-configuration')
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error', headers: { accept: 'application/json' } })
  }
  catch (error) {
    throw unavailable(`The identity provider's discovery document (${url}) could not be read: ${error instanceof Error ? error.message : String(error)}.`)
  }
  if (!response.ok) throw unavailable(`The identity provider's discovery document (${url}) answered ${response.status}.`)
  const document = await response.json().catch(() => undefined) as Record<string, unknown> | undefined
  if (!document || typeof document !== 'object') throw unavailable(`The identity provider's discovery document (${url}) is not JSON.`)
  // OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was read from.
  if (document.issuer !== issuer) throw unavailable(`The discovery document at ${url} names the issuer ${JSON.stringify(document.issuer)}, not ${issuer}: check \`axiosJwt.oidc.issuer\`.`)
  return { readAt: Date.now(), document }
}

/** The discovery document of `issuer`, read again once older than `ttl` seconds; a failed read keeps the last one. */
async function discovery(issuer: string, ttl: number): Promise<Record<string, unknown>> {
  const known = documents.get(issuer)
  if (known && Date.now() - known.readAt < ttl * 1000) return known.document
  let pending = reading.get(issuer)
  if (!pending) {
    pending = readDiscovery(issuer).finally(() => reading.delete(issuer))
    reading.set(issuer, pending)
  }
  try {
    const fresh = await pending
    documents.set(issuer, fresh)
    return fresh.document
  }
  catch (error) {
    if (known) return known.document
    throw error
  }
}

const text = (value: unknown): string | undefined => typeof value === 'string' && value ? value : undefined

/** Whether the provider speaks OpenID Connect (it has keys to check ID tokens with), or is a plain OAuth2 server. */
export const isOpenId = (endpoints: ProviderEndpoints): boolean => Boolean(endpoints.jwks)

/**
 * Why the endpoints cannot serve a sign-in, if they cannot: keys to check ID tokens with belong to an issuer they are
 * checked against; an issuer's discovery without keys would turn the ID token check off; and tokens and codes travel
 * encrypted beyond this machine.
 */
function endpointsProblem(endpoints: Record<Exclude<keyof ProviderEndpoints, 'issInResponse'>, string | undefined>): string | undefined {
  if (endpoints.jwks && !endpoints.issuer) return 'Keys to check ID tokens with (`endpoints.jwks`) need the issuer they come from: set `axiosJwt.oidc.issuer`'
  if (endpoints.issuer && !endpoints.jwks) return `The identity provider ${endpoints.issuer} names no keys (\`jwks_uri\`) to check ID tokens with: give \`axiosJwt.oidc.endpoints.jwks\``
  const plain = Object.entries(endpoints).find(([, url]) => url && isPlainHttpRemote(url))
  if (plain) return `The identity provider's ${plain[0]} (${plain[1]}) is plain HTTP beyond this machine: use https:`
  for (const name of ['authorization', 'token'] as const) {
    if (!endpoints[name]) return `The identity provider has no ${name} endpoint: its discovery document names none; give \`axiosJwt.oidc.endpoints.${name}\``
  }
  return undefined
}

/**
 * The endpoints of the provider: discovered from `issuer` unless every one needed is given by hand; refused (never
 * used with a check left out) when they cannot serve a sign-in.
 */
export async function providerEndpoints(settings: OidcSettings): Promise<ProviderEndpoints> {
  const byHand = settings.endpoints
  if (settings.issuer && isPlainHttpRemote(settings.issuer)) throw unavailable(`The identity provider's issuer (${settings.issuer}) is plain HTTP beyond this machine: use https:.`)
  const found = byHand.authorization && byHand.token && (byHand.jwks || !settings.issuer)
    ? {}
    : await discovery(settings.issuer, settings.discoveryTtl)
  const endpoints = {
    issuer: settings.issuer,
    authorization: byHand.authorization || text(found.authorization_endpoint),
    token: byHand.token || text(found.token_endpoint),
    userinfo: byHand.userinfo || text(found.userinfo_endpoint),
    jwks: byHand.jwks || text(found.jwks_uri),
    endSession: byHand.endSession || text(found.end_session_endpoint),
    revocation: byHand.revocation || text(found.revocation_endpoint),
  }
  const problem = endpointsProblem(endpoints)
  if (problem) throw unavailable(`${problem}.`)
  return { ...endpoints, issInResponse: found.authorization_response_iss_parameter_supported === true } as ProviderEndpoints
}

/**
 * Why an authorization response does not come from the provider this sign-in went to, if it does not (RFC 9207,
 * against mix-ups): its `iss` must be the issuer, and a provider that says it always sends one must have sent it.
 */
export function responseIssuerProblem(iss: string | undefined, endpoints: Pick<ProviderEndpoints, 'issuer' | 'issInResponse'>): string | undefined {
  if (!endpoints.issuer) return undefined
  if (iss ? iss === endpoints.issuer : !endpoints.issInResponse) return undefined
  return `The authorization response names the issuer ${JSON.stringify(iss ?? null)}, not ${endpoints.issuer}: it does not come from the provider this sign-in went to.`
}
