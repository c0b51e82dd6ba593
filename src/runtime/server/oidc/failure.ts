import { AxiosJwtError } from '../../core/errors'
import type { BuiltOidcOptions, OidcServerOptions } from '../../core/oidc'
import type { LoginErrorCode } from '../../types'

/** Everything the server knows of the identity provider: the built options and the private runtime config's. */
export type OidcSettings = OidcServerOptions & BuiltOidcOptions & { scopes: string[] }

/** A sign-in that failed, with the code the login page gets (`useLoginError()`). */
export class OidcFailure extends AxiosJwtError {
  override name = 'OidcFailure'
  constructor(readonly code: LoginErrorCode, message: string) {
    super(message)
  }
}

/** What went wrong in a sign-in, for the server's log only: the page gets the code. */
export function logSignInFailure(failure: OidcFailure): void {
  console.warn(`[nuxt-axios-jwt] A sign-in with the identity provider failed (${failure.code}): ${failure.message}`)
}
