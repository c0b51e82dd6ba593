import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/*.test.ts'],
    testTimeout: 30_000,
    // What a page shows after a click may take more than a second on a slow machine; a poll still fails on a wrong value.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 240_000,
    // Browser suites build and serve a Nuxt app each: one at a time suits two cores.
    fileParallelism: false,
  },
})
