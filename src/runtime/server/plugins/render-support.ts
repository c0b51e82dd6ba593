import { RENDER_CONTEXT_KEY, type RenderSupport } from '../../core/server-only/render-support'
import { touchActivity } from '../idle/activity-seal'
import { providerRefreshRequest } from '../oidc/refresh-request'
import { oidcUser } from '../oidc/user'
import { requestJar } from '../lib/request-jar'
import { serverTokenStore } from '../lib/session-cookies'
import { oidcMode } from '#axios-jwt/options'
import { defineNitroPlugin } from '#imports'

// The build-time constant: apps that sign in with no provider leave its code out of the server.
const support: RenderSupport = {
  cookieJar: requestJar,
  tokenStore: serverTokenStore,
  touchActivity,
  ...oidcMode && { providerRefreshRequest, providerUser: oidcUser },
}

/** Lends the app's render what only the server has (`RenderSupport`), on every request's context. */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    event.context[RENDER_CONTEXT_KEY] = support
  })
})
