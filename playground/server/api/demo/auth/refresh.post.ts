export default defineEventHandler(async (event) => {
  const body = await readBody<{ refreshToken?: string }>(event).catch(() => undefined)
  const result = await demoAuth.refresh(body?.refreshToken)
  if (!result.ok) throw createError({ statusCode: 401, statusMessage: `Refresh token ${result.reason}` })
  return { data: result.tokens }
})
