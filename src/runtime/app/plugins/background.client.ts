import { refreshInBackground } from '../client/background-refresh'
import { useAuthSession } from '../session/session'
import { defineNuxtPlugin } from '#imports'

/** Added when `refresh.inBackground` is on: refreshes on a timer before the access token is due. */
export default defineNuxtPlugin({
  name: 'axios-jwt:background',
  dependsOn: ['axios-jwt'],
  setup(nuxtApp) {
    const background = refreshInBackground(useAuthSession())
    nuxtApp.hook('axios-jwt:refreshed', background.plan)
    nuxtApp.hook('axios-jwt:login', background.plan)
  },
})
