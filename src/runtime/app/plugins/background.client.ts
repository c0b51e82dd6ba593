import type { AuthSession } from '../utils/auth'
import { refreshInBackground } from '../utils/background-refresh'
import { defineNuxtPlugin } from '#imports'

/** Added when `refreshInBackground` is on: refreshes on a timer before the access token is due. */
export default defineNuxtPlugin({
  name: 'axios-jwt:background',
  dependsOn: ['axios-jwt'],
  setup(nuxtApp) {
    // Typed through the main plugin, which this one depends on.
    const background = refreshInBackground(nuxtApp.$axiosJwt as AuthSession)
    nuxtApp.hook('axios-jwt:refreshed', background.plan)
    nuxtApp.hook('axios-jwt:login', background.plan)
  },
})
