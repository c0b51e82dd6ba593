export default demoRoutes(partnerAuth).refresh
