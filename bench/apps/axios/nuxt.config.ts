// Baseline: plain axios in a plugin, the header set by hand from the cookie.
export default defineNuxtConfig({
  devtools: { enabled: false },
  runtimeConfig: { public: { apiBase: 'http://127.0.0.1:9' } },
  compatibilityDate: '2025-07-15',
  // On Node < 22 nitro's tracer must copy `module-sync` export targets; the module does this for its users.
  nitro: { externals: { traceOptions: { conditions: ['node', 'module-sync'] } } },
})
