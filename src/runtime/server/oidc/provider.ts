import { joinURL } from 'ufo'
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

/** The endpoints of the provider: discovered from `issuer` unless every one needed is given by hand. */
export async function providerEndpoints(settings: OidcSettings): Promise<ProviderEndpoints> {
  const byHand = settings.endpoints
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
  for (const name of ['authorization', 'token'] as const) {
    if (!endpoints[name]) throw unavailable(`The identity provider has no ${name} endpoint: its discovery document names none; give \`axiosJwt.oidc.endpoints.${name}\`.`)
  }
  return endpoints as ProviderEndpoints
}
