/**
 * The App Router read path: `getSession()` with no arguments and `auth()`, inside Next.js's own
 * request scope (the real `cookies()` and `headers()`), side by side with next-auth's
 * `getServerSession(authOptions)` in the same scope: the same session, the same callback,
 * event and logger calls, and no cookie written.
 */
// First: Next's server environment (AsyncLocalStorage) before any of Next's modules load.
import { inApp, inAppRequest, inPrerender } from "./app-request"
import type { NextAuthOptions, Session } from "next-auth"
import type { JWT } from "next-auth/jwt"
import { getServerSession } from "next-auth/next"
import { getAccessFallbackHTTPStatus, isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback"
import { getURLFromRedirectError } from "next/dist/client/components/redirect"
import { isRedirectError } from "next/dist/client/components/redirect-error"
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from "vitest"
import { createAuthKit, PATH_HEADER, withRoleClaims } from "../../src/server"
import { readSession } from "../../src/server/session"
import { sessionCookie } from "../../src/testing"
import { eq } from "drizzle-orm"
import { drizzleDatabase, sessions } from "../fixtures/drizzle-database"
import { baseAuthOptions, badCookies, cookieFor, DUE_FOR_RENEWAL, makeAuthOptions, OTHER_SECRET, SECRET } from "./harness"

// The kit's own fast reader, wrapped in a spy that passes every call through: it tells whether
// a read was answered by the reader or handed over to getServerSession.
const { readers } = vi.hoisted(() => ({ readers: [] as Array<{ mock: { results: Array<{ value: unknown }> } }> }))
vi.mock("../../src/server/fast-session", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/server/fast-session")>()
  return {
    ...actual,
    createFastSessionReader: (...args: Parameters<typeof actual.createFastSessionReader>) => {
      const reader = actual.createFastSessionReader(...args)
      if (!reader) return reader
      const spy = vi.fn(reader)
      readers.push(spy)
      return spy
    },
  }
})

const SESSION = "next-auth.session-token"
const bad = await badCookies()

/** What a promise rejected with; fails when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

/** The URL of the redirect that `redirect()` threw. */
async function redirectedTo(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise)
  if (!isRedirectError(error)) throw error
  return getURLFromRedirectError(error)
}

/** Callback, event and logger spies for one side of a comparison. */
function spies() {
  return {
    jwt: vi.fn(({ token }: { token: JWT }) => token),
    session: vi.fn(({ session, token }: { session: Session; token: JWT }) => ({ ...session, sub: token.sub ?? null })),
    event: vi.fn(),
    error: vi.fn(),
  }
}
type Spies = ReturnType<typeof spies>
/** Spy calls as data, without what differs by design: the random `jti`, the token times, `expires`. */
const callsOf = (spy: { mock: { calls: unknown[][] } }) =>
  JSON.parse(
    JSON.stringify(spy.mock.calls, (key, value: unknown) =>
      ["jti", "iat", "exp", "expires"].includes(key) ? undefined : value instanceof Error ? `Error: ${value.message}` : value,
    ),
  ) as unknown

type OptionsFor = (s: Spies) => NextAuthOptions
const withSpies =
  (extra: (s: Spies) => Partial<NextAuthOptions> = () => ({})): OptionsFor =>
  (s) =>
    withRoleClaims(
      baseAuthOptions({
        callbacks: { jwt: s.jwt as never, session: s.session as never },
        events: { session: s.event },
        logger: { error: s.error, warn: () => {}, debug: () => {} },
        ...extra(s),
      }),
    )

/**
 * One request read twice, in two request scopes with the same cookies: by the kit's
 * `getSession()` and by next-auth's `getServerSession(authOptions)`, each with its own spies.
 */
