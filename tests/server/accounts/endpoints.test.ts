import type { NextApiRequest, NextApiResponse } from "next"
import { afterEach, describe, expect, it, vi } from "vitest"
import { type AccountStore, createAccounts, isAuthKitError, memoryAccountStore } from "../../../src/server"
import { BASE_URL, GOOD_PASSWORD, OTHER_PASSWORD, post, serveApi, setup, tokenFrom, verifiedUser } from "./helpers"

describe("signup", () => {
  it("answers 202 { ok: true }, records a pending sign-up with a hashed password, emails a link; the user exists once confirmed", async () => {
    const { accounts, store, outbox } = setup({ defaultRoles: ["user"] })
    const answer = await post(accounts, "signup", { email: "  Ada@Example.COM ", password: GOOD_PASSWORD, name: "Ada" })
    expect(answer.status).toBe(202)
    expect(answer.body).toEqual({ ok: true })
    expect(answer.headers.get("cache-control")).toBe("no-store")

    await accounts.whenIdle()
    expect(await store.findUserByEmail("ada@example.com")).toBeNull()
    const pending = await store.findPendingSignup!("ada@example.com")
    expect(pending).toMatchObject({ email: "ada@example.com", name: "Ada" })
    expect(pending!.passwordHash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/)
    expect(pending!.passwordHash).not.toContain(GOOD_PASSWORD)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ to: "ada@example.com", kind: "verify-email" })
    expect(outbox[0]!.url).toMatch(new RegExp(`^${BASE_URL}/verify-email\\?token=[A-Za-z0-9_-]{43}$`))
    expect(outbox[0]!.text).toContain(outbox[0]!.url)
    expect(outbox[0]!.html).toContain(`href="${outbox[0]!.url}"`)
    expect(outbox[0]!.text).toContain("24 hours")

    expect((await post(accounts, "verify-email", { token: tokenFrom(outbox, "verify-email") })).status).toBe(200)
    const user = await store.findUserByEmail("ada@example.com")
    expect(user).toMatchObject({ email: "ada@example.com", name: "Ada", roles: ["user"], passwordHash: pending!.passwordHash })
    expect(user!.emailVerified).toBeInstanceOf(Date)
    expect(await store.findPendingSignup!("ada@example.com")).toBeNull()
  })

  it("escapes the user's name in the HTML email and keeps line breaks out of it", async () => {
    const { accounts, outbox } = setup()
    await post(accounts, "signup", { email: "x@example.com", password: GOOD_PASSWORD, name: '<img src=x onerror="alert(1)">\nBcc: evil' })
    await accounts.whenIdle()
    expect(outbox[0]!.html).not.toContain("<img")
    expect(outbox[0]!.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Bcc: evil")
    expect(outbox[0]!.text).toContain('Hello <img src=x onerror="alert(1)"> Bcc: evil,')
  })

  it.each([
    [{}, { email: "required", password: "required" }],
    [{ email: "not-an-address", password: GOOD_PASSWORD }, { email: "invalid_email" }],
    [{ email: "a@b", password: GOOD_PASSWORD }, { email: "invalid_email" }],
    [{ email: `${"a".repeat(250)}@example.com`, password: GOOD_PASSWORD }, { email: "too_long" }],
    [{ email: "ada@example.com", password: "short" }, { password: "too_short" }],
    [{ email: "ada@example.com", password: "x".repeat(129) }, { password: "too_long" }],
    [{ email: "ada@example.com", password: "baseball" }, { password: "too_common" }],
    [{ email: "ada@example.com", password: "PassWord123" }, { password: "too_common" }],
    [{ email: "ada@example.com", password: " password1 " }, { password: "too_common" }],
    [{ email: "ada@example.com", password: "pass word1" }, { password: "too_common" }],
    [{ email: "ada@example.com", password: "pass\u200bword1" }, { password: "too_common" }],
    [{ email: "ada@example.com", password: GOOD_PASSWORD, name: "n".repeat(101) }, { name: "too_long" }],
    [{ email: 42, password: ["x"] }, { email: "required", password: "required" }],
  ])("refuses %j with invalid_input and the fields %j", async (body, fields) => {
    const { accounts, store } = setup()
    const answer = await post(accounts, "signup", body)
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ error: "invalid_input", message: expect.any(String), fields })
    expect(answer.headers.get("cache-control")).toBe("no-store")
    expect(await store.findUserByEmail("ada@example.com")).toBeNull()
  })

  it("counts password length in characters, not UTF-16 units, and takes the length rules from the options", async () => {
    const { accounts } = setup({ password: { minLength: 4, maxLength: 6 } })
    expect((await post(accounts, "signup", { email: "a@example.com", password: "🔑🔑🔑🔑" })).status).toBe(202)
    expect((await post(accounts, "signup", { email: "b@example.com", password: "abc" })).body.fields).toEqual({ password: "too_short" })
    expect((await post(accounts, "signup", { email: "c@example.com", password: "abcdefg" })).body.fields).toEqual({ password: "too_long" })
  })
})

