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
  ignores: ['dist', '**/.nuxt', '**/.output', 'bench/.tmp', 'test/.tmp', 'docs/.vitepress/cache', 'docs/.vitepress/dist'],
})
