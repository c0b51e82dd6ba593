import { defineEventHandler, getQuery, sendRedirect, type H3Event } from 'h3'
import { providerErrorCode } from '../../core/login-errors'
import type { ResolvedOptions } from '../../core/options'
import { readTokenResponse } from '../../core/tokens/tokens'
import { requestJar } from '../lib/request-jar'
import { serverTokenStore } from '../lib/session-cookies'
import { useServerOptions } from '../lib/server-options'
import { withBase } from '../lib/base-url'
import { verifySignInIdToken } from './id-token'
import { takeSignIn, type PendingSignIn } from './pending-sign-in'
import { sameValue } from './pkce'
import { isOpenId, providerEndpoints, responseIssuerProblem } from './provider'
import { forgetSignOut } from './sign-out-mark'
import { logSignInFailure, OidcFailure } from './failure'
import { oidcSettings } from './settings'
import { loginPageWithError, returnPage } from './sign-in-pages'
import { exchangeCode } from './token-endpoint'

const text = (value: unknown): string => typeof value === 'string' ? value : ''

/** The sign-in this callback completes: the one this browser started, with the same `state`. */
async function pendingSignIn(event: H3Event, config: ResolvedOptions): Promise<PendingSignIn> {
  const pending = await takeSignIn(event, config, oidcSettings(event, config).clientSecret)
  const state = text(getQuery(event).state)
  if (!pending || !state || !sameValue(state, pending.state)) {
    throw new OidcFailure('state_mismatch', 'The sign-in could not be completed: it was not started in this browser, took too long, or was already used. Sign in again.')
  }
  return pending
}

/**
 * Checks the callback, exchanges the code on the server and checks the ID token; only then stores the pair (and the ID
 * token) in the cookies of httpOnly mode and returns to the page asked for.
 */
async function completeSignIn(event: H3Event, config: ResolvedOptions, pending: PendingSignIn): Promise<void> {
  const query = getQuery(event)
  const settings = oidcSettings(event, config)
  const endpoints = await providerEndpoints(settings)
  const issuerProblem = responseIssuerProblem(text(query.iss) || undefined, endpoints)
  if (issuerProblem) throw new OidcFailure('issuer_mismatch', issuerProblem)
  if (query.error) throw new OidcFailure(providerErrorCode(text(query.error)), `The identity provider refused the sign-in (${text(query.error)}${query.error_description ? `: ${text(query.error_description)}` : ''}).`)
  const code = text(query.code)
  if (!code) throw new OidcFailure('code_rejected', 'The identity provider sent no authorization code. Sign in again.')
  const body = await exchangeCode(settings, endpoints, code, pending)
  const result = readTokenResponse(body, config.tokens)
  if (!result.ok) throw new OidcFailure('provider_unavailable', `The identity provider's token response is not usable: ${result.problem}.`)
  // OpenID Connect: an ID token that passes every check. A plain OAuth2 server has none.
  const idToken = isOpenId(endpoints) ? await verifySignInIdToken((body as { id_token?: unknown }).id_token, settings, endpoints, pending.nonce) : undefined
  await serverTokenStore(requestJar(event), config).set({ ...result.tokens, idToken }, { remember: true })
  forgetSignOut(event, config)
}

/** The redirect URI of the sign-in (`oidc.callbackPath`): back to the page asked for, or to the login page with why not. */
export default defineEventHandler(async (event) => {
  const config = useServerOptions(event)
  let pending: PendingSignIn | undefined
  try {
    pending = await pendingSignIn(event, config)
    await completeSignIn(event, config, pending)
    // Checked again: the cookie came back from the browser.
    return sendRedirect(event, withBase(event, returnPage(config, pending.redirect)))
  }
  catch (error) {
    const failure = error instanceof OidcFailure ? error : new OidcFailure('provider_unavailable', `The sign-in failed: ${error instanceof Error ? error.message : String(error)}.`)
    logSignInFailure(failure)
    return sendRedirect(event, withBase(event, loginPageWithError(config, failure.code, pending && returnPage(config, pending.redirect))))
  }
})
