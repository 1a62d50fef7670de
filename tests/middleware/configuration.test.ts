/**
 * Loud configuration, quiet requests: a bad option is an `invalid_config` error when the
 * middleware is created, a missing secret one on the first request that needs the token —
 * never "signed out" on every request.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { authMiddleware, type AuthMiddlewareOptions } from "../../src/middleware"
import { cookieFor, SECRET } from "../server/harness"
import { clearAuthEnv, passes, request } from "./helpers"

beforeEach(clearAuthEnv)
afterEach(() => vi.unstubAllEnvs())

const invalidConfig = expect.objectContaining({ name: "AuthKitError", code: "invalid_config" })
const rules = [{ path: "/members/:path*" }]

describe("given no JWT secret", () => {
  const middleware = authMiddleware({ rules, loginPath: "/login" })

  it("throws invalid_config on a request that needs the token, saying how to fix it", async () => {
    await expect(middleware(request("/members/x"))).rejects.toThrow(invalidConfig)
    await expect(middleware(request("/members/x", { cookie: await cookieFor("grace") }))).rejects.toThrow(
      /NEXTAUTH_SECRET/,
    )
  })

  it("lets paths that no rule covers through", async () => {
    expect(passes(await middleware(request("/")))).toBe(true)
  })

  it.each(["NEXTAUTH_SECRET", "AUTH_SECRET"])("reads the secret from %s", async (name) => {
    vi.stubEnv(name, SECRET)
    expect(passes(await middleware(request("/members/x", { cookie: await cookieFor("grace") })))).toBe(true)
  })
})

describe("given the secret from several places", () => {
  it("takes `secret`, then NEXTAUTH_SECRET, then AUTH_SECRET, with `??` as next-auth does", async () => {
    const cookie = await cookieFor("grace")
    const signedIn = async (options: { secret?: string }) =>
      passes(await authMiddleware({ rules, loginPath: "/login", ...options })(request("/members/x", { cookie })))
    vi.stubEnv("NEXTAUTH_SECRET", "not-the-apps-secret")
    vi.stubEnv("AUTH_SECRET", SECRET)
    expect(await signedIn({ secret: SECRET })).toBe(true)
    expect(await signedIn({})).toBe(false) // NEXTAUTH_SECRET first
    vi.stubEnv("NEXTAUTH_SECRET", undefined)
    expect(await signedIn({})).toBe(true)
  })

  it("throws invalid_config for an empty NEXTAUTH_SECRET, which next-auth keeps and then refuses", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "")
    vi.stubEnv("AUTH_SECRET", SECRET)
    await expect(authMiddleware({ rules, loginPath: "/login" })(request("/members/x"))).rejects.toThrow(invalidConfig)
  })
})

describe("given a bad option", () => {
  it.each<[string, Partial<AuthMiddlewareOptions>]>([
    ["a loginPath on another origin", { loginPath: "https://evil.example/login" }],
    ["a protocol-relative loginPath", { loginPath: "//evil.example/login" }],
    ["a forbidden redirect on another origin", { forbidden: { redirect: "https://evil.example/403" } }],
    ["a forbidden redirect to the login page", { loginPath: "/login", forbidden: { redirect: "/login?x=1" } }],
    ["an unknown forbidden behaviour", { forbidden: "nope" as never }],
    ["a basePath with a query", { basePath: "/docs?x" }],
    ["a basePath without its leading slash", { basePath: "docs" }],
    ["an authPath on another origin", { authPath: "https://evil.example/api/auth" }],
    ["an unknown session strategy", { strategy: "cookie" as never }],
    ["rules that are not a list", { rules: { path: "/x" } as never }],
    ["a rule that is not an object", { rules: [null as never] }],
    ["a rule with allow, which needs a session", { rules: [{ path: "/x", allow: () => true } as never] }],
    ["a rule whose roles are not a list", { rules: [{ path: "/x", roles: "admin" as never }] }],
    ["a rule with an unknown match", { rules: [{ path: "/x", roles: ["admin"], match: "All" as never }] }],
  ])("throws invalid_config for %s when it is created", (_, options) => {
    expect(() => authMiddleware({ rules, secret: SECRET, ...options })).toThrow(invalidConfig)
  })
})