async function sideBySide(optionsFor: OptionsFor, cookie: string | undefined, headers: Record<string, string> = {}) {
  const [a, b] = [spies(), spies()]
  const kit = createAuthKit(optionsFor(a))
  const viaKit = await inAppRequest({ cookie, headers }, () => kit.getSession())
  const real = await inAppRequest({ cookie, headers }, () => getServerSession(optionsFor(b)))
  for (const spy of ["jwt", "session", "event", "error"] as const) expect(callsOf(a[spy]), spy).toEqual(callsOf(b[spy]))
  expect(viaKit.setCookies).toEqual([])
  expect(real.setCookies).toEqual([])
  return { viaKit: viaKit.value, real: real.value, a, b }
}

/** Whether the last read of the last kit was answered by the fast reader (not handed over). */
async function answeredByFastReader(): Promise<boolean> {
  const results = readers.at(-1)?.mock.results ?? []
  if (results.length === 0) return false
  return (await results.at(-1)!.value) !== undefined
}

describe("getSession() in the App Router", () => {
  const kit = createAuthKit(makeAuthOptions())

  describe("given no session cookie", () => {
    it("answers null, as getServerSession does", async () => {
      expect(await inApp({}, () => kit.getSession())).toBeNull()
      expect(await inApp({ cookie: "other=1" }, () => kit.getSession())).toBeNull()
      expect(await inApp({}, () => getServerSession(makeAuthOptions()))).toBeNull()
    })
  })

  describe.each(bad)("given a cookie %s", (_, cookie) => {
    it("answers null without throwing, as getServerSession does", async () => {
      expect(await inApp({ cookie }, () => kit.getSession())).toBeNull()
      expect(await inApp({ cookie }, () => getServerSession(makeAuthOptions()))).toBeNull()
    })
  })

  describe("given a valid session cookie", () => {
    it("answers the session that getServerSession answers, without `expires` as it", async () => {
      const cookie = await cookieFor("ada")
      const session = await inApp({ cookie }, () => kit.getSession())
      expect(session).toEqual(await inApp({ cookie }, () => getServerSession(makeAuthOptions())))
      expect(session).toMatchObject({ user: { email: "ada@example.com", roles: ["admin", "user"] } })
      expect(session).not.toHaveProperty("expires")
    })

    it("reads it through the kit's fast reader, as the Pages Router helpers do", async () => {
      const fresh = createAuthKit(makeAuthOptions())
      await inApp({ cookie: await cookieFor("grace") }, () => fresh.getSession())
      expect(await answeredByFastReader()).toBe(true)
    })

    it("answers the same with `fastSession: false` (getServerSession for every read)", async () => {
      const slow = createAuthKit(makeAuthOptions(), { fastSession: false })
      const cookie = await cookieFor("grace")
      expect(await inApp({ cookie }, () => slow.getSession())).toEqual(await inApp({ cookie }, () => kit.getSession()))
    })

    it("answers the same session in a Server Action and a route handler", async () => {
      const cookie = await cookieFor("ada")
      const inPage = await inApp({ cookie }, () => kit.getSession())
      expect(await inApp({ cookie, phase: "server-action" }, () => kit.getSession())).toEqual(inPage)
      expect(await inApp({ cookie, phase: "route-handler" }, () => kit.getSession())).toEqual(inPage)
    })
  })

  describe("given a cookie due for renewal (sliding expiry)", () => {
    it("reads it in a Server Component, where cookies cannot be written, without throwing and without writing", async () => {
      const cookie = await cookieFor("ada", { issuedSecondsAgo: DUE_FOR_RENEWAL })
      const { value, setCookies } = await inAppRequest({ cookie }, () => kit.getSession())
      expect(value).toMatchObject({ user: { email: "ada@example.com" } })
      expect(setCookies).toEqual([])
    })

    it.each(["server-action", "route-handler"] as const)("writes no cookie in a %s either, as getServerSession(authOptions) does", async (phase) => {
      const cookie = await cookieFor("ada", { issuedSecondsAgo: DUE_FOR_RENEWAL })
      const viaKit = await inAppRequest({ cookie, phase }, () => kit.getSession())
      const real = await inAppRequest({ cookie, phase }, () => getServerSession(makeAuthOptions()))
      expect(viaKit.value).toEqual(real.value)
      expect(viaKit.setCookies).toEqual([])
      expect(real.setCookies).toEqual([])
    })
  })

  it("reads a session cookie that a Server Action set earlier in the same request, as getServerSession does", async () => {
    const minted = await sessionCookie({ user: { name: "Grace Hopper", email: "grace@example.com" }, roles: ["user"], secret: SECRET })
    const signIn = async <T>(read: () => Promise<T>) => {
      const { cookies } = await import("next/headers")
      ;(await cookies()).set(minted.name, minted.value)
      return read()
    }
    const viaKit = await inAppRequest({ phase: "server-action" }, () => signIn(() => kit.getSession()))
    const real = await inAppRequest({ phase: "server-action" }, () => signIn(() => getServerSession(makeAuthOptions())))
    expect(viaKit.value).toMatchObject({ user: { email: "grace@example.com", roles: ["user"] } })
    expect(viaKit.value).toEqual(real.value)
  })

  describe("given next-auth's cookie rules", () => {
    afterEach(() => vi.unstubAllEnvs())

    it("reads the __Secure- cookie on an https site, and only that one, like getServerSession", async () => {
      vi.stubEnv("NEXTAUTH_URL", "https://app.example.com")
      const secure = await cookieFor("ada", { secure: true })
      const plain = await cookieFor("ada")
      const https = createAuthKit(makeAuthOptions())
      expect(await inApp({ cookie: secure }, () => https.getSession())).toMatchObject({ user: { email: "ada@example.com" } })
      expect(await inApp({ cookie: plain }, () => https.getSession())).toBeNull()
      expect(await inApp({ cookie: plain }, () => getServerSession(makeAuthOptions()))).toBeNull()
    })

    it("reads the last of two session cookies of one name that decodes, as cookies() and getServerSession do", async () => {
      const valid = (await cookieFor("ada")).split("=")[1]!
      const foreign = (await cookieFor("grace", { secret: OTHER_SECRET })).split("=")[1]!
      for (const header of [`${SESSION}=${foreign}; ${SESSION}=${valid}`, `${SESSION}=${valid}; ${SESSION}=${foreign}`]) {
        const viaKit = await inApp({ cookie: header }, () => kit.getSession())
        expect(viaKit, header.slice(0, 40)).toEqual(await inApp({ cookie: header }, () => getServerSession(makeAuthOptions())))
      }
    })
  })
})

