export default demoRoutes(demoAuth).logout