describe("requests that are not a JSON object", () => {
  it.each([
    ["broken JSON", { raw: "{not json" }],
    ["an array", { raw: "[1,2]" }],
    ["null", { raw: "null" }],
    ["a text/plain body (which another site could post without a preflight)", { raw: JSON.stringify({ email: "a@example.com" }), headers: { "content-type": "text/plain" } }],
    ["a form", { raw: "email=a%40example.com", headers: { "content-type": "application/x-www-form-urlencoded" } }],
    ["over 16 KB", { raw: JSON.stringify({ email: "a@example.com", padding: "x".repeat(17 * 1024) }) }],
  ])("answers invalid_input for %s", async (_, options) => {
    const { accounts } = setup()
    const answer = await post(accounts, "forgot-password", undefined, options)
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ error: "invalid_input", message: expect.any(String) })
  })

  it("answers 405 with Allow: POST for another method, and 404 for an unknown action", async () => {
    const { accounts } = setup()
    const get = await post(accounts, "signup", undefined, { method: "GET" })
    expect(get.status).toBe(405)
    expect(get.headers.get("allow")).toBe("POST")
    expect(get.body).toMatchObject({ error: "method_not_allowed" })
    const unknown = await post(accounts, "delete-everything", {})
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ error: "not_found" })
    expect(unknown.headers.get("cache-control")).toBe("no-store")
    expect((await post(accounts, "__proto__", {})).status).toBe(404)
  })
})

describe("verify-email", () => {
  it("verifies the address with the emailed token, once", async () => {
    const setupResult = setup()
    const { accounts, store, outbox } = setupResult
    await post(accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await accounts.whenIdle()
    const token = tokenFrom(outbox, "verify-email")
    const answer = await post(accounts, "verify-email", { token })
    expect(answer).toMatchObject({ status: 200, body: { ok: true } })
    expect((await store.findUserByEmail("ada@example.com"))!.emailVerified).toBeInstanceOf(Date)
    // The pending sign-up is gone once confirmed: the link is unknown from then on.
    expect(await post(accounts, "verify-email", { token })).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "unknown" } })
  })

  it("answers invalid_input without a token, invalid_token for an unknown or malformed one", async () => {
    const { accounts } = setup()
    expect((await post(accounts, "verify-email", {})).body).toMatchObject({ error: "invalid_input", fields: { token: "required" } })
    const unknown = await post(accounts, "verify-email", { token: "A".repeat(43) })
    expect(unknown).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "unknown", message: expect.any(String) } })
    expect((await post(accounts, "verify-email", { token: "../../etc" })).body).toMatchObject({ error: "invalid_token", reason: "unknown" })
  })
})

describe("verify-email for an account whose address nobody has proven", () => {
  it("drops the providers linked before the proof and ends the account's sessions", async () => {
    const s = setup()
    // An account a provider made, vouching for an address it never checked.
    const user = (await s.store.createUser({ email: "victim@example.com", name: "Not the victim", passwordHash: null, emailVerified: null, roles: [] }))!
    await s.store.linkAccount!({ userId: user.id, type: "oauth", provider: "acme", providerAccountId: "acme:5", tokens: {}, linkedAt: new Date() })
    expect(await post(s.accounts, "resend-verification", { email: "victim@example.com" })).toMatchObject({ status: 202 })
    await s.accounts.whenIdle()
    expect((await post(s.accounts, "verify-email", { token: tokenFrom(s.outbox, "verify-email", "victim@example.com") })).status).toBe(200)
    const after = (await s.store.findUserById(user.id))!
    expect(after.emailVerified).toBeInstanceOf(Date)
    expect(after.credentialVersion).toBe(user.credentialVersion + 1)
    expect(await s.store.listAccounts!(user.id)).toEqual([])
  })
})

