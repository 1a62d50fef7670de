// middleware.ts on Next.js 14 and 15 (the Edge runtime, their default); the suite copies it to
// proxy.ts on Next.js 16, which runs it on Node.js.
import { authMiddleware } from "next-auth-kit/middleware"
import { authConfig } from "./lib/auth-config"

export default authMiddleware({
  ...authConfig,
  rules: [
    { path: "/members/staff", roles: ["admin"] },
    { path: "/api/members/staff", roles: ["admin"] },
    { path: "/members/:path*" },
    { path: "/api/members/:path*" },
  ],
})

// /app/* runs through it too, unprotected, so that auth() knows the path for its callbackUrl.
export const config = { matcher: ["/members/:path*", "/api/members/:path*", "/app/:path*"] }
