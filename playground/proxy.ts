import { authMiddleware } from "next-auth-kit/middleware"

// An optimistic first filter: /members/* pages still check the session on the server.
export default authMiddleware({
  rules: [{ path: "/members/:path*" }],
  loginPath: "/login",
})

// /app/* runs through it too, unprotected, so auth() knows the path for its callbackUrl.
export const config = { matcher: ["/members/:path*", "/app/:path*"] }
