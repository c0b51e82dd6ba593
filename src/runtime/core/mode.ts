import type { AxiosJwtMode } from '../types/options'

/** Whether the refresh token stays on the server, in an HttpOnly cookie (httpOnly and proxy modes). */
export const refreshOnServer = (options: { mode: AxiosJwtMode }): boolean => options.mode !== 'readable'

/** Whether the browser calls the API through the app's proxy route, holding no token at all. */
export const isProxyMode = (options: { mode: AxiosJwtMode }): boolean => options.mode === 'proxy'
