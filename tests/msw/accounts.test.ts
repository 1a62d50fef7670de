import { http, HttpResponse } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import {
  type AccountHandlers,
  accountHandlers,
  accountScenarios,
  authHandlers,
  COMMON_PASSWORDS,
  type MockAccountError,
  mockSession,
  mockUsers,
} from "../../src/msw"

process.env.NEXTAUTH_URL = "http://localhost:3000"
const client = await import("next-auth/react")
const server = setupServer()
const ORIGIN = "http://localhost:3000"
const GOOD = "correct horse battery staple"
const OTHER = "tr0ub4dor & three"

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

const use = (handlers: AccountHandlers) => {
  server.use(...handlers)
  return handlers
}

type Answer = { status: number; body: Record<string, unknown>; headers: Headers }
async function post(action: string, body: unknown, init: RequestInit & { path?: string } = {}): Promise<Answer> {
  const { path = "/api/account", ...rest } = init
  const response = await fetch(`${ORIGIN}${path}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    ...rest,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers }
}
const error = (code: string, extra: Record<string, unknown> = {}) => ({ error: code, message: expect.any(String), ...extra })
const signIn = (email: string, password: string) =>
  client.signIn("credentials", { redirect: false, email, password, callbackUrl: "/dashboard" })
const signedUp = async (handlers: AccountHandlers, email = "new@example.com", password = GOOD) => {
  expect((await post("signup", { email, password })).status).toBe(202)
  return handlers.tokenFor(email)!
}
const verified = async (handlers: AccountHandlers, email = "new@example.com", password = GOOD) => {
  expect((await post("verify-email", { token: await signedUp(handlers, email, password) })).status).toBe(200)
}

describe("signup", () => {
  it("answers 202 { ok: true } with no-store, records a pending sign-up (no account yet) and emails a confirmation link", async () => {
    const handlers = use(accountHandlers())
    const answer = await post("signup", { email: "  New@Example.COM ", password: GOOD, name: " Ada " })
    expect(answer).toMatchObject({ status: 202, body: { ok: true } })
    expect(answer.headers.get("cache-control")).toBe("no-store")
    expect(handlers.account("new@example.com")).toBeUndefined()
    expect(handlers.outbox).toEqual([
      { to: "new@example.com", kind: "verify-email", url: expect.stringMatching(/^http:\/\/localhost:3000\/verify-email\?token=[\w-]{43}$/), token: expect.any(String) },
    ])
    expect(handlers.outbox[0]!.url).toBe(`${ORIGIN}/verify-email?token=${handlers.outbox[0]!.token}`)
  })

  it.each([
    [{}, { email: "required", password: "required" }],
    [{ email: "not-an-address", password: GOOD }, { email: "invalid_email" }],
    [{ email: "a@b", password: GOOD }, { email: "invalid_email" }],
    [{ email: "a..b@example.com", password: GOOD }, { email: "invalid_email" }],
    [{ email: `${"a".repeat(250)}@example.com`, password: GOOD }, { email: "too_long" }],
    [{ email: "ada@example.com", password: "short" }, { password: "too_short" }],
    [{ email: "ada@example.com", password: "x".repeat(129) }, { password: "too_long" }],
    [{ email: "ada@example.com", password: "password" }, { password: "too_common" }],
    [{ email: "ada@example.com", password: "12345678" }, { password: "too_common" }],
    [{ email: "ada@example.com", password: "QWERTY123" }, { password: "too_common" }],
    [{ email: "ada@example.com", password: GOOD, name: "n".repeat(101) }, { name: "too_long" }],
    [{ email: 42, password: ["x"] }, { email: "required", password: "required" }],
    [{ email: "   ", password: "" }, { email: "required", password: "required" }],
  ])("refuses %j with 400 invalid_input and the fields %j", async (body, fields) => {
    const handlers = use(accountHandlers())
    const answer = await post("signup", body)
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual(error("invalid_input", { fields }))
    expect(handlers.outbox).toEqual([])
  })

  it("counts length in characters and takes the password rules from the options", async () => {
    use(accountHandlers({ password: { minLength: 4, maxLength: 6, common: ["hunter2"] } }))
    expect((await post("signup", { email: "a@example.com", password: "🔑🔑🔑🔑" })).status).toBe(202)
    expect((await post("signup", { email: "b@example.com", password: "abc" })).body.fields).toEqual({ password: "too_short" })
    expect((await post("signup", { email: "c@example.com", password: "HUNTER2" })).body.fields).toEqual({ password: "too_long" })
    expect((await post("signup", { email: "c@example.com", password: "Hunter" })).status).toBe(202)
    use(accountHandlers({ password: { minLength: 4, maxLength: 7, common: ["hunter2"] } }))
    expect((await post("signup", { email: "d@example.com", password: "HUNTER2" })).body.fields).toEqual({ password: "too_common" })
    use(accountHandlers({ password: { common: false } }))
    expect((await post("signup", { email: "e@example.com", password: "password" })).status).toBe(202)
  })

  it("refuses every listed common password, whatever its case", async () => {
    use(accountHandlers())
    for (const password of COMMON_PASSWORDS) {
      expect((await post("signup", { email: "a@example.com", password: password.toUpperCase() })).body.fields).toEqual({ password: "too_common" })
    }
  })

  it("does not tell that an address is taken: the same answer, and the owner gets a notice", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: "old password", name: "Ada" }] }))
    const taken = await post("signup", { email: "ADA@example.com", password: GOOD })
    const fresh = await post("signup", { email: "new@example.com", password: GOOD })
    expect({ status: taken.status, body: taken.body }).toEqual({ status: fresh.status, body: fresh.body })
    expect(handlers.outbox.map(({ to, kind, url, token }) => ({ to, kind, url, token: typeof token }))).toEqual([
      { to: "new@example.com", kind: "verify-email", url: expect.any(String), token: "string" },
      { to: "ada@example.com", kind: "signup-attempt", url: `${ORIGIN}/login`, token: "object" },
    ])
    expect(handlers.account("ada@example.com")).toMatchObject({ password: "old password", verified: true, name: "Ada" })
  })

  it("gives new accounts the default roles and links to the configured pages and base URL", async () => {
    const handlers = use(
      accountHandlers({ defaultRoles: ["user"], baseUrl: "https://app.example.test/base/", pages: { verifyEmail: "/welcome?from=mail" } }),
    )
    await post("signup", { email: "new@example.com", password: GOOD })
    expect(handlers.outbox[0]!.url).toBe(`https://app.example.test/base/welcome?from=mail&token=${handlers.outbox[0]!.token}`)
    await post("verify-email", { token: handlers.tokenFor("new@example.com") })
    expect(handlers.account("new@example.com")!.roles).toEqual(["user"])
  })

  it("takes its paths from the app's shared config, as createAccounts does", async () => {
    const config = {
      basePath: "/docs",
      authPath: "/auth-api",
      loginPath: "/sign-in",
      accounts: { accountPath: "/accounts-api", pages: { verifyEmail: "/verify", forgotPassword: "/forgot" } },
    }
    const handlers = use(accountHandlers({ config, users: [{ email: "ada@example.com", password: GOOD }] }))
    const at = { path: "/docs/accounts-api" }
    await post("signup", { email: "new@example.com", password: GOOD }, at)
    await post("signup", { email: "ada@example.com", password: GOOD }, at)
    await post("forgot-password", { email: "ada@example.com" }, at)
    await post("reset-password", { token: handlers.tokenFor("ada@example.com", "reset-password"), password: OTHER }, at)
    expect(handlers.outbox.map((e) => e.url.replace(/token=[\w-]+/, "token=…"))).toEqual([
      `${ORIGIN}/docs/forgot`,
      `${ORIGIN}/docs/reset-password?token=…`,
      `${ORIGIN}/docs/sign-in`,
      `${ORIGIN}/docs/verify?token=…`,
    ])
    expect((await fetch(`${ORIGIN}/docs/auth-api/session`)).status).toBe(200)
    // The options win over the config.
    use(accountHandlers({ config, accountPath: "/own", pages: { signIn: "/login" } }))
    expect((await post("forgot-password", { email: "a@example.com" }, { path: "/own" })).status).toBe(202)
  })
})

