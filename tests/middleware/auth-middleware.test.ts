import { NextRequest } from "next/server.js"
import { describe, expect, it, vi } from "vitest"
import { authMiddleware } from "../../src/middleware"
import { createAuthKit } from "../../src/server"
import type { AuthKitConfig } from "../../src/core"
import { badCookies, cookieFor, makeAuthOptions, pageContext, SECRET } from "../server/harness"

const middleware = authMiddleware({
  rules: [
    { path: "/dashboard/:path*" },
    { path: "/members/:path*" },
    { path: "/admin/:path*", roles: ["admin"] },
    { path: "/api/admin/:path*", roles: ["admin"] },
    { path: "/api/private" },
  ],
  loginPath: "/login",
  secret: SECRET,
})
const bad = await badCookies()

function request(path: string, cookie?: string, basePath?: string) {
  return new NextRequest(`http://localhost:3000${basePath ?? ""}${path}`, {
    headers: cookie ? { cookie } : {},
    ...(basePath ? { nextConfig: { basePath } } : {}),
  })
}

const passes = (response: Response) => response.headers.get("x-middleware-next") === "1"
const location = (response: Response) => response.headers.get("location")

describe("authMiddleware", () => {
  describe("given a signed-out visitor", () => {
    it("redirects a protected page to the login path with the page as callbackUrl", async () => {
      const response = await middleware(request("/members/area?tab=1"))
      expect(response.status).toBe(307)
      expect(location(response)).toBe("http://localhost:3000/login?callbackUrl=%2Fmembers%2Farea%3Ftab%3D1")
    })

    it("protects the area's root too", async () => {
      expect(location(await middleware(request("/dashboard")))).toBe(
        "http://localhost:3000/login?callbackUrl=%2Fdashboard",
      )
    })

    it("answers 401 JSON on an API path instead of redirecting", async () => {
      const response = await middleware(request("/api/private"))
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: "unauthenticated", message: expect.any(String) })
    })

    it.each(bad)("treats a cookie %s as signed out", async (_, cookie) => {
      expect((await middleware(request("/members/x", cookie))).status).toBe(307)
    })

    it("lets public paths through", async () => {
      expect(passes(await middleware(request("/")))).toBe(true)
      expect(passes(await middleware(request("/dashboards-public")))).toBe(true)
    })

    it("never checks the login page, next-auth's routes or /_next", async () => {
      const open = authMiddleware({ rules: [{ path: "/:path*" }], loginPath: "/login", secret: SECRET })
      for (const path of ["/login", "/login?callbackUrl=%2Fx", "/api/auth/session", "/api/auth/callback/credentials", "/_next/static/chunk.js"]) {
        expect(passes(await open(request(path))), path).toBe(true)
      }
      expect((await open(request("/anything"))).status).toBe(307)
    })

    describe("the paths it never checks", () => {
      const open = authMiddleware({
        rules: [{ path: "/:path*" }, { path: "/members/:path*" }],
        loginPath: "/login",
        secret: SECRET,
      })

      it("are compared as sent, so an encoded way out of next-auth's API is checked", async () => {
        const response = await open(request("/api/auth%2F..%2Fsecret"))
        expect(response.status).toBe(401)
      })

      it("are compared as sent, so an encoded way out of /_next is checked", async () => {
        const response = await open(request("/_next%2F..%2Fsecret"))
        expect(response.status).toBe(307)
        expect(location(response)).toMatch(/^http:\/\/localhost:3000\/login\?callbackUrl=/)
      })

      it("are compared as sent, so an encoded login path is checked", async () => {
        const response = await open(request("/%6cogin"))
        expect(response.status).toBe(307)
        expect(location(response)).toMatch(/^http:\/\/localhost:3000\/login\?callbackUrl=/)
      })

      it("are compared case-sensitively, as Next.js routes them", async () => {
        expect((await open(request("/API/AUTH/session"))).status).toBe(401)
        expect((await open(request("/LOGIN"))).status).toBe(307)
      })

      it("include the login page with a trailing slash, and its data route", async () => {
        vi.stubEnv("__NEXT_NO_MIDDLEWARE_URL_NORMALIZE", "1")
        try {
          for (const path of ["/login/", "/_next/data/build-1/login.json"]) {
            expect(passes(await open(request(path))), path).toBe(true)
          }
        } finally {
          vi.unstubAllEnvs()
        }
      })

      it("include next-auth's own actions only, not the app's routes beside them", async () => {
        for (const path of ["/api/auth/session", "/api/auth/callback/credentials", "/api/auth/signin/github", "/api/auth/_log"]) {
          expect(passes(await open(request(path))), path).toBe(true)
        }
        for (const path of ["/api/auth", "/api/auth/me", "/api/auth/register", "/api/auth/sessions"]) {
          expect((await open(request(path))).status, path).toBe(401)
        }
      })

      it("let a RegExp rule see the page behind a data route", async () => {
        vi.stubEnv("__NEXT_NO_MIDDLEWARE_URL_NORMALIZE", "1")
        try {
          const regex = authMiddleware({ loginPath: "/login", secret: SECRET, rules: [{ path: /^\/admin(\/|$)/ }] })
          const response = await regex(request("/_next/data/build-1/admin.json"))
          expect(location(response)).toBe("http://localhost:3000/login?callbackUrl=%2Fadmin")
        } finally {
          vi.unstubAllEnvs()
        }
      })

      it("do not include a page's data route, which its rule covers", async () => {
        // Next.js hands data routes over as they are with `skipMiddlewareUrlNormalize`.
        vi.stubEnv("__NEXT_NO_MIDDLEWARE_URL_NORMALIZE", "1")
        try {
          const data = request("/_next/data/build-1/members/x.json")
          expect(data.nextUrl.pathname).toBe("/_next/data/build-1/members/x.json")
          const response = await open(data)
          expect(location(response)).toBe("http://localhost:3000/login?callbackUrl=%2Fmembers%2Fx")
        } finally {
          vi.unstubAllEnvs()
        }
      })
    })

    it("cannot be dodged by case, a trailing slash or percent-encoding", async () => {
      for (const path of ["/Members/x", "/MEMBERS", "/members/", "/%6Dembers/x", "/members%2Fx"]) {
        expect((await middleware(request(path))).status, path).toBe(307)
      }
    })

    it("keeps the app's basePath in both the redirect and the callbackUrl", async () => {
      const response = await middleware(request("/members/x", undefined, "/docs"))
      expect(location(response)).toBe("http://localhost:3000/docs/login?callbackUrl=%2Fdocs%2Fmembers%2Fx")
    })
  })

  describe("given a session the kit ended (its password changed since)", () => {
    it("treats the still-decodable token as no session", async () => {
      const ended = await cookieFor("grace", { claims: { sessionEnded: true } })
      const response = await middleware(request("/members/x", ended))
      expect(location(response)).toBe("http://localhost:3000/login?callbackUrl=%2Fmembers%2Fx")
    })
  })

  describe("given a signed-in user", () => {
    it("lets them through and passes the path on for auth()", async () => {
      const response = await middleware(request("/members/x?y=1", await cookieFor("grace")))
      expect(passes(response)).toBe(true)
      expect(response.headers.get("x-middleware-request-x-next-auth-kit-path")).toBe("/members/x?y=1")
    })

    it("overwrites a path header the client sent itself", async () => {
      const req = request("/members/x", await cookieFor("grace"))
      req.headers.set("x-next-auth-kit-path", "//evil.example")
      const response = await middleware(req)
      expect(response.headers.get("x-middleware-request-x-next-auth-kit-path")).toBe("/members/x")
    })

    it("lets an admin into the admin area", async () => {
      expect(passes(await middleware(request("/admin/users", await cookieFor("ada"))))).toBe(true)
    })

    it("gives a user without the role the 404 page, never the login page", async () => {
      const response = await middleware(request("/admin/users", await cookieFor("grace")))
      expect(response.status).toBe(404)
      expect(response.headers.get("x-middleware-rewrite")).toBe("http://localhost:3000/404")
      expect(location(response)).toBeNull()
    })

    it("answers 403 JSON to a user without the role on an API path", async () => {
      const response = await middleware(request("/api/admin/stats", await cookieFor("grace")))
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error: "forbidden" })
    })

    it("redirects to the configured forbidden page", async () => {
      const withPage = authMiddleware({
        rules: [{ path: "/admin/:path*", roles: ["admin"] }],
        loginPath: "/login",
        forbidden: { redirect: "/403" },
        secret: SECRET,
      })
      const response = await withPage(request("/admin", await cookieFor("grace")))
      expect(location(response)).toBe("http://localhost:3000/403")
    })

    it("requires every rule that matches to pass", async () => {
      const layered = authMiddleware({
        rules: [{ path: "/:path*" }, { path: "/admin/:path*", roles: ["admin"] }],
        loginPath: "/login",
        secret: SECRET,
      })
      expect((await layered(request("/admin", await cookieFor("grace")))).status).toBe(404)
      expect(passes(await layered(request("/elsewhere", await cookieFor("grace"))))).toBe(true)
    })
  })

  describe("given the app's one configuration", () => {
    const authConfig = {
      loginPath: "/login",
      basePath: "/docs",
      forbidden: { redirect: "/403" },
    } satisfies AuthKitConfig
    const kit = createAuthKit(makeAuthOptions(), authConfig)
    const configured = authMiddleware({
      ...authConfig,
      rules: [{ path: "/members/:path*" }, { path: "/admin/:path*", roles: ["admin"] }],
      secret: SECRET,
    })
    const viaServer = async (path: string, policy: { roles?: string[] }, cookie?: string) => {
      const result = await kit.requireSession(policy)(pageContext(path, cookie))
      return "redirect" in result ? result.redirect.destination : null
    }

    it("sends a signed-out visitor to the same login URL as requireSession", async () => {
      const response = await configured(request("/members/x?y=1", undefined, "/docs"))
      expect(location(response)).toBe(`http://localhost:3000/docs${await viaServer("/members/x?y=1", {})}`)
      expect(location(response)).toBe("http://localhost:3000/docs/login?callbackUrl=%2Fdocs%2Fmembers%2Fx%3Fy%3D1")
    })

    it("sends a user without the roles to the same forbidden page as requireSession", async () => {
      const cookie = await cookieFor("grace")
      const response = await configured(request("/admin", cookie, "/docs"))
      expect(location(response)).toBe(`http://localhost:3000/docs${await viaServer("/admin", { roles: ["admin"] }, cookie)}`)
      expect(location(response)).toBe("http://localhost:3000/docs/403")
    })

    it("takes the basePath from the configuration", async () => {
      const response = await configured(request("/members/x"))
      expect(location(response)).toBe("http://localhost:3000/docs/login?callbackUrl=%2Fdocs%2Fmembers%2Fx")
    })

    it("reads roles from the configured roleClaim", async () => {
      const byClaim = authMiddleware({ roleClaim: "groups", rules: [{ path: "/admin/:path*", roles: ["admin"] }], secret: SECRET })
      expect(passes(await byClaim(request("/admin", await cookieFor("grace", { claims: { groups: ["admin"] } }))))).toBe(true)
      expect((await byClaim(request("/admin", await cookieFor("ada")))).status).toBe(404)
    })

    it("reads roles with getRoles when given", async () => {
      const byId = authMiddleware({
        getRoles: (token) => (token.sub === "2" ? ["admin"] : []),
        rules: [{ path: "/admin/:path*", roles: ["admin"] }],
        secret: SECRET,
      })
      expect(passes(await byId(request("/admin", await cookieFor("grace"))))).toBe(true)
      expect((await byId(request("/admin", await cookieFor("ada")))).status).toBe(404)
    })
  })

  it("refuses a loginPath on another origin when it is set up", () => {
    expect(() => authMiddleware({ rules: [], loginPath: "https://evil.example/login" })).toThrow(/loginPath/)
  })
})
