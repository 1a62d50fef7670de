import fc from "fast-check"
import type { NextApiHandler } from "next"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { createAuthKit, type WithAuthOptions } from "../../src/server"
import { badCookies, cookieFor, DUE_FOR_RENEWAL, makeAuthOptions, serveApi } from "./harness"

const onError = vi.fn()
const { withAuth, getSession } = createAuthKit(makeAuthOptions(), { onError })
const bad = await badCookies()

const routes: Record<string, NextApiHandler> = {
  "/me": withAuth(async (req, res, session) => res.json({ user: session.user })),
  "/admin": withAuth({ roles: ["admin"], methods: ["GET", "post"] }, async (req, res) =>
    res.json({ ok: true, method: req.method }),
  ),
  "/throws": withAuth(async () => {
    throw new Error("database password is hunter2")
  }),
  "/throws-late": withAuth(async (req, res) => {
    res.status(200)
    res.setHeader("Content-Type", "text/plain")
    res.write("partial")
    throw new Error("failed half-way")
  }),
  "/session": async (req, res) => res.json({ session: await getSession(req, res) }),
  "/read-only": withAuth({ methods: ["GET"] }, async (req, res) => {
    res.setHeader("X-Method", req.method ?? "")
    res.json({ ok: true })
  }),
  "/roles-throw": createAuthKit(makeAuthOptions(), {
    onError,
    getRoles: () => {
      throw new Error("roles table is gone")
    },
  }).withAuth({ roles: ["admin"] }, async (req, res) => res.json({ ok: true })),
  "/on-error-throws": createAuthKit(makeAuthOptions(), {
    onError: () => {
      throw new Error("the error reporter is down")
    },
  }).withAuth(async () => {
    throw new Error("handler failed")
  }),
}

let server: Awaited<ReturnType<typeof serveApi>>
beforeAll(async () => {
  server = await serveApi((req, res) => routes[new URL(req.url!, "http://x").pathname]!(req, res))
})
afterAll(() => server.close())

async function call(path: string, init: { cookie?: string; method?: string } = {}) {
  const response = await fetch(server.url + path, {
    method: init.method ?? "GET",
    headers: init.cookie ? { cookie: init.cookie } : {},
  })
  const text = await response.text()
  const json = response.headers.get("content-type")?.includes("application/json")
  return { status: response.status, headers: response.headers, text, body: json && text ? JSON.parse(text) : null }
}