describe("verify-email", () => {
  it("creates the account once: 200 with a sign-in grant, then invalid_token (the pending sign-up is gone)", async () => {
    const handlers = use(accountHandlers())
    const token = await signedUp(handlers)
    expect(await post("verify-email", { token })).toMatchObject({ status: 200, body: { ok: true, grant: expect.stringMatching(/^[\w-]{43}$/) } })
    expect(handlers.account("new@example.com")).toMatchObject({ email: "new@example.com", verified: true, password: GOOD })
    const again = await post("verify-email", { token })
    expect(again.status).toBe(400)
    expect(again.body).toEqual(error("invalid_token", { reason: "unknown" }))
  })

  it("confirms an unconfirmed (0.2) account with its link: 200 without a grant, then invalid_token used", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD, verified: false }] }))
    await post("resend-verification", { email: "ada@example.com" })
    const token = handlers.tokenFor("ada@example.com")
    expect(await post("verify-email", { token })).toMatchObject({ status: 200, body: { ok: true } })
    expect(handlers.account("ada@example.com")!.verified).toBe(true)
    expect((await post("verify-email", { token })).body).toEqual(error("invalid_token", { reason: "used" }))
  })

  it.each([
    ["a token it never sent", "A".repeat(43)],
    ["a malformed token", "not-a-token"],
  ])("answers invalid_token unknown for %s", async (_, token) => {
    use(accountHandlers())
    expect(await post("verify-email", { token })).toMatchObject({ status: 400, body: error("invalid_token", { reason: "unknown" }) })
  })

  it("answers invalid_token unknown for a reset token, and required for none", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD }] }))
    await post("forgot-password", { email: "ada@example.com" })
    const answer = await post("verify-email", { token: handlers.tokenFor("ada@example.com", "reset-password") })
    expect(answer.body).toEqual(error("invalid_token", { reason: "unknown" }))
    expect(await post("verify-email", {})).toMatchObject({ status: 400, body: error("invalid_input", { fields: { token: "required" } }) })
    expect((await post("verify-email", { token: 7 })).body.fields).toEqual({ token: "required" })
  })

  it("answers invalid_token expired after the TTL, or after expireTokens()", async () => {
    const handlers = use(accountHandlers({ tokenTtl: { verifyEmail: 1000 } }))
    const token = await signedUp(handlers)
    const now = Date.now()
    vi.spyOn(Date, "now").mockReturnValue(now + 1001)
    expect((await post("verify-email", { token })).body).toEqual(error("invalid_token", { reason: "expired" }))
    vi.restoreAllMocks()

    const other = await signedUp(handlers, "other@example.com")
    handlers.expireTokens()
    expect((await post("verify-email", { token: other })).body).toEqual(error("invalid_token", { reason: "expired" }))
    expect(handlers.account("other@example.com")).toBeUndefined()
    // Only the links issued before: a new one works.
    expect((await post("verify-email", { token: await signedUp(handlers, "other@example.com") })).status).toBe(200)
  })
})

