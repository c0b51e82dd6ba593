import type { H3Event } from 'h3'
import { joinURL } from 'ufo'
import { useRuntimeConfig } from '#imports'

/** A path of the app's pages as the browser addresses it: under the app's base URL. */
export const withBase = (event: H3Event, path: string): string => joinURL(useRuntimeConfig(event).app.baseURL, path)
