export default demoRoutes(demoAuth).login
