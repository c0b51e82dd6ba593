/** Options renamed before the first release, each with what replaces it (CHANGELOG.md has the table). */
const renamed: ReadonlyArray<readonly [old: string, replacement: string]> = [
  ['tokens.refresh.httpOnly', '`mode: \'httpOnly\'`'],
  ['proxy.to', '`mode: \'proxy\'` with `server.baseURL` (NUXT_AXIOS_JWT_SERVER_BASE_URL) as the proxy\'s target'],
  ['serverBaseURL', '`server.baseURL`'],
  ['sharedRefresh', '`server.sharedRefresh` (the storage mount\'s name)'],
  ['refreshBeforeExpiry', '`refresh.beforeExpiry`'],
  ['refreshInBackground', '`refresh.inBackground`'],
  ['refreshTimeout', '`refresh.timeout`'],
  ['refreshStatuses', '`refresh.statuses`'],
  ['sessionEndStatuses', '`session.endStatuses`'],
  ['sessionEndErrors', '`session.endErrors`'],
]

/** Of an API of `apis`: the same names, where an API with an own session may set them. */
const renamedOfApis = renamed.filter(([old]) => !['proxy.to', 'serverBaseURL', 'sharedRefresh', 'refreshInBackground'].includes(old))

const hasPath = (options: unknown, path: string): boolean => {
  let value = options
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return false
    value = (value as Record<string, unknown>)[key]
  }
  return value !== undefined
}

function checkNames(options: unknown, names: typeof renamed, prefix: string) {
  for (const [old, replacement] of names) {
    if (hasPath(options, old)) throw new Error(`[nuxt-axios-jwt] \`${prefix}.${old}\` was renamed: use ${replacement} (CHANGELOG.md, "Migrating to 0.1", lists every renamed option).`)
  }
}

/** Stops the build on an option's old name, naming what replaces it. */
export function checkRenamedOptions(options: { apis?: Record<string, unknown> }) {
  checkNames(options, renamed, 'axiosJwt')
  for (const [name, api] of Object.entries(options.apis ?? {})) {
    if (hasPath(api, 'tokens.refresh.httpOnly')) throw new Error(`[nuxt-axios-jwt] \`axiosJwt.apis.${name}.tokens.refresh.httpOnly\` was removed: every session of an app keeps its refresh token as the app's \`mode\` says.`)
    checkNames(api, renamedOfApis, `axiosJwt.apis.${name}`)
  }
}
