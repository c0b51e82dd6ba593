import type { AxiosRequestConfig } from 'axios'

/** What one request tells the module, as `axiosJwt` in its axios config. */
export interface RequestOptions {
  /**
   * `false`: send no token, and never refresh or retry for this request.
   * @default true
   */
  sign?: boolean
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** nuxt-axios-jwt's options for this request: `{ sign: false }` sends no token. */
    axiosJwt?: RequestOptions
  }
}

/** Whether a request opted out of the token: `axiosJwt: { sign: false }`, or `auth: false` as `$api` also takes it. */
export const optedOut = (config: AxiosRequestConfig): boolean =>
  config.axiosJwt?.sign === false || (config as { auth?: unknown }).auth === false

/** The axios config of the module's own calls that must carry no token (login, logout, the routes). */
export const unsigned = { axiosJwt: { sign: false } } satisfies AxiosRequestConfig