describe("resend-verification", () => {
  it("answers 202 for every address, and emails only a pending sign-up a new link (which replaces the old one)", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD }] }))
    const first = await signedUp(handlers)
    for (const email of ["new@example.com", "ada@example.com", "nobody@example.com"]) {
      expect(await post("resend-verification", { email })).toMatchObject({ status: 202, body: { ok: true } })
    }
    expect(handlers.outbox.map((e) => [e.to, e.kind])).toEqual([
      ["new@example.com", "verify-email"],
      ["new@example.com", "verify-email"],
    ])
    const second = handlers.tokenFor("new@example.com")
    expect(second).not.toBe(first)
    expect((await post("verify-email", { token: first })).body).toEqual(error("invalid_token", { reason: "unknown" }))
    expect((await post("verify-email", { token: second })).status).toBe(200)
  })

  it("checks the address", async () => {
    use(accountHandlers())
    expect(await post("resend-verification", { email: "nope" })).toMatchObject({ status: 400, body: error("invalid_input", { fields: { email: "invalid_email" } }) })
    expect((await post("resend-verification", {})).body.fields).toEqual({ email: "required" })
  })
})

describe("forgot-password and reset-password", () => {
  it("answers 202 for known and unknown addresses alike, and emails only the known one", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD }] }))
    const known = await post("forgot-password", { email: "Ada@Example.com " })
    const unknown = await post("forgot-password", { email: "nobody@example.com" })
    expect({ status: known.status, body: known.body }).toEqual({ status: 202, body: { ok: true } })
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 202, body: { ok: true } })
    expect(handlers.outbox).toEqual([
      { to: "ada@example.com", kind: "reset-password", url: `${ORIGIN}/reset-password?token=${handlers.tokenFor("ada@example.com", "reset-password")}`, token: expect.any(String) },
    ])
    expect((await post("forgot-password", { email: "x" })).body).toEqual(error("invalid_input", { fields: { email: "invalid_email" } }))
  })

  it("resets the password once, notifies the owner, and the new password signs in", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD, name: "Ada" }] }))
    await post("forgot-password", { email: "ada@example.com" })
    const token = handlers.tokenFor("ada@example.com", "reset-password")!
    expect(await post("reset-password", { token, password: OTHER })).toMatchObject({ status: 200, body: { ok: true } })
    expect(handlers.outbox[0]).toEqual({ to: "ada@example.com", kind: "password-changed", url: `${ORIGIN}/login`, token: null })
    expect((await post("reset-password", { token, password: OTHER })).body).toEqual(error("invalid_token", { reason: "used" }))
    expect(await signIn("ada@example.com", GOOD)).toMatchObject({ ok: false, error: "CredentialsSignin", status: 401 })
    expect(await signIn("ada@example.com", OTHER)).toMatchObject({ ok: true, status: 200 })
  })

  it("keeps an older reset link valid when a new one is sent, and voids the others once one is used", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD }] }))
    await post("forgot-password", { email: "ada@example.com" })
    const first = handlers.tokenFor("ada@example.com", "reset-password")!
    await post("forgot-password", { email: "ada@example.com" })
    const second = handlers.tokenFor("ada@example.com", "reset-password")!
    expect((await post("reset-password", { token: first, password: OTHER })).status).toBe(200)
    expect((await post("reset-password", { token: second, password: OTHER })).body).toEqual(error("invalid_token", { reason: "unknown" }))
  })

  it("checks the fields before the token", async () => {
    use(accountHandlers())
    expect((await post("reset-password", {})).body).toEqual(error("invalid_input", { fields: { token: "required", password: "required" } }))
    expect((await post("reset-password", { token: "A".repeat(43), password: "password" })).body.fields).toEqual({ password: "too_common" })
    expect((await post("reset-password", { token: "A".repeat(43), password: OTHER })).body).toEqual(error("invalid_token", { reason: "unknown" }))
  })

  it("verifies an unverified account and ends the user's session", async () => {
    const handlers = use(
      accountHandlers({
        auth: { session: mockSession({ user: { email: "ada@example.com" } }) },
        users: [{ email: "ada@example.com", password: GOOD, verified: false }],
      }),
    )
    expect(await client.getSession()).not.toBeNull()
    await post("forgot-password", { email: "ada@example.com" })
    await post("reset-password", { token: handlers.tokenFor("ada@example.com", "reset-password"), password: OTHER })
    expect(handlers.account("ada@example.com")).toMatchObject({ verified: true, password: OTHER })
    expect(await client.getSession()).toBeNull()
  })

  it("answers expired for an expired reset link", async () => {
    const handlers = use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD }] }))
    await post("forgot-password", { email: "ada@example.com" })
    handlers.expireTokens()
    const answer = await post("reset-password", { token: handlers.tokenFor("ada@example.com", "reset-password"), password: OTHER })
    expect(answer.body).toEqual(error("invalid_token", { reason: "expired" }))
    expect(handlers.account("ada@example.com")!.password).toBe(GOOD)
  })
})

