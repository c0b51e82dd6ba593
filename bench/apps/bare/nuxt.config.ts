// Baseline: the same app with no HTTP client at all.
export default defineNuxtConfig({
  devtools: { enabled: false },
  compatibilityDate: '2025-07-15',
})
