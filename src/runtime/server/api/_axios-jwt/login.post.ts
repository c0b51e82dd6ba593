import { defineEventHandler, getQuery, readBody, setResponseStatus } from 'h3'
import { formLogin, isFormPost } from '../../login/form-login'
import { logInAtApi } from '../../login/login-at-api'
import { assertSameSite } from '../../utils/same-origin'
import { useRouteSessionOptions } from '../../lib/server-options'

/**
 * Logs in at the API with the posted credentials, keeps the tokens in cookies, answers the access token; a login form
 * the browser posted itself (no script ran) is answered with a 303 to the page asked for.
 */
export default defineEventHandler(async (event) => {
  const config = useRouteSessionOptions(event)
  if (isFormPost(event)) return formLogin(event, config)
  assertSameSite(event)
  // `?remember=0`: cookies that last until the browser closes.
  const outcome = await logInAtApi(event, config, await readBody(event), getQuery(event).remember !== '0')
  if (outcome.ok) return outcome.answer
  // The API's refusal (wrong credentials) reaches the login form as it was.
  setResponseStatus(event, outcome.status)
  return outcome.body
})
