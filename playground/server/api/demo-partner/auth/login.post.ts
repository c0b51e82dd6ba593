export default demoRoutes(partnerAuth).login
