import type { CookieJar } from '../../core/cookies/cookie-store'
import type { IdleRule } from '../../core/cookies/idle'

/** What counts as the user's activity in a tab, beside a tab shown again. */
const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const

export interface IdleWatch {
  rule: IdleRule
  jar: CookieJar
  /** `session.idleTimeout`, in milliseconds. */
  timeoutMs: number
  /** Whether the cookies hold a session: another tab may have ended it a moment ago. */
  hasSession: () => boolean
  /** Ends the session for want of activity (and takes this tab to login). */
  end: () => Promise<void>
  /** Tells the server of the activity written, where it keeps a sealed copy (httpOnly and proxy modes). */
  renew?: () => void
}

/**
 * Watches the user's activity in this tab and the deadline all tabs share through the activity cookie: activity here
 * moves it (written at most every few seconds), and when it passes with no tab active the session ends, in the tab
 * whose timer fires first; the others, waiting for the same deadline, follow it to login. Activity that comes after
 * the deadline (a tab shown again after a sleep) ends the session instead of moving it; so does a timer that fires
 * late after a clock jump, and a session whose activity cookie is gone or garbled.
 */
export function watchIdle({ rule, jar, timeoutMs, hasSession, end, renew }: IdleWatch): { touch: () => void } {
  const writeEveryMs = Math.min(5_000, timeoutMs / 4)
  let timer: ReturnType<typeof setTimeout> | undefined
  let ending = false
  let written = 0
  // The deadline this tab waits for, as it last read it.
  let deadline: number | undefined

  const touch = () => {
    written = Date.now()
    jar.write(rule.touch(written))
    renew?.()
  }
  const finish = () => {
    ending = true
    deadline = undefined
    void end().finally(() => {
      ending = false
    })
  }
  function check() {
    clearTimeout(timer)
    if (ending) return
    const now = Date.now()
    if (!hasSession()) {
      // Ended in another tab that reached the same deadline first: follow it.
      if (deadline !== undefined && now >= deadline) finish()
      return
    }
    // No activity that can be read (deleted, garbled, far ahead) is a deadline long passed.
    deadline = rule.deadline(jar.read(), now) ?? 0
    if (now >= deadline) return finish()
    timer = setTimeout(check, Math.min(deadline - now + 50, 2 ** 31 - 1))
  }
  const activity = () => {
    if (ending || !hasSession()) return
    if (rule.isIdle(jar.read())) return check()
    if (Date.now() - written >= writeEveryMs) {
      touch()
      check()
    }
  }

  for (const type of ACTIVITY) window.addEventListener(type, activity, { passive: true, capture: true })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') activity()
  })
  check()
  return {
    // A login starts the clock afresh.
    touch: () => {
      touch()
      check()
    },
  }
}
