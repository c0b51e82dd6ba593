import { setTokenCookies } from './utils/browser'
import { describeClaimGuards } from './utils/claim-guards'
import { fixtureWithApi } from './utils/fixture'

// Readable cookies; test/httponly.test.ts runs the same guards in httpOnly mode.
const api = await fixtureWithApi()

describeClaimGuards(api, setTokenCookies)
