import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import type { StoredTokens } from '../src/runtime/core/tokens/tokens'

/**
 * The interceptor recipe found in the well-known blog posts, for comparison: a request interceptor that sets the
 * header, and a response interceptor that on a 401 posts the refresh token, stores the new pair and retries once,
 * guarded by a `_retry` flag and nothing else (no shared refresh promise).
 */
export function recipeClient(baseURL: string, tokens: StoredTokens, onLogout: () => void): AxiosInstance {
  const api = axios.create({ baseURL })
  api.interceptors.request.use((config) => {
    if (tokens.accessToken) config.headers.Authorization = `Bearer ${tokens.accessToken}`
    return config
  })
  api.interceptors.response.use(undefined, async (error) => {
    const original = error.config as InternalAxiosRequestConfig & { _retry?: boolean }
    if (error.response?.status === 401 && !original._retry) {
      original._retry = true
      try {
        const { data } = await axios.post(`${baseURL}/auth/refresh`, { refreshToken: tokens.refreshToken })
        tokens.accessToken = data.data.accessToken
        tokens.refreshToken = data.data.refreshToken
        return api(original)
      }
      catch (refreshError) {
        tokens.accessToken = undefined
        tokens.refreshToken = undefined
        onLogout()
        throw refreshError
      }
    }
    throw error
  })
  return api
}
