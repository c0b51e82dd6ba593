import type { AxiosInstance } from 'axios'
import type { JwtClient } from '../../core/client/client'
import { SessionExpiredError } from '../../core/errors'
import { optedOut } from '../../core/client/request-options'
import { tabsName } from './names'

/** What one tab tells the others about the session they share through the cookies. */
export type SessionNews = 'login' | 'logout'

export interface TabSession {
  announce: (news: SessionNews) => void
}

/** Tells the other tabs of the site about logins and logouts of a session, and hears theirs; a no-op without BroadcastChannel. */
export function tabSession(hear: (news: SessionNews) => void, session?: string): TabSession {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => {} }
  const channel = new BroadcastChannel(tabsName('session', session))
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.data === 'login' || event.data === 'logout') hear(event.data)
  })
  return { announce: news => channel.postMessage(news) }
}

export interface OtherTabsSetup {
  api: AxiosInstance
  client: Pick<JwtClient, 'isApiRequest'>
  /** Whether this tab holds a session, as it last looked. */
  present: () => boolean
  /** Looks at the cookies again. */
  sync: () => void
  /** Loads the user of a session another tab started. */
  loggedInElsewhere: () => void
  toLogin: () => Promise<void>
  /** The API whose own session this is; absent for the main session. */
  session?: string
}

/**
 * Follows logins and logouts of the other tabs: after a logout elsewhere, this tab's next request to the API goes
 * to login instead of reaching the API.
 */
export function followOtherTabs({ api, client, present, sync, loggedInElsewhere, toLogin, session }: OtherTabsSetup): TabSession & { here: (news: SessionNews) => void } {
  let lostElsewhere = false
  const tabs = tabSession((news) => {
    const had = present()
    sync()
    lostElsewhere = news === 'logout' && had && !present()
    if (news === 'login' && present()) loggedInElsewhere()
  }, session)
  api.interceptors.request.use((request) => {
    if (!lostElsewhere || optedOut(request) || !client.isApiRequest(request)) return request
    lostElsewhere = false
    void toLogin()
    throw new SessionExpiredError('the session ended in another tab')
  })
  return {
    announce: tabs.announce,
    // This tab's own news: it knows about them already.
    here: (news) => {
      if (news === 'login') lostElsewhere = false
      tabs.announce(news)
    },
  }
}
