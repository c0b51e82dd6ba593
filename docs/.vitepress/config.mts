import { defineConfig } from 'vitepress'

const repository = 'https://github.com/nuxt-axios-jwt/nuxt-axios-jwt'

export default defineConfig({
  title: 'nuxt-axios-jwt',
  description: 'A Nuxt module: an axios instance that signs requests with a JWT, refreshes it once for every waiting request, and keeps the session in SSR-safe cookies.',
  lang: 'en',
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  // The snippets are type-checked sources the pages include; the package's own files are not pages.
  srcExclude: ['snippets/**', 'node_modules/**', 'README.md'],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Reference', link: '/reference/options' },
      { text: 'Benchmarks', link: '/benchmarks' },
      { text: 'Changelog', link: `${repository}/blob/main/CHANGELOG.md` },
    ],
    sidebar: [
      {
        text: 'Start',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'The three modes', link: '/guide/modes' },
          { text: 'What you get', link: '/guide/what-you-get' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'Backends and token shapes', link: '/guide/backends' },
          { text: 'Identity providers', link: '/guide/identity-providers' },
          { text: 'Roles and scopes', link: '/guide/roles-and-scopes' },
          { text: 'Several APIs', link: '/guide/several-apis' },
          { text: 'The session\'s life', link: '/guide/session-life' },
          { text: 'SSR and server routes', link: '/guide/server' },
          { text: 'Deploying', link: '/guide/deploying' },
          { text: 'Testing your app', link: '/guide/testing' },
          { text: 'Security and reliability', link: '/guide/security' },
          { text: 'Migrating from the recipe', link: '/guide/migrating' },
          { text: 'Troubleshooting', link: '/guide/troubleshooting' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Options', link: '/reference/options' },
          { text: 'The public surface', link: '/reference/public-surface' },
          { text: 'Benchmarks', link: '/benchmarks' },
          { text: 'Contributing', link: '/contributing' },
        ],
      },
    ],
    search: { provider: 'local' },
    outline: [2, 3],
    socialLinks: [{ icon: 'github', link: repository }],
  },
})
