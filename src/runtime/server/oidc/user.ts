import axios from 'axios'
import { createError, type H3Event } from 'h3'
import { headerValueOf, type ResolvedOptions } from '../../core/options'
import { holdsSession } from '../../core/tokens/tokens'
import { signedApiFor } from '../lib/api-client'
import { requestJar } from '../lib/request-jar'
import { serverTokenStore } from '../lib/session-cookies'
import { readKeptIdToken } from './id-token'
import { keptIdToken } from './id-token-cookie'
import { providerEndpoints } from './provider'
import { oidcSettings } from './settings'

const signedOut = () => createError({ statusCode: 401, statusMessage: 'No session', data: { error: 'no_session' } })

/**
 * The signed-in user of a request, for `useAuth().user`: the claims of the ID token kept since the sign-in (its
 * signature checked again), or with `oidc.user: 'userinfo'` what the provider's userinfo endpoint answers to a valid
 * access token (refreshed first when due).
 */
export async function oidcUser(event: H3Event, config: ResolvedOptions): Promise<Record<string, unknown>> {
  // Everything that reads the request's context before the first await: in a render it is gone after one.
  const jar = requestJar(event)
  const cookies = serverTokenStore(jar, config)
  if (!holdsSession(cookies.get())) throw signedOut()
  const settings = oidcSettings(event, config)
  const signed = settings.user === 'userinfo' ? signedApiFor(event, config, cookies) : undefined
  const endpoints = await providerEndpoints(settings)
  if (signed && endpoints.userinfo) {
    if (signed.client.needsRefresh()) await signed.client.refreshDue()
    const accessToken = cookies.get().accessToken
    if (!accessToken) throw signedOut()
    const { data } = await axios.get(endpoints.userinfo, { headers: { authorization: headerValueOf(config.header, accessToken) }, maxRedirects: 0, timeout: config.refresh.timeout })
    return data
  }
  const idToken = keptIdToken(jar, config)
  const claims = idToken ? await readKeptIdToken(idToken, settings, endpoints) : undefined
  if (!claims) throw signedOut()
  return claims as Record<string, unknown>
}
