import type { ComputedRef } from 'vue'
import { loginErrorOf } from '../../core/login-errors'
import type { LoginError } from '../../types'
import { computed, useRoute } from '#imports'

/**
 * Why the last sign-in failed, on the login page it returned to (`?auth_error=`): a code of a fixed list
 * (`LoginErrorCode`) and the module's text for it, never text from the URL; `null` when it did not fail.
 */
export function useLoginError(): ComputedRef<LoginError | null> {
  const route = useRoute()
  return computed(() => {
    const value = route.query.auth_error
    const code = Array.isArray(value) ? value[0] : value
    return typeof code === 'string' && code ? loginErrorOf(code) : null
  })
}
