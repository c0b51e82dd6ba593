import type { LoginError, LoginErrorCode } from '../types'

/**
 * What the login page says for each code it can get: the page never shows text from its URL, which anyone can link
 * to with words of their own. Apps that want other words map `code` to their own text.
 */
export const loginErrorText: Record<LoginErrorCode, string> = {
  invalid_credentials: 'The username or password is not right.',
  login_unavailable: 'Signing in is not possible right now. Try again in a moment.',
  access_denied: 'The sign-in was cancelled or refused at the identity provider.',
  login_required: 'The identity provider asks you to sign in.',
  consent_required: 'The identity provider asks for your consent.',
  interaction_required: 'The identity provider needs you to take a step there.',
  account_selection_required: 'The identity provider asks you to choose an account.',
  state_mismatch: 'The sign-in was not started in this browser, took too long, or was already used. Sign in again.',
  code_rejected: 'The identity provider did not accept the sign-in. Sign in again.',
  issuer_mismatch: 'The answer did not come from the identity provider the sign-in went to. Sign in again.',
  id_token_invalid: 'The identity provider\'s answer failed a check. Sign in again.',
  provider_unavailable: 'The identity provider could not be reached. Try again in a moment.',
  sign_in_failed: 'The sign-in failed. Sign in again.',
}

const isLoginErrorCode = (code: string): code is LoginErrorCode => Object.hasOwn(loginErrorText, code)

/** The provider's own errors that reach the login page as they are; the app may act on them (`prompt=none`). */
const PROVIDER_CODES = new Set<string>(['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required'])

/** The code a provider's `error` (RFC 6749 4.1.2.1, OpenID Connect 3.1.2.6) stands for on the login page. */
export function providerErrorCode(error: string): LoginErrorCode {
  if (error === 'temporarily_unavailable' || error === 'server_error') return 'provider_unavailable'
  return PROVIDER_CODES.has(error) ? error as LoginErrorCode : 'sign_in_failed'
}

/** The login page's error for the code in its URL: a known code with its text; any other value is `sign_in_failed`. */
export function loginErrorOf(code: string): LoginError {
  const known = isLoginErrorCode(code) ? code : 'sign_in_failed'
  return { code: known, description: loginErrorText[known] }
}
