import { guardAuth } from '../session/guard'
import { defineNuxtRouteMiddleware } from '#imports'

export default defineNuxtRouteMiddleware(to => guardAuth(to))
