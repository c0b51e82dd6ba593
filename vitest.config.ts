import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // Browser suites build and serve a Nuxt app each: one at a time suits two cores.
    fileParallelism: false,
  },
})
