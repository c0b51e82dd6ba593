import axios from 'axios'

export default defineNuxtPlugin(() => {
  const token = useCookie<string | undefined>('access_token', { readonly: true })
  const api = axios.create({ baseURL: useRuntimeConfig().public.apiBase })
  api.interceptors.request.use((config) => {
    if (token.value) config.headers.Authorization = `Bearer ${token.value}`
    return config
  })
  return { provide: { bareApi: api } }
})