describe("change-password", () => {
  it("answers 401 unauthenticated when signed out, or without auth", async () => {
    use(accountHandlers({ users: [{ email: "ada@example.com", password: GOOD }] }))
    const answer = await post("change-password", { currentPassword: GOOD, newPassword: OTHER })
    expect(answer).toMatchObject({ status: 401, body: error("unauthenticated") })
    use(accountHandlers({ auth: false }))
    expect((await post("change-password", { currentPassword: GOOD, newPassword: OTHER })).status).toBe(401)
  })

  it("answers 403 forbidden for a session without a password account", async () => {
    use(accountHandlers({ auth: { session: mockSession({ user: mockUsers.ada }) } }))
    expect(await post("change-password", { currentPassword: GOOD, newPassword: OTHER })).toMatchObject({ status: 403, body: error("forbidden") })
  })

  it("checks the fields, then the current password, then changes it and keeps the session", async () => {
    const handlers = use(accountScenarios.signedInForChangePassword())
    expect((await post("change-password", {})).body).toEqual(error("invalid_input", { fields: { currentPassword: "required", newPassword: "required" } }))
    expect((await post("change-password", { currentPassword: "x", newPassword: "short" })).body.fields).toEqual({ newPassword: "too_short" })
    expect((await post("change-password", { currentPassword: "wrong", newPassword: OTHER })).body).toEqual(
      error("invalid_input", { fields: { currentPassword: "mismatch" } }),
    )
    expect(await post("change-password", { currentPassword: "password", newPassword: OTHER })).toMatchObject({ status: 200, body: { ok: true } })
    expect(handlers.account("grace@example.com")!.password).toBe(OTHER)
    expect(handlers.outbox[0]).toMatchObject({ to: "grace@example.com", kind: "password-changed" })
    expect((await client.getSession())?.user?.email).toBe("grace@example.com")
    await client.signOut({ redirect: false, callbackUrl: "/" })
    expect(await signIn("grace@example.com", "password")).toMatchObject({ ok: false, error: "CredentialsSignin" })
    expect(await signIn("grace@example.com", OTHER)).toMatchObject({ ok: true })
  })

  it("follows a session that the user signs in to through authHandlers", async () => {
    const auth = authHandlers({ session: null })
    use(accountHandlers({ auth, users: [{ email: "ada@example.com", password: GOOD }] }))
    expect((await post("change-password", { currentPassword: GOOD, newPassword: OTHER })).status).toBe(401)
    await signIn("ada@example.com", GOOD)
    expect((await post("change-password", { currentPassword: GOOD, newPassword: OTHER })).status).toBe(200)
  })
})

