import { guardAuth } from '../utils/guard'
import { defineNuxtRouteMiddleware } from '#imports'

export default defineNuxtRouteMiddleware(to => guardAuth(to))
