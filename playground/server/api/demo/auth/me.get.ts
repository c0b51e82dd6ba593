export default demoRoutes(demoAuth).me
