import { registerLocalCall } from '../../core/server-only/local-call'
import { defineNitroPlugin } from '#imports'

/** Hands Nitro's `localCall` to the module's in-process adapter, in the server bundle and in the app's alike. */
export default defineNitroPlugin((nitroApp) => {
  registerLocalCall(nitroApp.localCall)
})
