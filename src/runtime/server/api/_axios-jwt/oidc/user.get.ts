import { defineEventHandler } from 'h3'
import { oidcUser } from '../../../oidc/user'
import { useServerOptions } from '../../../lib/server-options'

/** The signed-in user (see `oidcUser`); 401 without a session. */
export default defineEventHandler(event => oidcUser(event, useServerOptions(event)))
