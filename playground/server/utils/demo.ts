import type { H3Event } from 'h3'
// The same strict issuer the tests run against (rotating refresh tokens, reuse detection).
import { createTokenIssuer, type TokenIssuer } from '../../../src/runtime/testing/token-issuer'

/** The playground's demo backend, living as long as the dev server. */
export const demoAuth = createTokenIssuer({
  accessTtl: Number(process.env.DEMO_ACCESS_TTL) || 15,
  refreshTtl: 60 * 60 * 24,
  users: [
    { id: 1, username: 'demo', password: 'demo', name: 'Demo User', claims: { roles: ['viewer'], scope: 'items:read' } },
    { id: 2, username: 'ada', password: 'lovelace', name: 'Ada Lovelace', claims: { roles: ['admin'], scope: 'items:read items:write' } },
  ],
})

/** A partner's demo backend with sessions of its own (`apis.partner`): other users, other keys, its own rotation. */
export const partnerAuth = createTokenIssuer({
  accessTtl: 20,
  refreshTtl: 60 * 60,
  users: [{ id: 1, username: 'partner', password: 'partner', name: 'Partner Account' }],
})

/** The user of the bearer token on the request, or a 401. */
export async function requireUser(event: H3Event, auth: TokenIssuer = demoAuth) {
  const header = getHeader(event, 'authorization') || ''
  const user = await auth.verify(header.replace(/^Bearer\s+/i, '') || undefined)
  if (!user) throw createError({ statusCode: 401, statusMessage: 'Unauthorized', data: { error: 'invalid_token' } })
  return user
}

/** The user of the demo backend's bearer token, or a 401. */
export const requireDemoUser = (event: H3Event) => requireUser(event)

/** The routes of a demo backend, for the files under `server/api/demo*`. */
export const demoRoutes = (auth: TokenIssuer) => ({
  login: defineEventHandler(async (event) => {
    const body = await readBody<{ username?: string, password?: string }>(event).catch(() => undefined)
    const tokens = await auth.login(body?.username, body?.password)
    if (!tokens) throw createError({ statusCode: 401, statusMessage: 'Wrong username or password' })
    return { data: tokens }
  }),
  refresh: defineEventHandler(async (event) => {
    const body = await readBody<{ refreshToken?: string }>(event).catch(() => undefined)
    const result = await auth.refresh(body?.refreshToken)
    if (!result.ok) throw createError({ statusCode: 401, statusMessage: `Refresh token ${result.reason}` })
    return { data: result.tokens }
  }),
  logout: defineEventHandler(async (event) => {
    const body = await readBody<{ refreshToken?: string }>(event).catch(() => undefined)
    await auth.logout(body?.refreshToken)
    return { data: { ok: true } }
  }),
  me: defineEventHandler(async event => ({ data: await requireUser(event, auth) })),
})
