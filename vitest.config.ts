import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // What a page shows after a click may take more than a second on a slow machine; a poll still fails on a wrong value.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 240_000,
    projects: [
      // No Nuxt build: the token client, the cookie rules, the option checks, against real servers on loopback. Seconds.
      { extends: true, test: { name: 'unit', include: ['test/unit/*.test.ts'], sequence: { groupOrder: 0 }, maxWorkers: '100%' } },
      // Each suite builds (or installs) a Nuxt app and drives it with Chromium: one at a time suits two cores.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/*.test.ts'], sequence: { groupOrder: 1 }, maxWorkers: 1, globalSetup: ['test/utils/shared-builds.ts'] } },
    ],
  },
})