describe("resend-verification", () => {
  it("sends a new link to an unverified address, and nothing to a verified or unknown one, with the same answer", async () => {
    const s = setup()
    await post(s.accounts, "signup", { email: "new@example.com", password: GOOD_PASSWORD })
    await verifiedUser(s)
    await s.accounts.whenIdle()
    s.outbox.length = 0
    for (const email of ["new@example.com", "ada@example.com", "nobody@example.com"]) {
      expect(await post(s.accounts, "resend-verification", { email })).toMatchObject({ status: 202, body: { ok: true } })
    }
    await s.accounts.whenIdle()
    expect(s.outbox.map((e) => [e.to, e.kind])).toEqual([["new@example.com", "verify-email"]])
    // Both links work: people click whichever email they find first.
    expect((await post(s.accounts, "verify-email", { token: tokenFrom(s.outbox, "verify-email") })).status).toBe(200)
  })

  it("answers invalid_input for a missing or malformed address", async () => {
    const { accounts } = setup()
    expect((await post(accounts, "resend-verification", {})).body).toMatchObject({ fields: { email: "required" } })
    expect((await post(accounts, "resend-verification", { email: "nope" })).body).toMatchObject({ fields: { email: "invalid_email" } })
  })
})

describe("forgot-password and reset-password", () => {
  it("emails a reset link that sets a new password, verifies the address and sends a notice", async () => {
    const s = setup()
    await verifiedUser(s)
    const forgot = await post(s.accounts, "forgot-password", { email: "ADA@example.com" })
    expect(forgot).toMatchObject({ status: 202, body: { ok: true } })
    await s.accounts.whenIdle()
    const email = s.outbox.at(-1)!
    expect(email).toMatchObject({ to: "ada@example.com", kind: "reset-password" })
    expect(email.url).toMatch(new RegExp(`^${BASE_URL}/reset-password\\?token=`))
    expect(email.text).toContain("1 hour")

    const reset = await post(s.accounts, "reset-password", { token: tokenFrom(s.outbox, "reset-password"), password: OTHER_PASSWORD })
    expect(reset).toMatchObject({ status: 200, body: { ok: true } })
    const user = (await s.store.findUserByEmail("ada@example.com"))!
    expect(user.emailVerified).toBeInstanceOf(Date)
    expect(user.credentialVersion).toBe(1)
    expect(await s.accounts.authorize({ email: "ada@example.com", password: GOOD_PASSWORD })).toBeNull()
    expect(await s.accounts.authorize({ email: "ada@example.com", password: OTHER_PASSWORD })).toMatchObject({ email: "ada@example.com" })

    await s.accounts.whenIdle()
    expect(s.outbox.at(-1)).toMatchObject({ to: "ada@example.com", kind: "password-changed", url: `${BASE_URL}/forgot-password` })
  })

  it("validates the new password before spending the token", async () => {
    const s = setup()
    await verifiedUser(s)
    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    const token = tokenFrom(s.outbox, "reset-password")
    expect((await post(s.accounts, "reset-password", { token, password: "letmein1" })).body).toMatchObject({
      error: "invalid_input",
      fields: { password: "too_common" },
    })
    expect((await post(s.accounts, "reset-password", {})).body).toMatchObject({ fields: { token: "required", password: "required" } })
    expect((await post(s.accounts, "reset-password", { token, password: OTHER_PASSWORD })).status).toBe(200)
  })

  it("answers invalid_token for an unknown token", async () => {
    const { accounts } = setup()
    expect(await post(accounts, "reset-password", { token: "B".repeat(43), password: OTHER_PASSWORD })).toMatchObject({
      status: 400,
      body: { error: "invalid_token", reason: "unknown" },
    })
  })
})

describe("change-password without a session", () => {
  it("answers 401 unauthenticated", async () => {
    const { accounts } = setup()
    accounts.withAccounts({ secret: "test-secret-of-at-least-32-characters-long", providers: [] })
    // next-auth warns once per process that NEXTAUTH_URL is not set, here where it first runs.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    const answer = await post(accounts, "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD })
    for (const call of warn.mock.calls) expect(String(call[0])).toMatch(/\[next-auth\]\[warn\]\[NEXTAUTH_URL\]/)
    warn.mockRestore()
    expect(answer).toMatchObject({ status: 401, body: { error: "unauthenticated" } })
    expect(answer.headers.get("cache-control")).toBe("no-store")
  })
})