describe("change-email", () => {
  it("sends the link to a free address and the someone-tried email to a taken one, alike; the link's POST moves the account and the session follows", async () => {
    const auth = authHandlers({ session: null })
    const handlers = use(accountHandlers({ auth, users: [{ email: "ada@example.com", password: GOOD }, { email: "bob@example.com", password: GOOD }] }))
    expect((await post("change-email", { email: "ada@new.example.com" })).status).toBe(401)
    await signIn("ada@example.com", GOOD)

    const free = await post("change-email", { email: "ada@new.example.com" })
    expect(free).toMatchObject({ status: 202, body: { ok: true } })
    expect(handlers.outbox.slice(0, 2).map((e) => [e.kind, e.to]).sort()).toEqual([
      ["change-email", "ada@new.example.com"],
      ["email-change-requested", "ada@example.com"],
    ])
    const token = handlers.tokenFor("ada@new.example.com", "change-email")!
    expect(handlers.outbox.find((e) => e.kind === "change-email")!.url).toBe(`${ORIGIN}/verify-email?token=${token}`)

    const taken = await post("change-email", { email: "bob@example.com" })
    expect(taken.status).toBe(free.status)
    expect(taken.body).toEqual(free.body)
    expect(handlers.outbox.slice(0, 2).map((e) => [e.kind, e.to]).sort()).toEqual([
      ["email-change-attempt", "bob@example.com"],
      ["email-change-requested", "ada@example.com"],
    ])
    expect(await post("change-email", { email: "ADA@example.com" })).toMatchObject({ status: 400, body: error("invalid_input", { fields: { email: "unchanged" } }) })

    // The second request voided the first link: ask again, and confirm the newest.
    expect(await post("verify-email", { token })).toMatchObject({ status: 400, body: error("invalid_token") })
    await post("change-email", { email: "ada@new.example.com" })
    const newest = handlers.tokenFor("ada@new.example.com", "change-email")!
    expect(await post("verify-email", { token: newest })).toEqual({ status: 200, body: { ok: true, email: "ada@new.example.com" }, headers: expect.anything() })
    expect(handlers.outbox[0]).toMatchObject({ kind: "email-changed", to: "ada@example.com" })
    expect(handlers.account("ada@example.com")).toBeUndefined()
    expect(handlers.account("ada@new.example.com")).toMatchObject({ verified: true, password: GOOD })
    expect((await client.getSession())?.user?.email).toBe("ada@new.example.com")
    // The session keeps working as the account's.
    expect((await post("change-password", { currentPassword: GOOD, newPassword: OTHER })).status).toBe(200)

    await client.signOut({ redirect: false, callbackUrl: "/" })
    expect(await signIn("ada@example.com", OTHER)).toMatchObject({ ok: false, error: "CredentialsSignin" })
    expect(await signIn("ada@new.example.com", OTHER)).toMatchObject({ ok: true })
  })
})

