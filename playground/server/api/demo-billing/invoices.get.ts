// A second demo API that accepts the same tokens: `apis.billing` in nuxt.config.
export default defineEventHandler(async (event) => {
  const user = await requireDemoUser(event)
  return { data: [{ id: 1, total: '42.00 EUR', owner: user.name }] }
})
