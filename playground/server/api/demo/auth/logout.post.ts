export default defineEventHandler(async (event) => {
  const body = await readBody<{ refreshToken?: string }>(event).catch(() => undefined)
  await demoAuth.logout(body?.refreshToken)
  return { data: { ok: true } }
})
