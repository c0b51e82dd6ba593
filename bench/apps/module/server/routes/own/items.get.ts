// The API as the app's own server route, for the in-process rows: it answers what the test API's `/items` answers,
// to a request that carries a token.
export default defineEventHandler((event) => {
  if (!getHeader(event, 'authorization')?.startsWith('Bearer ')) throw createError({ statusCode: 401 })
  return { data: [{ id: 1, owner: 'Alice' }] }
})
