// Redirects with @nuxtjs/i18n, strategy `prefix` (every locale prefixed), the login page named as a route location.
import { localizedRedirectSuite } from '../utils/localized-redirects'

await localizedRedirectSuite('prefix', { login: { name: 'login' } })
