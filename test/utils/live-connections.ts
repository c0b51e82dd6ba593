import { createPage } from '@nuxt/test-utils/e2e'
import type { BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { gotoHydrated, text, tokenCookies } from './browser'
import type { LiveServer } from './live-server'
import type { TestApi } from './test-api'
import { sleep } from './time'

type Tokens = { accessToken: string, refreshToken: string }

/**
 * `useAuthWebSocket` and `useAuthEventSource` (test/fixtures/basic, page /live) against a real `ws` server and an event
 * stream that close a connection when its token expires, in a cookie mode whose browser cookies `store` writes.
 */
export function describeLiveConnections(api: TestApi, live: LiveServer, store: (context: BrowserContext, tokens: Tokens) => Promise<void>) {
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
  })
}
