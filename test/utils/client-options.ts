import { defu } from 'defu'
import { listDefaults, optionDefaults, withListDefaults } from '../../src/runtime/core/defaults'
import type { ClientOptions } from '../../src/runtime/core/options'
import type { DeepPartial } from '../../src/runtime/types'

const { endpoints, tokens, header, refreshBeforeExpiry, refreshTimeout } = optionDefaults(false)

/** The core client's options as the module's defaults set them, for tests and benchmarks of the core. */
export const defaultClientOptions: ClientOptions = {
  endpoints: { refresh: endpoints.refresh },
  tokens,
  header,
  refreshBeforeExpiry,
  refreshTimeout,
  ...listDefaults,
}

/** The defaults with `overrides` on top; lists in `overrides` replace the defaults' own. */
export function clientOptions(overrides: DeepPartial<ClientOptions> = {}): ClientOptions {
  const merged = defu(overrides, defaultClientOptions) as ClientOptions
  return { ...merged, ...withListDefaults(overrides) }
}
