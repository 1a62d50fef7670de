import { authMiddleware } from "next-auth-kit/middleware"
import { authConfig } from "./lib/auth-config"

// An optimistic first filter: /members/* pages still check the session on the server.
export default authMiddleware({
  ...authConfig,
  rules: [{ path: "/members/:path*" }],
})

// /app/* runs through it too, unprotected, so auth() knows the path for its callbackUrl.
export const config = { matcher: ["/members/:path*", "/app/:path*"] }
