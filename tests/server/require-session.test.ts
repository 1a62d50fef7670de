import fc from "fast-check"
import type { GetServerSidePropsResult } from "next"
import { describe, expect, it, vi } from "vitest"
import { createAuthKit } from "../../src/server"
import { badCookies, cookieFor, makeAuthOptions, pageContext } from "./harness"

const { requireSession } = createAuthKit(makeAuthOptions())
const bad = await badCookies()

type Result = GetServerSidePropsResult<Record<string, unknown>>
const props = (result: Result) => (result as { props: Record<string, unknown> }).props

describe("requireSession", () => {
  describe("given a signed-out visitor", () => {
    it("redirects to the login page with the page as callbackUrl", async () => {
      const result = await requireSession()(pageContext("/dashboard?tab=1"))
      expect(result).toEqual({
        redirect: { destination: "/login?callbackUrl=%2Fdashboard%3Ftab%3D1", permanent: false },
      })
    })

    it("does not run the page's own function", async () => {
      const inner = vi.fn(async () => ({ props: {} }))
      await requireSession(inner)(pageContext("/dashboard"))
      expect(inner).not.toHaveBeenCalled()
    })

    it("uses next-auth's sign-in page when authOptions has no custom one", async () => {
      const kit = createAuthKit(makeAuthOptions({ pages: {} }))
      const result = await kit.requireSession()(pageContext("/x"))
      expect(result).toEqual({
        redirect: { destination: "/api/auth/signin?callbackUrl=%2Fx", permanent: false },
      })
    })

    it("puts the app's basePath into the callbackUrl", async () => {
      const kit = createAuthKit(makeAuthOptions(), { basePath: "/docs" })
      const result = await kit.requireSession()(pageContext("/dashboard"))
      expect(result).toEqual({
        redirect: { destination: "/login?callbackUrl=%2Fdocs%2Fdashboard", permanent: false },
      })
    })

    it("never puts a hostile path into the callbackUrl", async () => {
      const result = await requireSession()(pageContext("//evil.example/x"))
      expect(result).toEqual({ redirect: { destination: "/login?callbackUrl=%2F", permanent: false } })
    })

    it("renders the login page itself signed out instead of redirecting it to itself", async () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
      const result = await requireSession()(pageContext("/login?callbackUrl=%2Fx"))
      expect(result).toEqual({ props: { session: null } })
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("[next-auth-kit]"))
      warn.mockRestore()
    })

    it.each(bad)("treats a cookie %s as signed out", async (_, cookie) => {
      const result = await requireSession()(pageContext("/dashboard", cookie))
      expect(result).toEqual({
        redirect: { destination: "/login?callbackUrl=%2Fdashboard", permanent: false },
      })
    })

    it("treats any cookie string as signed out, never throwing", async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 300 }), async (value) => {
          const result = await requireSession()(pageContext("/p", `next-auth.session-token=${value}`))
          expect(result).toEqual({
            redirect: { destination: "/login?callbackUrl=%2Fp", permanent: false },
          })
        }),
        { numRuns: 200 },
      )
    })
  })

  describe("given a signed-in user", () => {
    it("returns the session as a prop when there is no inner function", async () => {
      const result = await requireSession()(pageContext("/dashboard", await cookieFor("grace")))
      expect(props(result)).toEqual({
        session: {
          user: {
            name: "Grace Hopper",
            email: "grace@example.com",
            image: null,
            roles: ["user"],
          },
          expires: expect.any(String),
        },
      })
    })

    it("runs the inner function with ctx.session and adds the session to its props", async () => {
      const result = await requireSession(async (ctx) => ({
        props: { greeting: `Hello ${ctx.session.user?.name}` },
      }))(pageContext("/dashboard", await cookieFor("ada")))
      expect(props(result).greeting).toBe("Hello Ada Lovelace")
      expect(props(result).session).toMatchObject({ user: { email: "ada@example.com" } })
    })

    it("awaits props given as a promise", async () => {
      const result = await requireSession(() => ({ props: Promise.resolve({ n: 1 }) }))(
        pageContext("/dashboard", await cookieFor("ada")),
      )
      expect(props(result)).toMatchObject({ n: 1, session: expect.any(Object) })
    })

    it("passes the inner function's redirect and notFound through unchanged", async () => {
      const cookie = await cookieFor("ada")
      const redirect = { redirect: { destination: "/elsewhere", permanent: true } }
      expect(await requireSession(() => redirect)(pageContext("/a", cookie))).toBe(redirect)
      const notFound = { notFound: true } as const
      expect(await requireSession(() => notFound)(pageContext("/a", cookie))).toBe(notFound)
    })

    it("keeps the other fields of the inner result, such as revalidate", async () => {
      const result = await requireSession(() => ({ props: {}, extra: 1 }) as never)(
        pageContext("/a", await cookieFor("ada")),
      )
      expect(result).toMatchObject({ extra: 1 })
    })

    it("gives a session prop that is plain JSON even when callbacks add undefined or Dates", async () => {
      const kit = createAuthKit(
        makeAuthOptions({
          callbacks: {
            session: ({ session }) =>
              ({
                ...session,
                user: { ...session.user, nickname: undefined, since: new Date(0) },
                flags: [undefined, 1],
                nested: { deep: { gone: undefined } },
              }) as never,
          },
        }),
      )
      const result = await kit.requireSession()(pageContext("/a", await cookieFor("ada")))
      const session = props(result).session
      expect(JSON.parse(JSON.stringify(session))).toEqual(session)
      expect(session).toMatchObject({
        user: { since: "1970-01-01T00:00:00.000Z" },
        flags: [null, 1],
        nested: { deep: {} },
      })
      expect(session).not.toHaveProperty("user.nickname")
    })
  })

  describe("given a policy", () => {
    it("lets in a user who holds the role", async () => {
      const result = await requireSession({ roles: ["admin"] })(pageContext("/admin", await cookieFor("ada")))
      expect(props(result).session).toBeDefined()
    })

    it("answers notFound to a signed-in user without the role, never the login page", async () => {
      const inner = vi.fn(() => ({ props: {} }))
      const result = await requireSession({ roles: ["admin"] }, inner)(
        pageContext("/admin", await cookieFor("grace")),
      )
      expect(result).toEqual({ notFound: true })
      expect(inner).not.toHaveBeenCalled()
    })

    it("redirects to the configured forbidden page instead, non-permanently", async () => {
      const kit = createAuthKit(makeAuthOptions(), { forbidden: { redirect: "/403" } })
      const result = await kit.requireSession({ roles: ["admin"] })(
        pageContext("/admin", await cookieFor("grace")),
      )
      expect(result).toEqual({ redirect: { destination: "/403", permanent: false } })
    })

    it("still sends a signed-out visitor to the login page", async () => {
      const result = await requireSession({ roles: ["admin"] })(pageContext("/admin"))
      expect(result).toMatchObject({ redirect: { destination: "/login?callbackUrl=%2Fadmin" } })
    })

    it("requires every role with match all", async () => {
      const policy = { roles: ["admin", "user"], match: "all" } as const
      expect(await requireSession(policy)(pageContext("/a", await cookieFor("ada")))).toHaveProperty("props")
      expect(await requireSession(policy)(pageContext("/a", await cookieFor("grace")))).toEqual({ notFound: true })
    })

    it("awaits an async allow, and denies when it throws", async () => {
      const cookie = await cookieFor("ada")
      const allowed = requireSession({ allow: async (s) => s.user?.email === "ada@example.com" })
      expect(await allowed(pageContext("/a", cookie))).toHaveProperty("props")
      const error = vi.spyOn(console, "error").mockImplementation(() => {})
      const throwing = requireSession({
        allow: async () => {
          throw new Error("lookup failed")
        },
      })
      expect(await throwing(pageContext("/a", cookie))).toEqual({ notFound: true })
      error.mockRestore()
    })
  })
})