describe("withAuth", () => {
  describe("given no valid session", () => {
    it("answers 401 with { error: unauthenticated } and does not run the handler", async () => {
      const { status, body, headers } = await call("/me")
      expect(status).toBe(401)
      expect(body).toEqual({ error: "unauthenticated", message: expect.any(String) })
      expect(headers.get("content-type")).toMatch(/application\/json/)
    })

    it.each(bad)("answers 401 to a cookie %s, never 500", async (_, cookie) => {
      const { status, body } = await call("/me", { cookie })
      expect(status).toBe(401)
      expect(body.error).toBe("unauthenticated")
    })

    it("answers 401 to any cookie string", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: "binary-ascii", maxLength: 200 }).filter((s) => !/[\0-\x1f\x7f;]/.test(s)),
          async (value) => {
            const { status } = await call("/me", { cookie: `next-auth.session-token=${value}` })
            expect(status).toBe(401)
          },
        ),
        { numRuns: 100 },
      )
    })
  })

  describe("given a signed-in user", () => {
    it("runs the handler with the session", async () => {
      const { status, body } = await call("/me", { cookie: await cookieFor("grace") })
      expect(status).toBe(200)
      expect(body.user).toMatchObject({ email: "grace@example.com", roles: ["user"] })
    })

    it("renews a session cookie older than updateAge, sliding its expiry", async () => {
      const { headers } = await call("/me", { cookie: await cookieFor("grace", { issuedSecondsAgo: DUE_FOR_RENEWAL }) })
      const renewed = headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))
      expect(renewed).toMatch(/HttpOnly/)
      expect(renewed).toMatch(/SameSite=Lax/)
      const expires = new Date(/Expires=([^;]+)/.exec(renewed!)![1]!).getTime()
      expect(expires).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000)
    })

    it("does not re-issue a fresh cookie on every read (unlike getServerSession)", async () => {
      const { headers } = await call("/me", { cookie: await cookieFor("grace") })
      expect(headers.getSetCookie()).toEqual([])
    })
  })

  describe("given a policy and methods", () => {
    it("answers 405 with an Allow header for another method, before checking the session", async () => {
      const { status, body, headers } = await call("/admin", { method: "DELETE" })
      expect(status).toBe(405)
      expect(headers.get("allow")).toBe("GET, POST, HEAD")
      expect(body).toEqual({ error: "method_not_allowed", message: expect.any(String) })
    })

    it("answers 401 to a signed-out visitor with an allowed method", async () => {
      expect((await call("/admin", { method: "POST" })).status).toBe(401)
    })

    it("answers 403 with { error: forbidden } to a user without the role", async () => {
      const { status, body } = await call("/admin", { cookie: await cookieFor("grace") })
      expect(status).toBe(403)
      expect(body).toEqual({ error: "forbidden", message: expect.any(String) })
    })

    it("runs the handler for a user with the role, whatever the method's case", async () => {
      const { status, body } = await call("/admin", { method: "post", cookie: await cookieFor("ada") })
      expect(status).toBe(200)
      expect(body).toEqual({ ok: true, method: "POST" })
    })
  })

  describe("given a handler that throws", () => {
    it("answers 500 { error: internal_error } without the message or a stack", async () => {
      onError.mockClear()
      const { status, body, text } = await call("/throws", { cookie: await cookieFor("ada") })
      expect(status).toBe(500)
      expect(body).toEqual({ error: "internal_error", message: expect.any(String) })
      expect(text).not.toContain("hunter2")
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/)
    })

    it("hands the error to onError (console.error by default)", async () => {
      onError.mockClear()
      await call("/throws", { cookie: await cookieFor("ada") })
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "database password is hunter2" }), {
        route: "/throws",
      })
    })

    it("ends the response it had started instead of answering 500 over it", async () => {
      const { status, text } = await call("/throws-late", { cookie: await cookieFor("ada") })
      expect(status).toBe(200)
      expect(text).toBe("partial")
    })
  })

  describe("at the edges", () => {
    it("answers HEAD wherever GET is allowed, and lists it in Allow", async () => {
      const head = await call("/read-only", { method: "HEAD", cookie: await cookieFor("grace") })
      expect(head.status).toBe(200)
      expect(head.headers.get("x-method")).toBe("HEAD")
      const post = await call("/read-only", { method: "POST" })
      expect(post.status).toBe(405)
      expect(post.headers.get("allow")).toBe("GET, HEAD")
    })

    it("treats OPTIONS as any other method: 405 when methods leave it out", async () => {
      const { status, headers } = await call("/read-only", { method: "OPTIONS" })
      expect(status).toBe(405)
      expect(headers.get("allow")).toBe("GET, HEAD")
    })

    it("answers errors with Cache-Control: no-store", async () => {
      expect((await call("/me")).headers.get("cache-control")).toBe("no-store")
    })

    it("still answers the JSON 500 when the role reader throws", async () => {
      onError.mockClear()
      const { status, body, text } = await call("/roles-throw", { cookie: await cookieFor("ada") })
      expect(status).toBe(500)
      expect(body).toEqual({ error: "internal_error", message: expect.any(String) })
      expect(text).not.toContain("roles table")
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "roles table is gone" }), expect.anything())
    })

    it("still answers the JSON 500 when onError itself throws", async () => {
      const error = vi.spyOn(console, "error").mockImplementation(() => {})
      const { status, body } = await call("/on-error-throws", { cookie: await cookieFor("ada") })
      expect(status).toBe(500)
      expect(body).toEqual({ error: "internal_error", message: expect.any(String) })
      error.mockRestore()
    })
  })

  it("types the handler's session as non-null", () => {
    const handler = withAuth(async (_req, _res, session) => {
      const name: string | null | undefined = session.user?.name
      return name
    })
    expect(typeof handler).toBe("function")
    const options: WithAuthOptions = { roles: ["admin"], methods: ["GET"] }
    expect(options.methods).toEqual(["GET"])
  })
})

describe("getSession", () => {
  it("returns the session for (req, res)", async () => {
    const { body } = await call("/session", { cookie: await cookieFor("ada") })
    expect(body.session.user).toMatchObject({ name: "Ada Lovelace", roles: ["admin", "user"] })
  })

  it("returns null without a cookie and for a bad cookie, never throwing", async () => {
    expect((await call("/session")).body).toEqual({ session: null })
    for (const [, cookie] of bad) {
      expect((await call("/session", { cookie })).body).toEqual({ session: null })
    }
  })
})
