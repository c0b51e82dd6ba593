/** The name of a channel or lock of the tabs: the main session's, or with `session` the own session of that API's. */
export const tabsName = (name: string, session?: string): string => `nuxt-axios-jwt:${name}${session ? `:${session}` : ''}`