describe("createAuthKit options", () => {
  it.each([
    ["a loginPath on another origin", { loginPath: "https://evil.example/login" }],
    ["a protocol-relative loginPath", { loginPath: "//evil.example" }],
    ["a forbidden redirect to another origin", { forbidden: { redirect: "//evil.example" } }],
    ["a forbidden redirect to the login page (a loop)", { forbidden: { redirect: "/login" } }],
  ])("refuses %s with an invalid_config error", (_, options) => {
    expect(() => createAuthKit(makeAuthOptions(), options)).toThrow(
      expect.objectContaining({ code: "invalid_config", message: expect.stringContaining("[next-auth-kit]") }),
    )
  })
})

describe("getSession(ctx)", () => {
  const { getSession } = createAuthKit(makeAuthOptions())

  it("reads the session from a getServerSideProps context", async () => {
    expect(await getSession(pageContext("/x", await cookieFor("ada")))).toMatchObject({
      user: { email: "ada@example.com", roles: ["admin", "user"] },
    })
  })

  it("answers null for no cookie and for a bad one, never throwing", async () => {
    expect(await getSession(pageContext("/x"))).toBeNull()
    for (const [, cookie] of bad) expect(await getSession(pageContext("/x", cookie))).toBeNull()
  })
})

describe("given a misconfiguration", () => {
  it("throws invalid_config on first use without a secret in production, instead of signing everyone out", async () => {
    const adaCookie = await cookieFor("ada")
    vi.stubEnv("NODE_ENV", "production")
    vi.stubEnv("NEXTAUTH_SECRET", "")
    vi.stubEnv("AUTH_SECRET", "")
    try {
      const kit = createAuthKit(makeAuthOptions({ secret: undefined }))
      await expect(kit.requireSession()(pageContext("/dashboard", adaCookie))).rejects.toMatchObject({
        name: "AuthKitError",
        code: "invalid_config",
        message: expect.stringMatching(/NEXTAUTH_SECRET/),
      })
      await expect(kit.getSession(pageContext("/dashboard"))).rejects.toMatchObject({ code: "invalid_config" })
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it("throws invalid_config at creation for a login path off the origin", () => {
    expect(() => createAuthKit(makeAuthOptions(), { loginPath: "https://evil.example/login" })).toThrow(
      expect.objectContaining({ code: "invalid_config" }),
    )
    expect(() => createAuthKit(makeAuthOptions({ pages: { signIn: "//evil.example" } }))).toThrow(
      expect.objectContaining({ code: "invalid_config" }),
    )
  })
})