describe("every endpoint", () => {
  const actions = ["signup", "verify-email", "resend-verification", "forgot-password", "reset-password", "change-password"]

  it.each(actions)("%s answers other methods 405 with Allow: POST", async (action) => {
    use(accountHandlers())
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const response = await fetch(`${ORIGIN}/api/account/${action}`, { method })
      expect(response.status).toBe(405)
      expect(response.headers.get("allow")).toBe("POST")
      expect(response.headers.get("cache-control")).toBe("no-store")
      expect(await response.json()).toEqual(error("method_not_allowed"))
    }
  })

  it.each(actions)("%s answers a body that is not a JSON object 400 invalid_input without fields", async (action) => {
    use(accountHandlers())
    const bodies: RequestInit[] = [
      { body: "email=a@example.com", headers: { "content-type": "application/x-www-form-urlencoded" } },
      { body: '{"email":', headers: { "content-type": "application/json" } },
      { body: "[1]", headers: { "content-type": "application/json" } },
      { body: JSON.stringify({ email: "a".repeat(17_000) }), headers: { "content-type": "application/json" } },
      { body: JSON.stringify({ email: "a@example.com" }), headers: { "content-type": "text/plain" } },
    ]
    for (const init of bodies) {
      const answer = await post(action, undefined, init)
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual(error("invalid_input"))
    }
  })

  it("answers an unknown action 404 not_found, whatever the method", async () => {
    use(accountHandlers())
    expect(await post("mfa/setup", {})).toMatchObject({ status: 404, body: error("not_found") })
    expect((await fetch(`${ORIGIN}/api/account/nope`)).status).toBe(404)
    expect((await post("", {})).status).toBe(404)
  })

  it("accepts JSON media types with parameters and suffixes", async () => {
    use(accountHandlers())
    for (const type of ["application/json; charset=utf-8", "application/merge-patch+json"]) {
      expect((await post("forgot-password", { email: "a@example.com" }, { headers: { "content-type": type } })).status).toBe(202)
    }
  })

  it("serves under a custom accountPath, on any origin, next to a custom auth basePath", async () => {
    const handlers = use(accountHandlers({ accountPath: "/custom/account/", auth: { basePath: "/custom/auth" } }))
    expect((await post("forgot-password", { email: "a@example.com" }, { path: "/custom/account" })).status).toBe(202)
    const response = await fetch("https://elsewhere.example/custom/account/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@example.com", password: GOOD }),
    })
    expect(response.status).toBe(202)
    expect(handlers.outbox[0]!.url).toMatch(/^https:\/\/elsewhere\.example\/verify-email\?token=/)
    expect((await fetch(`${ORIGIN}/custom/auth/session`)).status).toBe(200)
    // The default path has no handler: MSW refuses the request and says so on the console.
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    await expect(post("forgot-password", { email: "a@example.com" })).rejects.toThrow()
    expect(error.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/\[MSW\] Error: intercepted a request without a matching request handler:[\s\S]*POST http:\/\/localhost:3000\/api\/account\/forgot-password/)])
    error.mockRestore()
  })

  it("delays every answer", async () => {
    use(accountHandlers({ delay: 200 }))
    const started = Date.now()
    await post("forgot-password", { email: "a@example.com" })
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })
})

describe("rate limits", () => {
  it("refuses the request after `after` for one address with 429 and Retry-After, counted after the field checks", async () => {
    use(accountHandlers({ rateLimit: { after: 2 } }))
    expect((await post("signup", { email: "a@example.com", password: "short" })).status).toBe(400)
    expect((await post("signup", { email: "a@example.com", password: GOOD })).status).toBe(202)
    expect((await post("signup", { email: "a@example.com", password: GOOD })).status).toBe(202)
    const third = await post("signup", { email: "a@example.com", password: GOOD })
    expect(third.status).toBe(429)
    expect(third.body).toEqual(error("rate_limited"))
    expect(third.headers.get("retry-after")).toBe("60")
    expect((await post("signup", { email: "b@example.com", password: GOOD })).status).toBe(202)
    expect((await post("forgot-password", { email: "a@example.com" })).status).toBe(202)
  })

  it("counts verify-email and reset-password together, and lets requests through again after the window", async () => {
    use(accountHandlers({ rateLimit: { after: 1, retryAfter: 30 } }))
    const now = Date.now()
    vi.spyOn(Date, "now").mockReturnValue(now)
    expect((await post("verify-email", { token: "x" })).status).toBe(400)
    const limited = await post("reset-password", { token: "x", password: GOOD })
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("30")
    vi.spyOn(Date, "now").mockReturnValue(now + 20_000)
    expect((await post("verify-email", { token: "x" })).headers.get("retry-after")).toBe("10")
    vi.spyOn(Date, "now").mockReturnValue(now + 30_000)
    expect((await post("verify-email", { token: "x" })).body).toEqual(error("invalid_token", { reason: "unknown" }))
  })

  it("limits only the listed actions; sign-ins of accounts answer RateLimited", async () => {
    use(accountHandlers({ rateLimit: { after: 1, actions: ["signin"] }, users: [{ email: "ada@example.com", password: GOOD }] }))
    for (let i = 0; i < 3; i++) expect((await post("forgot-password", { email: "ada@example.com" })).status).toBe(202)
    expect(await signIn("ada@example.com", "wrong")).toMatchObject({ error: "CredentialsSignin" })
    expect(await signIn("ada@example.com", GOOD)).toEqual({ ok: false, error: "RateLimited", status: 401, url: null })
  })
})

