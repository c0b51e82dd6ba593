export default defineEventHandler(async (event) => {
  const body = await readBody<{ username?: string, password?: string }>(event).catch(() => undefined)
  const tokens = await demoAuth.login(body?.username, body?.password)
  if (!tokens) throw createError({ statusCode: 401, statusMessage: 'Wrong username or password' })
  return { data: tokens }
})
