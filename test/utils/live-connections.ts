import { createPage } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it, onTestFinished } from 'vitest'
import { gotoHydrated, text, tokenCookies } from './browser'
import type { LiveServer } from './live-server'
import type { TestApi } from './test-api'
import { sleep } from './time'

type Tokens = { accessToken: string, refreshToken: string }

/**
 * `useAuthWebSocket` and `useAuthEventSource` (test/fixtures/basic, page /live) against a real `ws` server and an event
 * stream that close a connection when its token expires (`live`, in `axiosJwt.liveOrigins`; `unlisted`, the same
 * server on an origin the module does not know), in a cookie mode whose browser cookies `store` writes.
 */
export function describeLiveConnections(api: TestApi, { live, unlisted }: { live: LiveServer, unlisted: LiveServer }, store: (context: BrowserContext, tokens: Tokens) => Promise<void>) {
  /** A page at `path` (`/live?…`) with a session of a minute, closed after the test: its retries must not reach the next. */
  async function livePage(path: string) {
    const page = await createPage()
    onTestFinished(() => page.close())
    await store(page.context(), await api.login('alice', 60))
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await gotoHydrated(page, path)
    return { page, errors }
  }

  describe('live connections (useAuthWebSocket, useAuthEventSource)', () => {
    it('reopens both with the one refreshed token after the server closes them for an expired one, resumes the stream, and hears nothing after logout', async () => {
      live.reset()
      // Due for a refresh after 3 s (half its life), refused by the live server after 6 s.
      const tokens = await api.login('alice', 6)
      const page = await createPage()
      await store(page.context(), tokens)
      await gotoHydrated(page, '/live')
      await expect.poll(() => text(page, 'ws-status')).toBe('OPEN')
      await expect.poll(() => text(page, 'es-status')).toBe('OPEN')
      expect(live.sockets.map(visit => visit.token)).toEqual([tokens.accessToken])
      // The token expires: the server closes both, and both come back with a new token, refreshed once.
      await expect.poll(() => [live.sockets.length, live.streams.length], { timeout: 12_000 }).toEqual([2, 2])
      const { access } = await tokenCookies(page.context())
      expect(live.sockets[1]!.token).toBe(decodeURIComponent(access!.value))
      expect(live.streams[1]!.token).toBe(decodeURIComponent(access!.value))
      expect(api.calls.refresh).toBe(1)
      expect(Number(live.streams[1]!.lastEventId)).toBeGreaterThan(0)
      await expect.poll(() => text(page, 'ws-status')).toBe('OPEN')
      // A logout closes both for good.
      await page.getByTestId('live-logout').click()
      await expect.poll(() => Promise.all([text(page, 'ws-status'), text(page, 'es-status')])).toEqual(['CLOSED', 'CLOSED'])
      const heard = await text(page, 'ws-count')
      await sleep(500)
      expect(await text(page, 'ws-count')).toBe(heard)
      await expect.poll(() => live.open()).toBe(0)
      expect([live.sockets.length, live.streams.length]).toEqual([2, 2])
    })

    it('gives up on a server that takes the socket, sends an error frame and closes with 1008: three connections, two refreshes, each after a growing pause', async () => {
      live.reset()
      const { page } = await livePage('/live?socket=/socket-error')
      // Refused at 0 s, then after pauses of 1 s and 2 s; the third refusal stops it.
      await expect.poll(() => live.errorCloses, { timeout: 12_000 }).toBe(3)
      await expect.poll(() => text(page, 'ws-status')).toBe('CLOSED')
      await sleep(5000)
      expect(live.errorCloses).toBe(3)
      expect(api.calls.refresh).toBe(2)
      // The stream beside it is untouched.
      expect(await text(page, 'es-status')).toBe('OPEN')
    })

    it('retries an event stream answered 503 after a growing pause with the same token, refreshing nothing', async () => {
      live.reset()
      const { page } = await livePage('/live?events=/events-unavailable')
      // Tried at 0 s, 1 s and 3 s.
      await expect.poll(() => live.unavailable, { timeout: 6000 }).toBe(3)
      expect(live.unavailable).toBe(3)
      expect(api.calls.refresh).toBe(0)
      expect(await text(page, 'ws-status')).toBe('OPEN')
    })

    it('opens nothing to an origin that is neither an API nor in liveOrigins, and says why', async () => {
      unlisted.reset()
      const { page, errors } = await livePage('/live?server=unlisted')
      await expect.poll(() => errors.filter(error => error.includes('is neither an API of `axiosJwt` nor in `axiosJwt.liveOrigins`')).length).toBe(2)
      await sleep(1500)
      expect([unlisted.sockets.length, unlisted.streams.length, unlisted.refused]).toEqual([0, 0, 0])
      expect(await Promise.all([text(page, 'ws-status'), text(page, 'es-status')])).toEqual(['CLOSED', 'CLOSED'])
    })
  })
}
