import { shareAcrossInstances } from '../../core/server-only/instance-share'
import { serverDeployOptions } from '../../core/options'
import { SHARE_CONTEXT_KEY } from '../../core/server-only/shared-refresh'
import { redisClaimStore } from '../lib/claim-store'
import built from '#axios-jwt/options'
import { defineNitroPlugin, useRuntimeConfig, useStorage } from '#imports'

/**
 * Added when `server.sharedRefresh` is set: every request's context carries the refresh sharing across server
 * instances, which the `$api` plugin and the httpOnly routes use in place of the per-instance one.
 */
export default defineNitroPlugin((nitroApp) => {
  const sharedRefresh = serverDeployOptions(useRuntimeConfig()).server?.sharedRefresh
  if (!sharedRefresh) return
  // One warning a minute at most while the store is down.
  let warnedAt = -Infinity
  const sharing = shareAcrossInstances(redisClaimStore(useStorage(), sharedRefresh), {
    exchangeMs: built.refresh.timeout,
    onStoreDown: (error) => {
      if (Date.now() - warnedAt < 60_000) return
      warnedAt = Date.now()
      console.warn(`[nuxt-axios-jwt] The shared refresh store "${sharedRefresh}" failed (${error instanceof Error ? error.message : String(error)}); each instance refreshes on its own while it is unreachable.`)
    },
  })
  nitroApp.hooks.hook('request', (event) => {
    event.context[SHARE_CONTEXT_KEY] = sharing
  })
})
