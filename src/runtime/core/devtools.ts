/** Where, in development, the browser keeps the last refreshes for the DevTools tab (no tokens in it). */
export const DEVTOOLS_HISTORY_KEY = 'nuxt-axios-jwt:devtools'

/** The DevTools tab's page; its data is at `<route>/session`. */
export const DEVTOOLS_ROUTE = '/__nuxt-axios-jwt'

export interface DevtoolsEntry {
  at: number
  outcome: 'refreshed' | 'transient' | 'session-over' | 'login' | 'logout'
  detail?: string
  /** The API whose own session it was; absent for the main session. */
  api?: string
}
