import { withRouteAuth } from "../../../../lib/auth"

export const GET = withRouteAuth({ roles: ["admin"] }, async () => Response.json({ ok: true }))
