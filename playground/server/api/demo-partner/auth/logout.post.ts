export default demoRoutes(partnerAuth).logout
