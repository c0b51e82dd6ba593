import { describe, expect, it } from 'vitest'
import { liveTargetProblem } from '../../src/runtime/core/live-target'

const page = 'https://app.example.com/live'
const allowed = ['https://api.example.com/v1', '/api', 'wss://live.example.com', 'http://127.0.0.1:4000']

describe('where a live connection may carry the token (liveTargetProblem)', () => {
  it('allows the APIs\' origins, the page\'s own for a path, and the listed ones, in either scheme', () => {
    for (const url of ['wss://api.example.com/socket', 'https://api.example.com/events', 'wss://app.example.com/ws', '/events', 'wss://live.example.com/a', 'https://live.example.com/b', 'ws://127.0.0.1:4000/socket']) {
      expect(liveTargetProblem(url, page, allowed), url).toBeUndefined()
    }
  })

  it('refuses other origins: hosts, ports, look-alikes, user-info tricks', () => {
    for (const url of ['wss://evil.example.com/socket', 'wss://api.example.com:8443/socket', 'wss://api.example.com.evil.test/', 'wss://api.example.com@evil.test/', '//evil.test/events', 'ws://127.0.0.1:4001/socket']) {
      expect(liveTargetProblem(url, page, allowed), url).toMatch(/neither an API of `axiosJwt` nor in `axiosJwt.liveOrigins`/)
    }
  })

  it('refuses an unencrypted connection beyond this machine, even to a listed origin', () => {
    expect(liveTargetProblem('ws://live.example.com/socket', page, ['ws://live.example.com'])).toMatch(/unencrypted: use wss:/)
    expect(liveTargetProblem('http://api.internal/events', page, ['http://api.internal'])).toMatch(/unencrypted/)
    expect(liveTargetProblem('ws://localhost:3000/socket', page, ['http://localhost:3000'])).toBeUndefined()
  })

  it('refuses what is no ws(s) or http(s) URL', () => {
    for (const url of ['javascript:alert(1)', 'data:text/plain,x', 'http://[bad']) {
      expect(liveTargetProblem(url, page, allowed), url).toMatch(/is not a ws\(s\) or http\(s\) URL/)
    }
  })
})
