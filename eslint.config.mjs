// @ts-check
import { createConfigForNuxt } from '@nuxt/eslint-config/flat'

export default createConfigForNuxt({
  features: {
    tooling: true,
    stylistic: true,
  },
  dirs: {
    src: ['./playground', './test/fixtures/basic', './test/fixtures/packed', './test/fixtures/oidc', './test/fixtures/app-tests'],
  },
}).append({
  // The guides' example pages are written compactly, for reading (and declare what they show); vue-tsc checks them.
  ignores: ['docs/snippets/pages', 'dist', '**/.nuxt', '**/.output', 'bench/.tmp', 'test/.tmp', 'docs/.vitepress/cache', 'docs/.vitepress/dist'],
})