describe("errors inside", () => {
  const failing = (): AccountStore => {
    const store = memoryAccountStore()
    return { ...store, createUser: () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.7:5432 password=hunter2")) }
  }

  it("answers 500 internal_error without a word of the cause, and reports it to onError", async () => {
    const s = setup({ store: failing() })
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await s.accounts.whenIdle()
    // Confirming creates the user: the store fails there.
    const answer = await post(s.accounts, "verify-email", { token: tokenFrom(s.outbox, "verify-email") })
    expect(answer.status).toBe(500)
    expect(answer.body).toEqual({ error: "internal_error", message: "Something went wrong. Please try again later." })
    expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|hunter2|stack/)
    expect(answer.headers.get("cache-control")).toBe("no-store")
    expect(String(s.errors[0])).toContain("ECONNREFUSED")
  })

  it("keeps authorize's store failures out of next-auth's error URL", async () => {
    const store = memoryAccountStore()
    const s = setup({ store: { ...store, findUserByEmail: () => Promise.reject(new Error("db password=hunter2")) } })
    await expect(s.accounts.authorize({ email: "ada@example.com", password: GOOD_PASSWORD })).rejects.toThrow(/^AccountsUnavailable$/)
    expect(String(s.errors[0])).toContain("hunter2")
  })

  it("refuses the first request in production, before any work, when no base URL is known for the links", async () => {
    vi.stubEnv("NEXTAUTH_URL", "")
    vi.stubEnv("NODE_ENV", "production")
    const s = setup({ baseUrl: undefined })
    for (const email of ["ada@example.com", "nobody@example.com"]) {
      await expect(post(s.accounts, "forgot-password", { email })).rejects.toMatchObject({ code: "invalid_config", message: expect.stringMatching(/Set NEXTAUTH_URL/) })
    }
    expect(s.outbox).toEqual([])
    expect(s.errors).toEqual([])
  })

  it("links to the request's origin in development when no base URL is known, warning once", async () => {
    vi.stubEnv("NEXTAUTH_URL", "")
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
    const s = setup({ baseUrl: undefined })
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD }, { headers: { host: "localhost:3000" } })
    await post(s.accounts, "signup", { email: "grace@example.com", password: GOOD_PASSWORD }, { headers: { host: "localhost:3000" } })
    await s.accounts.whenIdle()
    expect(s.outbox.map((e) => e.url)).toEqual([expect.stringMatching(/^http:\/\/localhost:3000\/verify-email\?token=/), expect.stringMatching(/^http:\/\/localhost:3000\/verify-email/)])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/NEXTAUTH_URL is not set/)
    warn.mockRestore()
  })

  it("links to the configured pages under the basePath, and to next-auth's sign-in page without a loginPath", async () => {
    const s = setup({
      loginPath: undefined,
      basePath: "/docs",
      accounts: { pages: { verifyEmail: "/auth/verify?from=email", resetPassword: "/auth/reset" } },
    })
    await verifiedUser(s)
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    expect(s.outbox.find((e) => e.kind === "verify-email")!.url).toMatch(/^https:\/\/app\.example\.test\/docs\/auth\/verify\?from=email&token=/)
    expect(s.outbox.find((e) => e.kind === "reset-password")!.url).toMatch(/^https:\/\/app\.example\.test\/docs\/auth\/reset\?token=/)
    expect(s.outbox.find((e) => e.kind === "signup-attempt")!.url).toBe("https://app.example.test/docs/api/auth/signin")
    // Once withAccounts bound the authOptions, their pages.signIn is the login page.
    s.accounts.withAccounts({ providers: [], pages: { signIn: "/signin" } })
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await s.accounts.whenIdle()
    expect(s.outbox.at(-1)!.url).toBe("https://app.example.test/docs/signin")
    expect(() => s.accounts.withAccounts({ providers: [], pages: { signIn: "https://evil.example" } })).toThrow(/pages\.signIn/)
  })

  it("takes the links' origin from NEXTAUTH_URL when no baseUrl is given", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://prod.example.com/api/auth")
    const s = setup({ baseUrl: undefined })
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await s.accounts.whenIdle()
    expect(s.outbox[0]!.url).toMatch(/^https:\/\/prod\.example\.com\/verify-email\?token=/)
    expect(s.outbox[0]!.subject).toContain("prod.example.com")
  })

  it("reports a mailer that fails, after the same answer", async () => {
    const s = setup({ sendEmail: () => Promise.reject(new Error("SMTP down")) })
    expect((await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })).status).toBe(202)
    await s.accounts.whenIdle()
    expect(String(s.errors[0])).toContain("SMTP down")
  })

  afterEach(() => {
    vi.unstubAllEnvs()
  })
})

