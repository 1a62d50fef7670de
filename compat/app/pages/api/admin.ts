import { withAuth } from "../../lib/auth"

export default withAuth({ roles: ["admin"] }, async (_req, res) => res.json({ ok: true }))
