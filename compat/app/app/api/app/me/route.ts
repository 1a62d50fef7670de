import { withRouteAuth } from "../../../../lib/auth"

export const GET = withRouteAuth(async (_request, _context, session) => Response.json({ user: session.user }))
