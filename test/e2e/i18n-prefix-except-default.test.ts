// Redirects with @nuxtjs/i18n, strategy `prefix_except_default` (English unprefixed), the redirects given as paths.
import { localizedRedirectSuite } from '../utils/localized-redirects'

await localizedRedirectSuite('prefix_except_default')
