/**
 * Under next-auth's database strategy the session cookie is an opaque session id: the
 * middleware cannot decode it, so a present cookie passes on to the server helpers and an
 * absent one is "no session".
 */
import { randomUUID } from "node:crypto"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { authMiddleware } from "../../src/middleware"
import { clearAuthEnv, location, passes, request } from "./helpers"

// No secret anywhere: the database strategy does not need one in the middleware.
beforeEach(clearAuthEnv)
afterEach(() => vi.unstubAllEnvs())

const middleware = authMiddleware({
  strategy: "database",
  loginPath: "/login",
  rules: [{ path: "/members/:path*" }, { path: "/api/private" }],
})
const sessionId = randomUUID()

describe("authMiddleware with the database session strategy", () => {
  describe("given a visitor with a session cookie", () => {
    it("lets them through to the server helpers, with the path for auth()", async () => {
      const response = await middleware(request("/members/x?y=1", { cookie: `next-auth.session-token=${sessionId}` }))
      expect(passes(response)).toBe(true)
      expect(response.headers.get("x-middleware-request-x-next-auth-kit-path")).toBe("/members/x?y=1")
    })

    it("reads the __Secure- cookie on an https site", async () => {
      vi.stubEnv("NEXTAUTH_URL", "app.example.com")
      expect(passes(await middleware(request("/members/x", { cookie: `__Secure-next-auth.session-token=${sessionId}` })))).toBe(true)
      expect(passes(await middleware(request("/members/x", { cookie: `next-auth.session-token=${sessionId}` })))).toBe(false)
    })
  })

  describe("given a visitor whose session cookie came in chunks", () => {
    it("reads it as next-auth's SessionStore does: any cookie under the session cookie's name", async () => {
      const half = sessionId.length / 2
      const cookie = `next-auth.session-token.0=${sessionId.slice(0, half)}; next-auth.session-token.1=${sessionId.slice(half)}`
      expect(passes(await middleware(request("/members/x", { cookie })))).toBe(true)
      expect(passes(await middleware(request("/members/x", { cookie: "next-auth.session-token=" })))).toBe(false)
    })
  })

  describe("given a visitor without one", () => {
    it("redirects a page to the login path", async () => {
      const response = await middleware(request("/members/x"))
      expect(location(response)).toBe("http://localhost:3000/login?callbackUrl=%2Fmembers%2Fx")
    })

    it("treats an empty cookie as none", async () => {
      expect((await middleware(request("/members/x", { cookie: "next-auth.session-token=" }))).status).toBe(307)
    })

    it("answers 401 on an API path", async () => {
      expect((await middleware(request("/api/private"))).status).toBe(401)
    })
  })

  it("refuses a rule with roles when it is created: roles need the server helpers", () => {
    expect(() =>
      authMiddleware({ strategy: "database", rules: [{ path: "/admin/:path*", roles: ["admin"] }] }),
    ).toThrow(expect.objectContaining({ name: "AuthKitError", code: "invalid_config", message: expect.stringMatching(/database/) }))
    expect(() => authMiddleware({ strategy: "database", rules: [{ path: "/admin/:path*", roles: [] }] })).not.toThrow()
  })
})
