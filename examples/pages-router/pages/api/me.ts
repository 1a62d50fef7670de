import { withAuth } from "../../lib/auth"

// 401 { error: "unauthenticated" } without a session.
export default withAuth(async (req, res, session) => res.json({ user: session.user }))
