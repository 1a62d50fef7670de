// proxy.ts on Next.js 16; name it middleware.ts on Next.js 14 and 15.
import { authMiddleware } from "next-auth-kit/middleware"
import { authConfig } from "./lib/auth-config"

// Signed out: the login page. Signed in without the role: 404 (authConfig.forbidden can change it).
export default authMiddleware({ ...authConfig, rules: [{ path: "/admin/:path*", roles: ["admin"] }] })

export const config = { matcher: ["/admin/:path*"] }
