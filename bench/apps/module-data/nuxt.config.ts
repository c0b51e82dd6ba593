// The module app with its page written with useApiData, to weigh what the composable adds for the apps that use it.
export default defineNuxtConfig({
  extends: ['../module'],
})
