/**
 * Two-factor sign-in against the account mocks: set up, turn on, sign in with a code (once
 * each), recovery codes (once each), turn off; the way an app's tests and the stories use them.
 */
import { setupServer } from "msw/node"
import { Secret, TOTP } from "otpauth"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type AccountHandlers, accountHandlers, accountScenarios, MOCK_MFA_SECRET, MOCK_RECOVERY_CODES, mockSession, mockUsers } from "../../src/msw"

process.env.NEXTAUTH_URL = "http://localhost:3000"
const client = await import("next-auth/react")
const server = setupServer()
const ORIGIN = "http://localhost:3000"

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const use = (handlers: AccountHandlers) => {
  server.use(...handlers)
  return handlers
}
async function post(action: string, body: unknown) {
  const response = await fetch(`${ORIGIN}/api/account/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const error = (code: string, extra: Record<string, unknown> = {}) => ({ error: code, message: expect.any(String), ...extra })
const signIn = (email: string, password: string, code?: string) =>
  client.signIn("credentials", { redirect: false, email, password, ...(code === undefined ? {} : { code }), callbackUrl: "/" })
const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at })

describe("signing in with two-factor on", () => {
  it("answers MfaRequired after the right password, and signs in with the code", async () => {
    const handlers = use(accountScenarios.mfaRequired())
    expect(await signIn("ada@example.com", "password")).toMatchObject({ ok: false, error: "MfaRequired", status: 401 })
    expect(handlers.auth!.current).toBeNull()
    expect(await signIn("ada@example.com", "password", handlers.totpFor("ada@example.com"))).toMatchObject({ ok: true, error: null })
    expect(handlers.auth!.current).toMatchObject({ user: { email: "ada@example.com" } })
  })

  it("never tells about two-factor before the password is right", async () => {
    use(accountScenarios.mfaRequired())
    expect(await signIn("ada@example.com", "wrong password")).toMatchObject({ error: "CredentialsSignin" })
    expect(await signIn("ada@example.com", "wrong password", "123456")).toMatchObject({ error: "CredentialsSignin" })
  })

  it("takes the real RFC 6238 code of the secret, one step either side, and each code once", async () => {
    const handlers = use(accountScenarios.mfaRequired())
    const now = Date.now()
    const code = codeAt(MOCK_MFA_SECRET, now)
    expect(handlers.totpFor("ada@example.com", now)).toBe(code)
    expect(await signIn("ada@example.com", "password", code)).toMatchObject({ ok: true })
    expect(await signIn("ada@example.com", "password", code)).toMatchObject({ ok: false, error: "MfaInvalid" })
    expect(await signIn("ada@example.com", "password", codeAt(MOCK_MFA_SECRET, now - 30_000))).toMatchObject({ ok: true })
    expect(await signIn("ada@example.com", "password", codeAt(MOCK_MFA_SECRET, now - 90_000))).toMatchObject({ error: "MfaInvalid" })
  })

  it("takes each recovery code once, typed in any case with spaces", async () => {
    const handlers = use(accountScenarios.mfaRequired())
    expect(handlers.recoveryCodesFor("ada@example.com")).toEqual(MOCK_RECOVERY_CODES)
    expect(await signIn("ada@example.com", "password", " AAAAA AAAAA ")).toMatchObject({ ok: true })
    expect(await signIn("ada@example.com", "password", "aaaaa-aaaaa")).toMatchObject({ error: "MfaInvalid" })
    expect(handlers.recoveryCodesFor("ada@example.com")).toHaveLength(9)
    handlers.reset()
    expect(handlers.recoveryCodesFor("ada@example.com")).toHaveLength(10)
  })

  it("lets accounts without two-factor sign in without a code", async () => {
    use(accountScenarios.mfaRequired())
    expect(await signIn("grace@example.com", "password")).toMatchObject({ ok: true })
  })
})

describe("setting two-factor up", () => {
  it("sets up, turns on with a code, hands out ten recovery codes and emails the owner", async () => {
    const handlers = use(accountScenarios.signedInForMfa())
    const setup = await post("mfa/setup", {})
    expect(setup).toMatchObject({
      status: 200,
      body: { secret: expect.stringMatching(/^[A-Z2-7]{32}$/), otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\/Acme:grace%40example\.com\?/), qrSvg: expect.stringMatching(/^<svg[\s\S]*<\/svg>$/) },
    })
    const secret = setup.body.secret as string
    expect(setup.body.otpauthUrl).toContain(`secret=${secret}`)
    expect(handlers.account("grace@example.com")!.mfa).toEqual({ secret, enabled: false })

    expect(await post("mfa/enable", {})).toMatchObject({ status: 400, body: error("invalid_input", { fields: { code: "required" } }) })
    expect(await post("mfa/enable", { code: "000000" })).toMatchObject({ status: 400, body: error("invalid_input", { fields: { code: "invalid_code" } }) })
    const enabled = await post("mfa/enable", { code: codeAt(secret, Date.now()) })
    expect(enabled.status).toBe(200)
    const codes = enabled.body.recoveryCodes as string[]
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/)
    expect(handlers.account("grace@example.com")!.mfa).toEqual({ secret, enabled: true })
    expect(handlers.outbox[0]).toMatchObject({ to: "grace@example.com", kind: "mfa-enabled", token: null })
    expect(await post("mfa/setup", {})).toMatchObject({ status: 409, body: error("mfa_enabled") })
  })

  it("answers mfa_setup_required before a setup, 401 signed out, 403 without an account", async () => {
    use(accountScenarios.signedInForMfa())
    expect(await post("mfa/enable", { code: "123456" })).toMatchObject({ status: 409, body: error("mfa_setup_required") })
    use(accountHandlers({ mfa: { issuer: "Acme" } }))
    expect(await post("mfa/setup", {})).toMatchObject({ status: 401, body: error("unauthenticated") })
    use(accountHandlers({ mfa: { issuer: "Acme" }, auth: { session: mockSession({ user: mockUsers.ada }) } }))
    expect(await post("mfa/setup", {})).toMatchObject({ status: 403, body: error("forbidden") })
  })

  it("answers 404 without the mfa option, as createAccounts does", async () => {
    use(accountScenarios.signedInForChangePassword())
    for (const action of ["mfa/setup", "mfa/enable", "mfa/disable"]) {
      expect(await post(action, {})).toMatchObject({ status: 404, body: error("not_found") })
    }
  })
})

describe("turning two-factor off", () => {
  it("takes the password, or a code, and emails the owner", async () => {
    const handlers = use(accountScenarios.signedInForMfa(mockUsers.grace, { enabled: true }))
    expect(await post("mfa/disable", {})).toMatchObject({ status: 400, body: error("invalid_input", { fields: { password: "required", code: "required" } }) })
    expect(await post("mfa/disable", { password: "wrong" })).toMatchObject({ status: 400, body: error("invalid_input", { fields: { password: "mismatch" } }) })
    expect(await post("mfa/disable", { code: "000000" })).toMatchObject({ status: 400, body: error("invalid_input", { fields: { code: "invalid_code" } }) })
    expect(await post("mfa/disable", { code: handlers.totpFor("grace@example.com") })).toMatchObject({ status: 200, body: { ok: true } })
    expect(handlers.account("grace@example.com")!.mfa).toBeNull()
    expect(handlers.outbox[0]).toMatchObject({ kind: "mfa-disabled" })
    expect(await post("mfa/disable", { password: "password" })).toMatchObject({ status: 409, body: error("mfa_not_enabled") })
  })
})
