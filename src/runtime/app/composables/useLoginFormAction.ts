import type { ComputedRef } from 'vue'
import { joinURL, withQuery } from 'ufo'
import { httpOnlyRoutes, sessionRoute } from '../../core/http-only'
import type { OwnSessionName } from '../../types'
import { serverRefreshMode, oidcMode } from '#axios-jwt/options'
import { computed, useRoute, useRuntimeConfig } from '#imports'

/**
 * The `action` of a login form (`<form method="post" :action="action">`) for a browser that submits it itself, before
 * the page has run its scripts or without them: in httpOnly and proxy modes the module's login route with the page's
 * `?redirect=`, which answers 303 to that page once signed in (or back here with `useLoginError()`'s
 * `invalid_credentials`). `undefined` in readable mode, where the form posts to its own page, keeping the password out
 * of the URL, and the user submits again once the page runs. With a name, the login of that API's own session.
 */
export function useLoginFormAction(name?: OwnSessionName): ComputedRef<string | undefined> {
  const route = useRoute()
  const base = useRuntimeConfig().app.baseURL
  return computed(() => {
    // The build-time constants: a provider's sign-in takes no credentials, readable mode has no route.
    if (!serverRefreshMode || (oidcMode && name === undefined)) return undefined
    const redirect = route.query.redirect
    return withQuery(joinURL(base, sessionRoute(httpOnlyRoutes.login, name)), typeof redirect === 'string' ? { redirect } : {})
  })
}
