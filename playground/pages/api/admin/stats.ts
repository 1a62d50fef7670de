import { withAuth } from "../../../lib/auth"

export default withAuth({ roles: ["admin"], methods: ["GET"] }, async (_req, res) => {
  res.json({ users: 2, generatedAt: new Date().toISOString() })
})
