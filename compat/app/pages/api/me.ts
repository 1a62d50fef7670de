import { withAuth } from "../../lib/auth"

export default withAuth(async (_req, res, session) => res.json({ user: session.user }))
