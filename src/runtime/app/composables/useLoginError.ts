import type { ComputedRef } from 'vue'
import type { LoginError } from '../../types'
import { computed, useRoute } from '#imports'

const first = (value: unknown): string | undefined => {
  const one = Array.isArray(value) ? value[0] : value
  return typeof one === 'string' && one ? one : undefined
}

/**
 * Why the last sign-in with the identity provider failed, on the login page it returned to (`?auth_error=`):
 * `access_denied` and the provider's other errors, `state_mismatch`, `code_rejected`, `id_token_invalid`,
 * `provider_unavailable`; `null` when it did not fail.
 */
export function useLoginError(): ComputedRef<LoginError | null> {
  const route = useRoute()
  return computed(() => {
    const code = first(route.query.auth_error)
    return code ? { code, description: first(route.query.auth_error_description) ?? code } : null
  })
}
