import { withRouteAuth } from "@/lib/auth"

// 401 { error: "unauthenticated" } without a session.
export const GET = withRouteAuth(async (request, context, session) => Response.json({ user: session.user }))
