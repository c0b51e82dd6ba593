// Baseline: plain axios in a plugin, the header set by hand from the cookie. BENCH_I18N=1 adds @nuxtjs/i18n, the
// baseline of the module app built with it.
export default defineNuxtConfig({
  modules: process.env.BENCH_I18N ? ['@nuxtjs/i18n'] : [],
  ...process.env.BENCH_I18N && { i18n: { locales: ['en', 'fr'], defaultLocale: 'en', strategy: 'prefix_except_default', detectBrowserLanguage: false } },
  devtools: { enabled: false },
  runtimeConfig: { public: { apiBase: 'http://127.0.0.1:9' } },
  compatibilityDate: '2025-07-15',
  // On Node < 22 nitro's tracer must copy `module-sync` export targets; the module does this for its users.
  nitro: { externals: { traceOptions: { conditions: ['node', 'module-sync'] } } },
})
