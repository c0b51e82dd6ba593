export default demoRoutes(demoAuth).refresh
