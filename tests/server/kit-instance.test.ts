/**
 * The one kit instance: `createAuthKit({ authOptions, ...config, accounts })` answers next-auth's
 * options (with the kit's Credentials provider in) and handler, the server helpers and the
 * account endpoints, with nothing to wrap by hand. Served for real: next-auth's handler from the
 * kit, real encrypted cookies.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { createAuthKit, isAuthKitError, memoryAccountStore, type AccountEmail } from "../../src/server"
import { CookieJar, SECRET, serveApi, serveNextAuth } from "./harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD } from "./accounts/helpers"

const authConfig = { loginPath: "/login", accounts: { pages: { signUp: "/signup" } } }

// next-auth warns once per process, where its handler first runs, that NEXTAUTH_URL is not set
// (these tests serve it on a random port); nothing else may be warned.
const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
afterAll(() => {
  for (const call of warn.mock.calls) expect(String(call[0])).toMatch(/\[next-auth\]\[warn\]\[NEXTAUTH_URL\]/)
  warn.mockRestore()
})

function makeKit(accounts: Record<string, unknown> = {}) {
  const outbox: AccountEmail[] = []
  const kit = createAuthKit({
    ...authConfig,
    authOptions: { secret: SECRET, session: { strategy: "jwt" }, providers: [] },
    accounts: {
      ...authConfig.accounts,
      store: memoryAccountStore(),
      sendEmail: async (email) => void outbox.push(email),
      baseUrl: BASE_URL,
      hasher: cheapHasher,
      ...accounts,
    },
  })
  return { kit, outbox }
}

type Kit = ReturnType<typeof makeKit>["kit"]

/** Serves the kit: next-auth at /api/auth, the account endpoints at /api/account. */
async function serve(kit: Kit) {
  const auth = await serveNextAuth(kit.authOptions, "/api/auth", kit.handler)
  const account = await serveApi(async (req, res) => {
    const action = new URL(req.url!, "http://localhost").pathname.replace(/^\/api\/account\//, "")
    req.query = { action: action.split("/") }
    await kit.accounts!.apiHandler(req, res)
  })
  return { auth, account, close: async () => void (await Promise.all([auth.close(), account.close()])) }
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, response }
}

