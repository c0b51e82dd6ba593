import { defu } from 'defu'
import { listDefaults, optionDefaults, withListDefaults } from '../../src/build/defaults'
import type { ClientOptions } from '../../src/runtime/core/options'
import type { DeepPartial } from '../../src/runtime/types'

const { endpoints, tokens, header, refresh } = optionDefaults(false)

/** The core client's options as the module's defaults set them, for tests and benchmarks of the core. */
export const defaultClientOptions: ClientOptions = {
  endpoints: { refresh: endpoints.refresh },
  tokens,
  header,
  refresh: { beforeExpiry: refresh.beforeExpiry, timeout: refresh.timeout, ...listDefaults.refresh },
  session: listDefaults.session,
}

/** The defaults with `overrides` on top; lists in `overrides` replace the defaults' own. */
export function clientOptions(overrides: DeepPartial<ClientOptions> = {}): ClientOptions {
  const merged = defu(overrides, defaultClientOptions) as ClientOptions
  const lists = withListDefaults(overrides)
  return { ...merged, refresh: { ...merged.refresh, ...lists.refresh }, session: { ...merged.session, ...lists.session } }
}
