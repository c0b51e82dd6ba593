export default demoRoutes(partnerAuth).me
