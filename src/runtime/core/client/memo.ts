/** Wraps a pure function of a string so that asking again with the same argument costs nothing. */
export function lastValue<T>(fn: (key: string) => T): (key: string) => T {
  let lastKey: string | undefined
  let last: T
  return (key) => {
    if (key !== lastKey) {
      last = fn(key)
      lastKey = key
    }
    return last
  }
}
