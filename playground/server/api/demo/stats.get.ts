export default defineEventHandler(() => demoAuth.stats)
