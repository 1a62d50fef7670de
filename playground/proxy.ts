import { authMiddleware } from "next-auth-kit/middleware"
import { authConfig } from "./lib/auth-config"

// An optimistic first filter: /members/* pages still check the session on the server.
export default authMiddleware({
  ...authConfig,
  rules: [{ path: "/members/:path*" }],
  // Under PLAYGROUND_SESSIONS=database the cookie is an opaque id (see lib/auth.ts).
  strategy: process.env.PLAYGROUND_SESSIONS === "database" ? "database" : "jwt",
})

// /app/* runs through it too, unprotected, so auth() knows the path for its callbackUrl.
export const config = { matcher: ["/members/:path*", "/app/:path*"] }