/** Signs in through the kit's handler; answers the session cookie (or null) and next-auth's URL. */
async function signIn(authUrl: string, credentials: Record<string, string>, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${authUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await fetch(`${authUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: new CookieJar().apply(csrf.headers.getSetCookie()).header(), ...headers },
    body: new URLSearchParams({ csrfToken, ...credentials, json: "true" }),
  })
  const { url } = (await response.json()) as { url: string }
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token=")) ?? null
  return { cookie, error: new URL(url).searchParams.get("error") }
}

async function sessionOf(authUrl: string, cookie: string) {
  const response = await fetch(`${authUrl}/api/auth/session`, { headers: { cookie } })
  return (await response.json()) as { user?: { email?: string } }
}

describe("createAuthKit({ authOptions, accounts })", () => {
  const { kit, outbox } = makeKit({ mfa: { issuer: "Acme" } })
  let served: Awaited<ReturnType<typeof serve>>
  beforeAll(async () => {
    served = await serve(kit)
  })
  afterAll(() => served.close())

  it("adds the kit's Credentials provider (id credentials) and leaves the app's authOptions as they were", () => {
    expect(kit.authOptions.providers.map((p) => p.id)).toEqual(["credentials"])
    expect(kit.accounts).toBeDefined()
    expect(typeof kit.requireSession).toBe("function")
  })

  it("signs up, confirms with the button's POST, and signs that browser in with the grant: once", async () => {
    expect((await postJson(`${served.account.url}/api/account/signup`, { email: "ada@example.com", password: GOOD_PASSWORD })).status).toBe(202)
    await kit.accounts!.whenIdle()
    // Before confirming, the right password answers as a wrong one.
    expect(await signIn(served.auth.url, { email: "ada@example.com", password: GOOD_PASSWORD })).toEqual({ cookie: null, error: "CredentialsSignin" })
    const token = new URL(outbox.at(-1)!.url).searchParams.get("token")!
    const confirmed = await postJson(`${served.account.url}/api/account/verify-email`, { token })
    expect(confirmed.status).toBe(200)
    const grant = confirmed.body.grant as string
    expect(grant).toMatch(/^[\w-]{43}$/)
    const first = await signIn(served.auth.url, { grant })
    expect(first.cookie).not.toBeNull()
    expect((await sessionOf(served.auth.url, first.cookie!)).user?.email).toBe("ada@example.com")
    expect(await signIn(served.auth.url, { grant })).toEqual({ cookie: null, error: "CredentialsSignin" })
    expect((await signIn(served.auth.url, { email: "ada@example.com", password: GOOD_PASSWORD })).cookie).not.toBeNull()
  })

  it("turning two-factor on ends every other session; the one that did it stays signed in", async () => {
    const mine = (await signIn(served.auth.url, { email: "ada@example.com", password: GOOD_PASSWORD })).cookie!
    const thief = (await signIn(served.auth.url, { email: "ada@example.com", password: GOOD_PASSWORD })).cookie!
    const setup = await postJson(`${served.account.url}/api/account/mfa/setup`, {}, { cookie: mine })
    expect(setup.status).toBe(200)
    const { TOTP, Secret } = await import("otpauth")
    const code = TOTP.generate({ secret: Secret.fromBase32(setup.body.secret as string) })
    const enabled = await postJson(`${served.account.url}/api/account/mfa/enable`, { code }, { cookie: mine })
    expect(enabled.status).toBe(200)
    const renewed = new CookieJar().apply(enabled.response.headers.getSetCookie()).header()
    expect(renewed).toContain("next-auth.session-token=")
    expect((await sessionOf(served.auth.url, renewed)).user?.email).toBe("ada@example.com")
    expect(await sessionOf(served.auth.url, thief)).toEqual({})
    // The thief's cookie cannot turn it off either.
    expect((await postJson(`${served.account.url}/api/account/mfa/disable`, { password: GOOD_PASSWORD }, { cookie: thief })).status).toBe(401)
  })

  it("serves GET in the App Router too: 405 with Allow: POST for the endpoints that take a POST", async () => {
    const response = await kit.accounts!.routeHandlers.GET(new Request(`${BASE_URL}/api/account/signup`), { params: Promise.resolve({ action: ["signup"] }) })
    expect(response.status).toBe(405)
    expect(response.headers.get("allow")).toBe("POST")
    expect(await response.json()).toMatchObject({ error: "method_not_allowed" })
  })

  it("refuses an app's own Credentials provider with id credentials, with the fix in the message", () => {
    let thrown: unknown
    try {
      createAuthKit({
        authOptions: { secret: SECRET, providers: [{ id: "credentials", type: "credentials", name: "Mine", credentials: {}, authorize: async () => null, options: {} } as never] },
        accounts: { store: memoryAccountStore(), sendEmail: async () => {} },
      })
    } catch (error) {
      thrown = error
    }
    expect(isAuthKitError(thrown, "invalid_config")).toBe(true)
    expect(String(thrown)).toMatch(/credentialsProvider: false/)
  })
})

describe("the client IP of a sign-in (Pages Router, through kit.handler)", () => {
  it("is the socket's address by default: a forged X-Forwarded-For does not escape the per-IP limit", async () => {
    const { kit } = makeKit({ rateLimits: { signIn: { perIp: { limit: 3, windowMs: 60_000 }, perAddress: false } } })
    const served = await serve(kit)
    try {
      const errors = []
      for (let i = 0; i < 5; i++) {
        const answer = await signIn(served.auth.url, { email: `nobody${i}@example.com`, password: "wrong password" }, { "x-forwarded-for": `198.51.100.${i}` })
        errors.push(answer.error)
      }
      expect(errors).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin", "RateLimited", "RateLimited"])
    } finally {
      await served.close()
    }
  })

  it("behind proxies, is the entry `hops` from the right of X-Forwarded-For: the client's own entries are ignored", async () => {
    const { kit } = makeKit({ trustProxy: { hops: 1 }, rateLimits: { signIn: { perIp: { limit: 3, windowMs: 60_000 }, perAddress: false } } })
    const served = await serve(kit)
    try {
      const errors = []
      for (let i = 0; i < 4; i++) {
        // The client sends a forged entry; the proxy appends the address it saw.
        const answer = await signIn(served.auth.url, { email: `nobody${i}@example.com`, password: "wrong password" }, { "x-forwarded-for": `10.9.9.${i}, 203.0.113.5` })
        errors.push(answer.error)
      }
      // Another client behind the same proxy has its own count.
      errors.push((await signIn(served.auth.url, { email: "x@example.com", password: "wrong password" }, { "x-forwarded-for": "203.0.113.6" })).error)
      expect(errors).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin", "RateLimited", "CredentialsSignin"])
    } finally {
      await served.close()
    }
  })

  it("refuses a trustProxy that is neither a boolean nor { hops: 0 to 16 }", () => {
    for (const trustProxy of [{ hops: 17 }, { hops: 1.5 }, { hops: -1 }, "yes", {}]) {
      let thrown: unknown
      try {
        makeKit({ trustProxy })
      } catch (error) {
        thrown = error
      }
      expect(isAuthKitError(thrown, "invalid_config"), JSON.stringify(trustProxy)).toBe(true)
    }
  })
})

describe("input that costs nothing", () => {
  const { kit } = makeKit()
  let served: Awaited<ReturnType<typeof serve>>
  beforeAll(async () => {
    served = await serve(kit)
  })
  afterAll(() => served.close())

  it("answers invalid_email to an address with a NUL, DEL or C1 control character, on every endpoint that takes one", async () => {
    for (const email of ["ada\u0000@example.com", "ada@exam\u007fple.com", "ada\u0085@example.com", "ada@example.com\u0000"]) {
      for (const action of ["signup", "forgot-password", "resend-verification"]) {
        const answer = await postJson(`${served.account.url}/api/account/${action}`, { email, password: GOOD_PASSWORD })
        expect([action, answer.status, answer.body.fields]).toEqual([action, 400, { email: "invalid_email" }])
      }
      expect((await signIn(served.auth.url, { email, password: GOOD_PASSWORD })).error).toBe("CredentialsSignin")
    }
  })

  it("checks a password's length before normalising it: 10 MB of U+FDFA is refused unread", async () => {
    const huge = "\uFDFA".repeat(10 * 1024 * 1024)
    const normalise = vi.spyOn(String.prototype, "normalize")
    try {
      expect(await kit.accounts!.authorize({ email: "ada@example.com", password: huge })).toBeNull()
      const signup = await postJson(`${served.account.url}/api/account/signup`, { email: "big@example.com", password: "\uFDFA".repeat(300_000) })
      // Too long (or too large a body): refused either way.
      expect([400, 413]).toContain(signup.status)
      // Nothing longer than the cap was ever normalised (NFKC of 10 MB of U+FDFA takes seconds).
      const longest = Math.max(0, ...normalise.mock.contexts.map((text) => String(text).length))
      expect(longest).toBeLessThanOrEqual(4096)
    } finally {
      normalise.mockRestore()
    }
  })
})
