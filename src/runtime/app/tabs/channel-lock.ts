/**
 * The lock across tabs for browsers without the Web Locks API (pages served over plain HTTP from another host than
 * localhost): tabs agree over a BroadcastChannel. A tab announces a claim, and takes its turn when within a short
 * window no earlier claim and no holder answered. Loaded only by the browsers that need it.
 */
/** How long a claim waits for objections: BroadcastChannel messages cross tabs in a few milliseconds. */
const CLAIM_WINDOW_MS = 60
/** A tab that yielded claims again after this long at the latest, so a lost message or a closed tab costs a delay only. */
const RECLAIM_MS = 250

// `withdrawn`: a claim given up to claim again at once; tabs that yielded to it try again too.
type Message = { type: 'claim' | 'held' | 'withdrawn', id: string } | { type: 'released' }

/** One lock (one per session) as this tab sees it. */
interface Lock {
  name: string
  channel?: BroadcastChannel
  /** This tab's claim while it is claiming or holding the turn. */
  mine?: { id: string, holding: boolean }
  /** Turns taken inside this tab, one after another. */
  local: Promise<unknown>
}

const locks = new Map<string, Lock>()

// Ids sort by time of the claim, ties broken at random.
const newId = () => `${Date.now().toString(36).padStart(10, '0')}-${Math.random().toString(36).slice(2)}`

function open(lock: Lock): BroadcastChannel {
  if (lock.channel) return lock.channel
  const channel = lock.channel = new BroadcastChannel(lock.name)
  channel.addEventListener('message', (event: MessageEvent<Message>) => {
    const message = event.data
    const { mine } = lock
    // A holder, or an earlier claim, tells a later claimer to wait.
    if (message?.type === 'claim' && mine && (mine.holding || mine.id < message.id)) {
      channel.postMessage({ type: 'held', id: message.id } satisfies Message)
    }
  })
  return channel
}

/** Whether the turn is this claim's; `retry` when what stood in the way went away within the window. */
function claim(lock: Lock, id: string): Promise<boolean | 'retry'> {
  const ch = open(lock)
  return new Promise((resolve) => {
    const ahead = new Set<string>()
    let held = false
    let changed = false
    const listen = (event: MessageEvent<Message>) => {
      const message = event.data
      if (message?.type === 'held' && message.id === id) held = true
      else if (message?.type === 'claim' && message.id < id) ahead.add(message.id)
      else if (message?.type === 'withdrawn') changed = ahead.delete(message.id) || changed
      // Tabs that waited claim again after a release: what stood in the way may be gone, so this claim is renewed too.
      else if (message?.type === 'released') changed = held || ahead.size > 0 || changed
    }
    ch.addEventListener('message', listen)
    ch.postMessage({ type: 'claim', id } satisfies Message)
    setTimeout(() => {
      ch.removeEventListener('message', listen)
      resolve(!held && ahead.size === 0 ? true : changed ? 'retry' : false)
    }, CLAIM_WINDOW_MS)
  })
}

/** Resolves when a holder ends its turn or a claim is withdrawn, or after `RECLAIM_MS`. */
function released(lock: Lock): Promise<void> {
  const ch = open(lock)
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      ch.removeEventListener('message', listen)
      resolve()
    }
    const listen = (event: MessageEvent<Message>) => {
      if (event.data?.type === 'released' || event.data?.type === 'withdrawn') done()
    }
    const timer = setTimeout(done, RECLAIM_MS)
    ch.addEventListener('message', listen)
  })
}

async function channelTurnOnce<T>(lock: Lock, fn: (waited: boolean) => Promise<T>): Promise<T> {
  for (let waited = false; ; waited = true) {
    const id = newId()
    const mine: Lock['mine'] & object = { id, holding: false }
    lock.mine = mine
    const turn = await claim(lock, id)
    if (turn === true) {
      mine.holding = true
      try {
        return await fn(waited)
      }
      finally {
        lock.mine = undefined
        open(lock).postMessage({ type: 'released' } satisfies Message)
      }
    }
    lock.mine = undefined
    if (turn === 'retry') open(lock).postMessage({ type: 'withdrawn', id } satisfies Message)
    else await released(lock)
  }
}

/** Runs `fn` in this tab's turn at the lock `name` (one per session), turns inside this tab one after another. */
export function channelTurn<T>(fn: (waited: boolean) => Promise<T>, name: string): Promise<T> {
  let lock = locks.get(name)
  if (!lock) locks.set(name, lock = { name, local: Promise.resolve() })
  const turn = lock.local.then(() => channelTurnOnce(lock, fn))
  lock.local = turn.catch(() => undefined)
  return turn
}