describe("getSession() against getServerSession(authOptions), side by side", () => {
  it("agrees on a fresh cookie: session, callbacks and events", async () => {
    const { viaKit, real, a } = await sideBySide(withSpies(), await cookieFor("ada"))
    expect(viaKit).toEqual(real)
    expect(viaKit).toMatchObject({ sub: "1", user: { roles: ["admin", "user"] } })
    expect(a.jwt).toHaveBeenCalledTimes(1)
    expect(a.event).toHaveBeenCalledTimes(1)
    expect(await answeredByFastReader()).toBe(true)
  })

  it("agrees on a cookie due for renewal", async () => {
    const { viaKit, real } = await sideBySide(withSpies(), await cookieFor("grace", { issuedSecondsAgo: DUE_FOR_RENEWAL }))
    expect(viaKit).toEqual(real)
    expect(viaKit).toBeTruthy()
  })

  it("agrees when the jwt callback changes the token", async () => {
    const options = withSpies((s) => {
      s.jwt.mockImplementation(({ token }) => ({ ...token, tier: "gold" }))
      s.session.mockImplementation(({ session, token }) => ({ ...session, sub: token.sub ?? null, tier: token.tier }))
      return {}
    })
    const { viaKit, real } = await sideBySide(options, await cookieFor("ada"))
    expect(viaKit).toEqual(real)
    expect(viaKit).toMatchObject({ tier: "gold" })
  })

  it("agrees on a session cookie in chunks", async () => {
    const big = await sessionCookie({ user: { email: "ada@example.com" }, claims: { blob: "x".repeat(6000) }, secret: SECRET })
    const size = 4096 - 163
    const chunks = Array.from({ length: Math.ceil(big.value.length / size) }, (_, i) => `${SESSION}.${i}=${big.value.slice(i * size, (i + 1) * size)}`)
    expect(chunks.length).toBeGreaterThan(1)
    const { viaKit, real } = await sideBySide(withSpies(), chunks.join("; "))
    expect(viaKit).toEqual(real)
    expect(viaKit).toMatchObject({ user: { email: "ada@example.com" } })
  })

  it.each(["jwt", "session"] as const)("agrees when the %s callback throws: null, JWT_SESSION_ERROR logged, no event", async (which) => {
    const options = withSpies((s) => {
      s[which].mockImplementation(() => {
        throw new Error(`${which} failed`)
      })
      return {}
    })
    const { viaKit, real, a } = await sideBySide(options, await cookieFor("ada"))
    expect([viaKit, real]).toEqual([null, null])
    expect(callsOf(a.error)).toEqual([["JWT_SESSION_ERROR", `Error: ${which} failed`]])
    expect(a.event).not.toHaveBeenCalled()
  })

  it("agrees when events.session throws: the session stands, SESSION_EVENT_ERROR logged", async () => {
    const options = withSpies((s) => {
      s.event.mockImplementation(() => {
        throw new Error("event failed")
      })
      return {}
    })
    const { viaKit, real, a } = await sideBySide(options, await cookieFor("ada"))
    expect(viaKit).toEqual(real)
    expect(viaKit).toBeTruthy()
    expect(callsOf(a.error)).toEqual([["SESSION_EVENT_ERROR", "Error: event failed"]])
  })

  it.each(bad)("agrees on a cookie %s", async (_, cookie) => {
    const { viaKit, real } = await sideBySide(withSpies(), cookie)
    expect([viaKit, real]).toEqual([null, null])
  })

  it("agrees behind a proxy that says https (AUTH_TRUST_HOST, x-forwarded-proto)", async () => {
    vi.stubEnv("NEXTAUTH_URL", undefined)
    vi.stubEnv("AUTH_TRUST_HOST", "true")
    try {
      const headers = { host: "app.example.com", "x-forwarded-proto": "https" }
      const { viaKit, real } = await sideBySide(withSpies(), await cookieFor("ada", { secure: true }), headers)
      expect(viaKit).toEqual(real)
      expect(viaKit).toBeTruthy()
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe("getSession() with the database strategy", () => {
  const database = drizzleDatabase()
  let options: NextAuthOptions
  let adminId = ""
  const inADay = () => new Date(Date.now() + 24 * 60 * 60 * 1000)

  beforeAll(async () => {
    const { adapter } = await database
    options = withRoleClaims({
      secret: SECRET,
      adapter: adapter as NextAuthOptions["adapter"],
      session: { strategy: "database" },
      providers: [],
      pages: { signIn: "/login" },
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
    })
    const admin = await adapter.createUser!({ id: "", name: "Ada Lovelace", email: "ada@example.com", emailVerified: null, roles: ["admin"] } as never)
    adminId = admin.id
  })
  afterAll(async () => (await database).client.close())

  it("answers the session of the row the cookie names, as getServerSession does", async () => {
    const { adapter } = await database
    await adapter.createSession!({ sessionToken: "app-row-1", userId: adminId, expires: inADay() })
    const cookie = `${SESSION}=app-row-1`
    const session = await inApp({ cookie }, () => createAuthKit(options).getSession())
    expect(session).toMatchObject({ user: { email: "ada@example.com", roles: ["admin"] } })
    expect(session).toEqual(await inApp({ cookie }, () => getServerSession(options)))
    expect(session).not.toHaveProperty("expires")
  })

  it("answers null once the row is gone, or for a token without a row", async () => {
    const { adapter, db } = await database
    await adapter.createSession!({ sessionToken: "app-row-2", userId: adminId, expires: inADay() })
    const kit = createAuthKit(options)
    expect(await inApp({ cookie: `${SESSION}=app-row-2` }, () => kit.getSession())).toBeTruthy()
    await db.delete(sessions).where(eq(sessions.sessionToken, "app-row-2"))
    expect(await inApp({ cookie: `${SESSION}=app-row-2` }, () => kit.getSession())).toBeNull()
    expect(await inApp({ cookie: `${SESSION}=no-such-row` }, () => kit.getSession())).toBeNull()
  })
})

describe("getSession() and Next.js's control flow", () => {
  const kit = createAuthKit(makeAuthOptions())

  it("lets the DynamicServerError of a static prerender through, as getServerSession does", async () => {
    const error = await rejection(inPrerender("legacy", () => kit.getSession()))
    expect(error).toMatchObject({ digest: "DYNAMIC_SERVER_USAGE" })
    expect(await rejection(inPrerender("legacy", () => getServerSession(makeAuthOptions())))).toMatchObject({ digest: "DYNAMIC_SERVER_USAGE" })
  })

  it('lets the bailout of `dynamic = "error"` through', async () => {
    const error = await rejection(inPrerender("dynamic-error", () => kit.getSession()))
    expect(error).toMatchObject({ code: "NEXT_STATIC_GEN_BAILOUT" })
  })

  it('answers null under `dynamic = "force-static"`, where Next.js hands out no cookies', async () => {
    expect(await inPrerender("force-static", () => kit.getSession())).toBeNull()
    expect(await inPrerender("force-static", () => getServerSession(makeAuthOptions()))).toBeNull()
  })

  it("throws Next.js's own error outside a request, rather than a silent null", async () => {
    const error = await rejection(kit.getSession())
    expect(String(error)).toMatch(/outside a request scope/)
  })

  it("rethrows a control-flow error that reaches the reader's catch, and reads anything else as signed out", async () => {
    const { redirect, unstable_rethrow } = await import("next/navigation")
    const redirecting = async () => redirect("/elsewhere")
    const failing = async () => {
      throw new Error("a broken adapter")
    }
    const request = { headers: { host: "localhost:3000" }, cookies: {} }
    const res = { getHeader: () => undefined, setHeader: () => undefined }
    const error = await rejection(readSession(makeAuthOptions(), request, res, redirecting, unstable_rethrow))
    expect(isRedirectError(error)).toBe(true)
    const log = vi.spyOn(console, "error").mockImplementation(() => {})
    try {
      expect(await readSession(makeAuthOptions(), request, res, failing, unstable_rethrow)).toBeNull()
      expect(log).toHaveBeenCalledOnce()
    } finally {
      log.mockRestore()
    }
  })
})

describe("auth() in the App Router", () => {
  const kit = createAuthKit(makeAuthOptions())

  describe("given a signed-out visitor", () => {
    it("redirects to the login page with the callbackUrl that authMiddleware forwarded", async () => {
      const url = await redirectedTo(inApp({ headers: { [PATH_HEADER]: "/dashboard?tab=2" } }, () => kit.auth()))
      expect(url).toBe("/login?callbackUrl=%2Fdashboard%3Ftab%3D2")
    })

    it("prefers the callbackUrl given to auth() over the middleware's path", async () => {
      const headers = { [PATH_HEADER]: "/from-middleware" }
      expect(await redirectedTo(inApp({ headers }, () => kit.auth({}, { callbackUrl: "/app/dashboard" })))).toBe(
        "/login?callbackUrl=%2Fapp%2Fdashboard",
      )
      expect(await redirectedTo(inApp({}, () => kit.auth(undefined, { callbackUrl: "/app/dashboard?x=1" })))).toBe(
        "/login?callbackUrl=%2Fapp%2Fdashboard%3Fx%3D1",
      )
    })

    it("redirects without a callbackUrl when neither is there: Next.js does not tell a page its path", async () => {
      // Headers a browser or Next's client router may send, none of which names this page.
      const headers = { referer: "http://localhost:3000/previous", "next-url": "/previous" }
      expect(await redirectedTo(inApp({ headers }, () => kit.auth()))).toBe("/login")
    })

    it.each([
      ["an absolute URL of another origin", "https://evil.example/steal"],
      ["a protocol-relative URL", "//evil.example"],
      ["a backslash trick", "/\\evil.example"],
      ["a javascript: URL", "javascript:alert(1)"],
    ])("sends %s to / whether it comes from the option or the header", async (_, unsafe) => {
      expect(await redirectedTo(inApp({}, () => kit.auth({}, { callbackUrl: unsafe })))).toBe("/login?callbackUrl=%2F")
      expect(await redirectedTo(inApp({ headers: { [PATH_HEADER]: unsafe } }, () => kit.auth()))).toBe("/login?callbackUrl=%2F")
    })

    it.each(bad.slice(0, 4))("redirects a visitor with a cookie %s", async (_, cookie) => {
      const url = await redirectedTo(inApp({ cookie, headers: { [PATH_HEADER]: "/dashboard" } }, () => kit.auth()))
      expect(url).toBe("/login?callbackUrl=%2Fdashboard")
    })

    it("puts the basePath in front of the callbackUrl", async () => {
      const docs = createAuthKit(makeAuthOptions(), { basePath: "/docs" })
      expect(await redirectedTo(inApp({ headers: { [PATH_HEADER]: "/guide" } }, () => docs.auth()))).toBe(
        "/login?callbackUrl=%2Fdocs%2Fguide",
      )
    })

    it("refuses to run on the login page itself, which would redirect to itself", async () => {
      const error = await rejection(inApp({ headers: { [PATH_HEADER]: "/login?next=1" } }, () => kit.auth()))
      expect(String(error)).toMatch(/called on the login page/)
    })
  })

  describe("given a signed-in user", () => {
    it("answers the session that getSession() answers", async () => {
      const cookie = await cookieFor("ada")
      const session = await inApp({ cookie }, () => kit.auth({ roles: ["admin"] }))
      expect(session).toEqual(await inApp({ cookie }, () => kit.getSession()))
      expectTypeOf(session).toEqualTypeOf<Session>()
    })

    it("calls notFound() when the policy fails", async () => {
      const error = await rejection(inApp({ cookie: await cookieFor("grace") }, () => kit.auth({ roles: ["admin"] })))
      expect(isHTTPAccessFallbackError(error) && getAccessFallbackHTTPStatus(error)).toBe(404)
    })

    it("calls notFound() when an async allow throws", async () => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {})
      try {
        const allow = async () => {
          throw new Error("the database is down")
        }
        const error = await rejection(inApp({ cookie: await cookieFor("ada") }, () => kit.auth({ allow })))
        expect(isHTTPAccessFallbackError(error)).toBe(true)
      } finally {
        log.mockRestore()
      }
    })

    it("redirects to the configured forbidden page when the policy fails", async () => {
      const strict = createAuthKit(makeAuthOptions(), { forbidden: { redirect: "/403" } })
      expect(await redirectedTo(inApp({ cookie: await cookieFor("grace") }, () => strict.auth({ roles: ["admin"] })))).toBe("/403")
    })
  })

  it("lets the DynamicServerError of a static prerender through instead of redirecting", async () => {
    expect(await rejection(inPrerender("legacy", () => kit.auth()))).toMatchObject({ digest: "DYNAMIC_SERVER_USAGE" })
  })
})

describe("getSession's types", () => {
  it("take no arguments, a context, or req and res", () => {
    const { getSession } = createAuthKit(makeAuthOptions())
    // Checked by the type checker only: a call outside a request would reject.
    const inServerComponent = () => getSession()
    expectTypeOf(inServerComponent).returns.toEqualTypeOf<Promise<Session | null>>()
    expectTypeOf(getSession).toBeCallableWith()
  })
})
