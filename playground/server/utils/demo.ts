import type { H3Event } from 'h3'
// The same strict issuer the tests run against (rotating refresh tokens, reuse detection).
import { createTokenIssuer } from '../../../test/utils/token-issuer'

/** The playground's one demo backend, living as long as the dev server. */
export const demoAuth = createTokenIssuer({
  accessTtl: Number(process.env.DEMO_ACCESS_TTL) || 15,
  refreshTtl: 60 * 60 * 24,
  users: [
    { id: 1, username: 'demo', password: 'demo', name: 'Demo User', claims: { roles: ['viewer'], scope: 'items:read' } },
    { id: 2, username: 'ada', password: 'lovelace', name: 'Ada Lovelace', claims: { roles: ['admin'], scope: 'items:read items:write' } },
  ],
})

/** The user of the bearer token on the request, or a 401. */
export async function requireDemoUser(event: H3Event) {
  const header = getHeader(event, 'authorization') || ''
  const user = await demoAuth.verify(header.replace(/^Bearer\s+/i, '') || undefined)
  if (!user) throw createError({ statusCode: 401, statusMessage: 'Unauthorized', data: { error: 'invalid_token' } })
  return user
}
