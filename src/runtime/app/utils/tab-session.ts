/** What one tab tells the others about the session they share through the cookies. */
export type SessionNews = 'login' | 'logout'

export interface TabSession {
  announce: (news: SessionNews) => void
}

/** Tells the other tabs of the site about logins and logouts, and hears theirs; a no-op without BroadcastChannel. */
export function tabSession(hear: (news: SessionNews) => void): TabSession {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => {} }
  const channel = new BroadcastChannel('nuxt-axios-jwt:session')
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.data === 'login' || event.data === 'logout') hear(event.data)
  })
  return { announce: news => channel.postMessage(news) }
}
