// The protocol between the refresher and the interceptors: a request answered 401 after a refresh that started once
// it was signed has failed takes that failure as its answer.
import { describe, expect, it } from 'vitest'
import { RefreshError } from '../../src/runtime/core/errors'
import { createRefreshAttempts } from '../../src/runtime/core/client/refresh-attempts'

describe('refresh attempts', () => {
  it('hand a transient failure to requests signed before its attempt started, and to none signed after', () => {
    const attempts = createRefreshAttempts()
    const before = attempts.mark()
    const attempt = attempts.start()
    const after = attempts.mark()
    const failure = new RefreshError('the refresh endpoint answered 503', 503)
    attempts.settle(attempt, failure)
    expect(attempts.failedSince(before)).toBe(failure)
    expect(attempts.failedSince(after)).toBeUndefined()
  })

  it('forget the failure once a later attempt succeeds', () => {
    const attempts = createRefreshAttempts()
    const mark = attempts.mark()
    attempts.settle(attempts.start(), new RefreshError('down'))
    attempts.settle(attempts.start())
    expect(attempts.failedSince(mark)).toBeUndefined()
  })

  it('keep only the last attempt\'s failure', () => {
    const attempts = createRefreshAttempts()
    const mark = attempts.mark()
    attempts.settle(attempts.start(), new RefreshError('first'))
    const second = new RefreshError('second')
    attempts.settle(attempts.start(), second)
    expect(attempts.failedSince(mark)).toBe(second)
    expect(attempts.mark()).toBe(2)
  })
})
