import type { NuxtApp } from '#app'
import { tryUseNuxtApp } from '#imports'

/**
 * Runs `fn` with `nuxtApp` as the current Nuxt instance. `runWithContext` unsets the instance when it
 * returns, so it is used only where there is none (after an `await`), never inside a plugin or setup.
 */
export function withNuxt<T>(nuxtApp: NuxtApp, fn: () => T): T | Promise<T> {
  // On the server, a current instance after an await may be another request's.
  return tryUseNuxtApp() === nuxtApp ? fn() : nuxtApp.runWithContext(fn)
}