describe("forced errors", () => {
  it.each<[MockAccountError, number, Record<string, unknown>]>([
    ["internal_error", 500, error("internal_error")],
    [{ error: "invalid_token", reason: "used" } as const, 400, error("invalid_token", { reason: "used" })],
    ["invalid_token", 400, error("invalid_token")],
    [{ error: "invalid_input", fields: { email: "invalid_email" } } as const, 400, error("invalid_input", { fields: { email: "invalid_email" } })],
    [{ error: "rate_limited", retryAfter: 5 } as const, 429, error("rate_limited")],
  ])("answers %j after the field checks", async (forced, status, body) => {
    const handlers = use(accountHandlers({ errors: { signup: forced } }))
    expect((await post("signup", {})).status).toBe(400)
    const answer = await post("signup", { email: "a@example.com", password: GOOD })
    expect(answer).toMatchObject({ status, body })
    if (status === 429) expect(answer.headers.get("retry-after")).toBe("5")
    expect(handlers.account("a@example.com")).toBeUndefined()
    expect((await post("forgot-password", { email: "a@example.com" })).status).toBe(202)
  })
})

describe("with authHandlers", () => {
  it("signs a new account in once confirmed: CredentialsSignin (401) before, as for a wrong password; the grant, once, after", async () => {
    const handlers = use(accountHandlers({ defaultRoles: ["user"] }))
    expect(await post("signup", { email: "Lin@Example.com", password: GOOD, name: "Lin" })).toMatchObject({ status: 202 })
    expect(await signIn("lin@example.com", GOOD)).toEqual({ ok: false, error: "CredentialsSignin", status: 401, url: null })
    expect(await signIn("lin@example.com", "wrong password")).toEqual({ ok: false, error: "CredentialsSignin", status: 401, url: null })
    expect(await client.getSession()).toBeNull()

    const token = handlers.outbox[0]!.token!
    expect(handlers.outbox[0]!.url).toBe(`${ORIGIN}/verify-email?token=${token}`)
    const verified = await post("verify-email", { token })
    expect(verified).toMatchObject({ status: 200, body: { ok: true, grant: expect.any(String) } })
    const grant = verified.body.grant as string
    expect(await client.signIn("credentials", { redirect: false, grant, callbackUrl: "/dashboard" })).toEqual({ ok: true, error: null, status: 200, url: `${ORIGIN}/dashboard` })
    expect((await client.getSession())?.user).toEqual({ name: "Lin", email: "lin@example.com", roles: ["user"] })
    expect(handlers.auth!.current).toMatchObject({ user: { email: "lin@example.com" } })
    await client.signOut({ redirect: false, callbackUrl: "/" })
    expect(await client.signIn("credentials", { redirect: false, grant, callbackUrl: "/dashboard" })).toMatchObject({ ok: false, error: "CredentialsSignin" })
    expect(await signIn(" LIN@example.com", GOOD)).toEqual({ ok: true, error: null, status: 200, url: `${ORIGIN}/dashboard` })
  })

  it("leaves addresses without an account to authHandlers' own credentials", async () => {
    use(
      accountHandlers({
        auth: { credentials: ({ email }) => (email === "legacy@example.com" ? { name: "Legacy", email } : null) },
        users: [{ email: "ada@example.com", password: GOOD }],
      }),
    )
    expect(await signIn("legacy@example.com", "anything")).toMatchObject({ ok: true })
    expect(await signIn("ada@example.com", "anything")).toMatchObject({ ok: false, error: "CredentialsSignin" })
  })

  it("serves the auth handlers it was given, and reset() resets both", async () => {
    const auth = authHandlers({ session: null })
    const handlers = accountHandlers({ auth, users: [{ email: "ada@example.com", password: GOOD, name: "Ada" }] })
    expect(handlers.auth).toBe(auth)
    expect(handlers.slice(1)).toEqual([...auth])
    use(handlers)
    await verified(handlers)
    await signIn("ada@example.com", GOOD)
    expect(auth.current).not.toBeNull()
    handlers.reset()
    expect(auth.current).toBeNull()
    expect(handlers.outbox).toEqual([])
    expect(handlers.account("new@example.com")).toBeUndefined()
    expect(handlers.account("ada@example.com")).toEqual({ id: expect.any(String), email: "ada@example.com", name: "Ada", password: GOOD, verified: true, roles: [], mfa: null })
  })

  it("serves the account endpoints alone with auth: false", () => {
    const handlers = accountHandlers({ auth: false })
    expect(handlers).toHaveLength(1)
    expect(handlers.auth).toBeUndefined()
  })

  it("refuses auth handlers that authHandlers() did not make", () => {
    const foreign = Object.assign([http.get("*/api/auth/session", () => HttpResponse.json({}))], { reset() {}, current: null })
    expect(() => accountHandlers({ auth: foreign })).toThrow(TypeError)
  })

  it("hands out copies: the outbox and accounts cannot be changed from outside", async () => {
    const handlers = use(accountHandlers())
    await verified(handlers)
    ;(handlers.outbox as unknown as Array<{ to: string }>)[0]!.to = "changed"
    handlers.account("new@example.com")!.roles.push("admin")
    expect(handlers.outbox[0]!.to).toBe("new@example.com")
    expect(handlers.account("new@example.com")!.roles).toEqual([])
  })
})