describe("createAccounts with a bad configuration", () => {
  const store = memoryAccountStore()
  const sendEmail = async () => {}
  it.each([
    ["no options", undefined],
    ["no store", { sendEmail }],
    ["a store that lacks a method", { store: { ...store, hit: undefined }, sendEmail }],
    ["no sendEmail", { store }],
    ["a relative accountPath", { store, sendEmail, accounts: { accountPath: "api/account" } }],
    ["an accountPath to another host", { store, sendEmail, accounts: { accountPath: "//evil.example/api" } }],
    ["an accountPath with a query", { store, sendEmail, accounts: { accountPath: "/api/account?x=1" } }],
    ["a page on another origin", { store, sendEmail, accounts: { pages: { resetPassword: "https://evil.example/reset" } } }],
    ["a bad loginPath", { store, sendEmail, loginPath: "javascript:alert(1)" }],
    ["a baseUrl that is not a URL", { store, sendEmail, baseUrl: "http://" }],
    ["a javascript: baseUrl", { store, sendEmail, baseUrl: "javascript://alert(1)" }],
    ["a minLength above maxLength", { store, sendEmail, password: { minLength: 20, maxLength: 10 } }],
    ["a rate limit of zero", { store, sendEmail, rateLimits: { signUp: { perIp: { limit: 0, windowMs: 1000 } } } }],
    ["a hasher without verify", { store, sendEmail, hasher: { hash: async () => "" } }],
  ])("throws invalid_config for %s", (_, options) => {
    expect(() => createAccounts(options as never)).toThrow(expect.objectContaining({ code: "invalid_config" }))
  })
})

describe("the Pages Router adapter", () => {
  it("serves the endpoints from the URL, the stream body and the socket address", async () => {
    const s = setup()
    const server = await serveApi(s.accounts.apiHandler as never)
    try {
      const response = await fetch(`${server.url}/api/account/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "ada@example.com", password: GOOD_PASSWORD }),
      })
      expect(response.status).toBe(202)
      expect(await response.json()).toEqual({ ok: true })
      expect(response.headers.get("cache-control")).toBe("no-store")
      const get = await fetch(`${server.url}/api/account/signup`)
      expect(get.status).toBe(405)
      expect(get.headers.get("allow")).toBe("POST")
      const unknown = await fetch(`${server.url}/api/account/nope`, { method: "POST" })
      expect(unknown.status).toBe(404)
      expect(await unknown.json()).toMatchObject({ error: "not_found" })
    } finally {
      await server.close()
    }
  })

  it("takes the action from req.query.action and a body that Next.js already parsed", async () => {
    const s = setup()
    const server = await serveApi(async (req: NextApiRequest, res: NextApiResponse) => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      req.body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
      req.query = { action: "forgot-password" }
      await s.accounts.apiHandler(req, res)
    })
    try {
      const response = await fetch(`${server.url}/anything`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com" }),
      })
      expect(response.status).toBe(202)
      const big = await fetch(`${server.url}/anything`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com", pad: "x".repeat(20_000) }),
      })
      expect(big.status).toBe(400)
    } finally {
      await server.close()
    }
  })
})

describe("the App Router adapter", () => {
  it("accepts params as an object (Next 14) and finds the action in the URL without params", async () => {
    const { accounts } = setup()
    const request = () =>
      new Request(`${BASE_URL}/api/account/forgot-password`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com" }),
      })
    expect((await accounts.routeHandlers.POST(request(), { params: { action: "forgot-password" } })).status).toBe(202)
    expect((await accounts.routeHandlers.POST(request())).status).toBe(202)
  })
})
