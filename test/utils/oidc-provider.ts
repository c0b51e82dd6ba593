import type { IncomingMessage } from 'node:http'
import { createServer } from 'node:net'
import { SignJWT, createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify } from 'jose'
import Provider from 'oidc-provider'
import { listenOnLoopback, type LoopbackServer } from './loopback-server'
import { startResourceApi, type ResourceApi } from './resource-api'

/** The client the test app is registered as: confidential, PKCE required, rotating refresh tokens. */
export const OIDC_CLIENT = { id: 'nuxt-app', secret: 'app-secret-for-tests' }
/** The scope the API's access tokens carry. */
export const API_SCOPE = 'api:read'

export interface OidcTestProvider {
  /** The issuer: `oidc-provider` on 127.0.0.1, with its own login, consent and logout pages. */
  issuer: string
  /** The relay in front of its token endpoint, given to the app by hand (`oidc.endpoints.token`). */
  tokenEndpoint: string
  /** An API on 127.0.0.1 that answers `/invoices` to access tokens the provider issued for it (checked against its JWKS). */
  api: ResourceApi
  /** Refresh grants the provider answered with tokens, and those it refused (a reused or revoked refresh token). */
  refreshes: () => { granted: number, refused: number }
  /** The next ID tokens the relay passes on are re-signed with a key of its own, which the provider never published. */
  forgeIdTokens: (on: boolean) => void
  reset: () => void
  close: () => Promise<void>
}

/** A free port on 127.0.0.1, for an app whose redirect URIs the provider must know before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise(resolve => server.close(resolve))
  return port
}

const readBody = (req: IncomingMessage) => new Promise<Buffer>((resolve) => {
  const chunks: Buffer[] = []
  req.on('data', chunk => chunks.push(chunk))
  req.on('end', () => resolve(Buffer.concat(chunks)))
})

/**
 * The relay in front of the token endpoint: it passes requests and answers through unchanged, except that, when told
 * to, it re-signs the ID token with a key of its own. A real provider never issues an ID token with another key, which
 * is the one case the relay exists for.
 */
async function startTokenRelay(target: string) {
  const { privateKey } = await generateKeyPair('RS256')
  const relay = { forging: false, server: undefined as unknown as LoopbackServer }
  relay.server = await listenOnLoopback(async (req, res) => {
    const body = await readBody(req)
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => ['authorization', 'content-type', 'accept'].includes(name))) as Record<string, string>
    const answer = await fetch(target, { method: req.method, headers, body: req.method === 'POST' ? new Uint8Array(body) : undefined })
    let text = await answer.text()
    if (relay.forging && answer.ok) {
      const tokens = JSON.parse(text) as { id_token?: string }
      if (tokens.id_token) {
        tokens.id_token = await new SignJWT(decodeJwt(tokens.id_token)).setProtectedHeader({ alg: 'RS256', kid: 'not-the-providers' }).sign(privateKey)
        text = JSON.stringify(tokens)
      }
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' })
    res.end(text)
  })
  return relay
}

/**
 * Starts `oidc-provider` on 127.0.0.1 for an app at `appOrigin`: authorization code with PKCE required, a confidential
 * client, rotating refresh tokens (a reused one revokes the grant), RP-initiated logout, token revocation, and JWT
 * access tokens for the API (`accessTtl` seconds). Any login name with any password signs in, as that name.
 */
export async function startOidcProvider({ appOrigin, accessTtl = 60 }: { appOrigin: string, accessTtl?: number }): Promise<OidcTestProvider> {
  // The provider needs its own address before it listens: a server whose handler is the provider's, once it exists.
  const server = await listenOnLoopback((req, res) => handler(req, res))
  const issuer = server.url
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const signingKey = { ...await exportJWK(privateKey), kid: 'provider-key', alg: 'RS256', use: 'sig' }
  const keys = createRemoteJWKSet(new URL(`${issuer}/jwks`))
  const api: ResourceApi = await startResourceApi(async (token) => {
    if (!token) return undefined
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience: api.url })
      return { name: String(payload.sub) }
    }
    catch {
      return undefined
    }
  })
  const provider = new Provider(issuer, {
    clients: [{
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [`${appOrigin}/auth/callback`],
      post_logout_redirect_uris: [`${appOrigin}/`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['provider-cookie-key-for-tests'] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email', API_SCOPE],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, name: `User ${sub}`, email: `${sub}@example.test` }) }),
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: { AccessToken: accessTtl, IdToken: 3600, RefreshToken: 86_400, Grant: 86_400, Session: 86_400, Interaction: 600, AuthorizationCode: 60 },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => api.url,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: API_SCOPE, audience: api.url, accessTokenTTL: accessTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
  })
  const counts = { granted: 0, refused: 0 }
  provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') counts.granted++
  })
  provider.on('grant.error', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') counts.refused++
  })
  // Keep the test output to what fails.
  provider.on('server_error', () => undefined)
  const handler = provider.callback()
  const relay = await startTokenRelay(`${issuer}/token`)
  return {
    issuer,
    tokenEndpoint: relay.server.url,
    api,
    refreshes: () => ({ ...counts }),
    forgeIdTokens: (on) => {
      relay.forging = on
    },
    reset() {
      counts.granted = 0
      counts.refused = 0
      relay.forging = false
      api.reset()
    },
    close: async () => {
      await Promise.all([server.close(), relay.server.close(), api.close()])
    },
  }
}
