import { describe, expect, it, vi } from "vitest"
import { createAuthKit } from "../../src/server"
import { badCookies, cookieFor, DUE_FOR_RENEWAL, makeAuthOptions } from "./harness"

const onError = vi.fn()
const { withRouteAuth } = createAuthKit(makeAuthOptions(), { onError })
const bad = await badCookies()

const me = withRouteAuth(async (_request, _context, session) => Response.json({ user: session.user }))
const stats = withRouteAuth({ roles: ["admin"], methods: ["GET"] }, async () => Response.json({ users: 2 }))
const broken = withRouteAuth(async () => {
  throw new Error("secret stack detail")
})

const request = (cookie?: string, method = "GET") =>
  new Request("http://localhost:3000/app/api/me", { method, headers: cookie ? { cookie } : {} })

describe("withRouteAuth", () => {
  it("answers 401 JSON without a session", async () => {
    const response = await me(request(), {})
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: "unauthenticated", message: expect.any(String) })
  })

  it.each(bad)("answers 401 to a cookie %s", async (_, cookie) => {
    expect((await me(request(cookie), {})).status).toBe(401)
  })

  it("runs the handler with the session and passes its response on", async () => {
    const response = await me(request(await cookieFor("grace")), { params: Promise.resolve({}) })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ user: { email: "grace@example.com", roles: ["user"] } })
  })

  it("copies a renewed session cookie onto the handler's response", async () => {
    const response = await me(request(await cookieFor("grace", { issuedSecondsAgo: DUE_FOR_RENEWAL })), {})
    expect(response.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))).toBe(true)
  })

  it("answers 405 with Allow for a method it does not serve", async () => {
    const response = await stats(request(await cookieFor("ada"), "POST"), {})
    expect(response.status).toBe(405)
    expect(response.headers.get("allow")).toBe("GET, HEAD")
    expect(await response.json()).toMatchObject({ error: "method_not_allowed" })
  })

  it("answers 403 to a user without the role and 200 to one with it", async () => {
    expect((await stats(request(await cookieFor("grace")), {})).status).toBe(403)
    const ok = await stats(request(await cookieFor("ada")), {})
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ users: 2 })
  })

  it("answers 500 without the message or a stack when the handler throws", async () => {
    const response = await broken(request(await cookieFor("ada")), {})
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({ error: "internal_error", message: expect.any(String) })
    expect(text).not.toContain("secret stack detail")
    expect(onError).toHaveBeenCalledWith(expect.any(Error), { route: "/app/api/me" })
  })
})

describe("withRouteAuth, fail-closed edges", () => {
  it("answers HEAD wherever GET is allowed", async () => {
    const response = await stats(request(await cookieFor("ada"), "HEAD"), {})
    expect(response.status).toBe(200)
  })

  it("answers errors with Cache-Control: no-store", async () => {
    expect((await me(request(), {})).headers.get("cache-control")).toBe("no-store")
  })

  it("still answers the JSON 500 when the role reader throws", async () => {
    const failing = vi.fn()
    const kit = createAuthKit(makeAuthOptions(), {
      onError: failing,
      getRoles: () => {
        throw new Error("roles table is gone")
      },
    })
    const route = kit.withRouteAuth({ roles: ["admin"] }, async () => Response.json({ ok: true }))
    const response = await route(request(await cookieFor("ada")), {})
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: "internal_error", message: expect.any(String) })
    expect(failing).toHaveBeenCalledWith(expect.objectContaining({ message: "roles table is gone" }), expect.anything())
  })

  it("still answers the JSON 500 when onError throws", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    const kit = createAuthKit(makeAuthOptions(), {
      onError: () => {
        throw new Error("the error reporter is down")
      },
    })
    const route = kit.withRouteAuth(async () => {
      throw new Error("handler failed")
    })
    const response = await route(request(await cookieFor("ada")), {})
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ error: "internal_error" })
    error.mockRestore()
  })
})
