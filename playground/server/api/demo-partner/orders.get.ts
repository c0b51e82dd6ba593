// The partner's API, with its own session: `apis.partner` in nuxt.config.
export default defineEventHandler(async (event) => {
  const user = await requireUser(event, partnerAuth)
  return { data: [{ id: 7, item: 'Lamps', status: 'shipped', account: user.name }] }
})
