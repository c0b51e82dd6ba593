import { refreshExpiry } from '../../core/cookies/cookie-policy'
import type { ResolvedOptions } from '../../core/options'
import type { IdleRule } from '../../core/cookies/idle'
import type { CookieJar } from '../../core/cookies/cookie-store'
import { holdsSession, type TokenStore } from '../../core/tokens/tokens'
import type { SessionExpiry } from '../../types'
import { computed, ref } from '#imports'

export interface ExpirySetup {
  /** Where the refresh token's lifetime is marked (`tokens`). */
  options: Pick<ResolvedOptions, 'tokens'>
  /** The idle rule when `session.idleTimeout` is on. */
  idle?: IdleRule
  jar: CookieJar
  store: TokenStore
  /** `session.warnBefore`, in seconds. */
  warnBefore: number
  /** Calls `axios-jwt:session-expiring` for one deadline. */
  warn: (info: { secondsLeft: number, reason: 'idle' | 'refresh-token' }) => void
  /** Counts as activity (moves the idle deadline). */
  touch: () => void
  refresh: () => Promise<unknown>
}

const secondsUntil = (at: number | undefined, now: number) => at === undefined ? null : Math.max(0, Math.ceil((at - now) / 1000))

/**
 * The session's ends, read from the cookies every second (from the first `tick()`, after hydration): the idle deadline
 * all tabs share, and the refresh token's expiry. Warns once per deadline when it comes within `warnBefore`.
 */
export function sessionExpiry({ options, idle, jar, store, warnBefore, warn, touch, refresh }: ExpirySetup): SessionExpiry & { tick: () => void, stop: () => void } {
  const idleSecondsLeft = ref<number | null>(null)
  const refreshSecondsLeft = ref<number | null>(null)
  const secondsLeft = computed(() => {
    const known = [idleSecondsLeft.value, refreshSecondsLeft.value].filter((left): left is number => left !== null)
    return known.length ? Math.min(...known) : null
  })
  const expiring = computed(() => warnBefore > 0 && secondsLeft.value !== null && secondsLeft.value <= warnBefore)
  let warned: string | undefined

  const tick = () => {
    const now = Date.now()
    const tokens = store.get()
    // One read of the cookies a tick; both ends are unknown without a session.
    const cookies = holdsSession(tokens) ? jar.read() : undefined
    const idleAt = cookies && idle?.deadline(cookies, now)
    const exp = cookies && refreshExpiry(cookies, tokens.refreshToken, options)
    idleSecondsLeft.value = secondsUntil(idleAt, now)
    refreshSecondsLeft.value = secondsUntil(exp === undefined ? undefined : exp * 1000, now)
    if (!expiring.value) return
    const reason = secondsLeft.value === idleSecondsLeft.value ? 'idle' : 'refresh-token'
    // Once per deadline: the idle one moves with activity, the refresh token's with each rotation.
    const deadline = `${reason}:${reason === 'idle' ? idleAt : exp}`
    if (warned === deadline) return
    warned = deadline
    warn({ secondsLeft: secondsLeft.value!, reason })
  }
  const timer = setInterval(tick, 1000)

  return {
    idleSecondsLeft,
    refreshSecondsLeft,
    secondsLeft,
    expiring,
    async extend() {
      touch()
      if (refreshSecondsLeft.value !== null && refreshSecondsLeft.value === secondsLeft.value) await refresh()
      tick()
    },
    tick,
    stop: () => clearInterval(timer),
  }
}