describe("accountScenarios", () => {
  it("signedOut: the mock users sign in with 'password', and new accounts go through the whole flow", async () => {
    const handlers = use(accountScenarios.signedOut())
    expect(await client.getSession()).toBeNull()
    expect(await signIn("ada@example.com", "password")).toMatchObject({ ok: true })
    expect((await client.getSession())?.user).toEqual({ name: "Ada Lovelace", email: "ada@example.com", roles: ["admin", "user"] })
    await verified(handlers)
    expect(await signIn("new@example.com", GOOD)).toMatchObject({ ok: true })
  })

  it("signedInForChangePassword: signed in as Grace, or the given user", async () => {
    use(accountScenarios.signedInForChangePassword())
    expect((await client.getSession())?.user?.email).toBe("grace@example.com")
    const handlers = use(accountScenarios.signedInForChangePassword({ name: "Lin", email: "lin@example.com", roles: ["user"] }))
    expect((await client.getSession())?.user?.email).toBe("lin@example.com")
    expect((await post("change-password", { currentPassword: "password", newPassword: OTHER })).status).toBe(200)
    expect(handlers.account("lin@example.com")!.password).toBe(OTHER)
  })

  it("emailNotVerified: Grace's sign-in answers CredentialsSignin until she follows the resent link", async () => {
    const handlers = use(accountScenarios.emailNotVerified())
    expect(await signIn("grace@example.com", "password")).toEqual({ ok: false, error: "CredentialsSignin", status: 401, url: null })
    expect(await signIn("ada@example.com", "password")).toMatchObject({ ok: true })
    expect((await post("resend-verification", { email: "grace@example.com" })).status).toBe(202)
    expect((await post("verify-email", { token: handlers.tokenFor("grace@example.com") })).status).toBe(200)
    expect(await signIn("grace@example.com", "password")).toMatchObject({ ok: true })
  })

  it.each(["unknown", "used", "expired"] as const)("invalidToken(%s): both token endpoints answer it", async (reason) => {
    use(accountScenarios.invalidToken(reason))
    expect((await post("verify-email", { token: "A".repeat(43) })).body).toEqual(error("invalid_token", { reason }))
    expect((await post("reset-password", { token: "A".repeat(43), password: GOOD })).body).toEqual(error("invalid_token", { reason }))
    expect((await post("forgot-password", { email: "ada@example.com" })).status).toBe(202)
  })

  it("invalidToken defaults to expired", async () => {
    use(accountScenarios.invalidToken())
    expect((await post("verify-email", { token: "t" })).body.reason).toBe("expired")
  })

  it("rateLimited: every endpoint and sign-in refused", async () => {
    use(accountScenarios.rateLimited(120))
    const answer = await post("forgot-password", { email: "ada@example.com" })
    expect(answer).toMatchObject({ status: 429, body: error("rate_limited") })
    expect(answer.headers.get("retry-after")).toBe("120")
    expect((await post("signup", { email: "n@example.com", password: GOOD })).status).toBe(429)
    expect(await signIn("ada@example.com", "password")).toMatchObject({ error: "RateLimited" })
  })

  it("serverError: every endpoint answers 500 internal_error", async () => {
    use(accountScenarios.serverError())
    for (const [action, body] of [
      ["signup", { email: "n@example.com", password: GOOD }],
      ["verify-email", { token: "t" }],
      ["resend-verification", { email: "n@example.com" }],
      ["forgot-password", { email: "n@example.com" }],
      ["reset-password", { token: "t", password: GOOD }],
    ] as const) {
      expect(await post(action, body)).toMatchObject({ status: 500, body: error("internal_error") })
    }
  })

  it("slowNetwork and submitting are slow and stuck", async () => {
    use(accountScenarios.slowNetwork(150))
    const started = Date.now()
    await post("forgot-password", { email: "ada@example.com" })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    use(accountScenarios.submitting())
    const pending = Symbol("pending")
    const raced = await Promise.race([post("forgot-password", { email: "ada@example.com" }), new Promise((r) => setTimeout(() => r(pending), 300))])
    expect(raced).toBe(pending)
  })
})
