export default defineEventHandler(async (event) => {
  const user = await requireDemoUser(event)
  return {
    data: ['Keys', 'Lamps', 'Maps', 'Notebooks', 'Pencils'].map((name, i) => ({ id: i + 1, name, owner: user.name })),
    servedAt: new Date().toISOString(),
  }
})
