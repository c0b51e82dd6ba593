import { describe, expect, it } from 'vitest'
import { loginErrorOf, loginErrorText, providerErrorCode } from '../../src/runtime/core/login-errors'

describe('the login page\'s error codes (login-errors)', () => {
  it('gives each known code the module\'s text', () => {
    for (const [code, description] of Object.entries(loginErrorText)) expect(loginErrorOf(code)).toEqual({ code, description })
  })

  it('makes any other value sign_in_failed, whatever it says', () => {
    for (const value of ['Call 555-0100', 'toString', '__proto__', 'constructor', 'INVALID_CREDENTIALS', ' access_denied']) {
      expect(loginErrorOf(value)).toEqual({ code: 'sign_in_failed', description: loginErrorText.sign_in_failed })
    }
  })

  it('keeps the provider\'s own refusals, folds its outages into provider_unavailable and the rest into sign_in_failed', () => {
    expect(['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required'].map(providerErrorCode))
      .toEqual(['access_denied', 'login_required', 'consent_required', 'interaction_required', 'account_selection_required'])
    expect(['temporarily_unavailable', 'server_error'].map(providerErrorCode)).toEqual(['provider_unavailable', 'provider_unavailable'])
    expect(['invalid_scope', 'invalid_request', 'state_mismatch', 'id_token_invalid', '<b>x</b>'].map(providerErrorCode)).toEqual(Array(5).fill('sign_in_failed'))
  })
})
