export default defineEventHandler(async event => ({ data: await requireDemoUser(event) }))
