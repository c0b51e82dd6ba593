import { defineEventHandler, getQuery, sendRedirect } from 'h3'
import { withQuery } from 'ufo'
import { codeChallenge, randomValue } from '../../../oidc/pkce'
import { rememberSignIn } from '../../../oidc/pending-sign-in'
import { isSignedOut } from '../../../oidc/sign-out-mark'
import { isOpenId, providerEndpoints, type ProviderEndpoints } from '../../../oidc/provider'
import { logSignInFailure, OidcFailure } from '../../../oidc/failure'
import { oidcSettings, siteAddress } from '../../../oidc/settings'
import { loginPageWithError, returnPage } from '../../../oidc/sign-in-pages'
import { useServerOptions } from '../../../lib/server-options'
import { withBase } from '../../../lib/base-url'

/**
 * Starts a sign-in with the identity provider (`?redirect=/page`, same-site only): the authorization request with
 * `state`, `nonce` and a PKCE S256 challenge, whose secrets wait in a short-lived HttpOnly cookie.
 */
export default defineEventHandler(async (event) => {
  const config = useServerOptions(event)
  const settings = oidcSettings(event, config)
  const redirect = returnPage(config, getQuery(event).redirect)
  let endpoints: ProviderEndpoints
  try {
    endpoints = await providerEndpoints(settings)
  }
  catch (error) {
    const failure = error instanceof OidcFailure ? error : new OidcFailure('provider_unavailable', String(error))
    logSignInFailure(failure)
    return sendRedirect(event, withBase(event, loginPageWithError(config, failure.code, redirect)))
  }
  const pending = { state: randomValue(), nonce: randomValue(), verifier: randomValue(), redirectUri: siteAddress(event, settings, settings.callbackPath), redirect }
  await rememberSignIn(event, config, pending, settings.clientSecret)
  // A plain OAuth2 server (no keys to check an ID token with) gets the scopes as given, and no nonce.
  const openId = isOpenId(endpoints)
  return sendRedirect(event, withQuery(endpoints.authorization, {
    ...settings.authorizationParams,
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: pending.redirectUri,
    scope: (openId ? [...new Set(['openid', ...settings.scopes])] : settings.scopes).join(' '),
    state: pending.state,
    ...openId && { nonce: pending.nonce },
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ...settings.audience && { audience: settings.audience },
    // The app ended this browser's last session: the provider's own must not bring it back without a password.
    ...isSignedOut(event, config) && { prompt: 'login' },
  }))
})
