/**
 * Two-factor authentication against real next-auth: setup, enable and disable through the
 * endpoints with a real session cookie, then sign-in through the credentials callback with
 * TOTP and recovery codes. Time is faked (Date only) so that codes are computed for known steps.
 */
import { encode } from "next-auth/jwt"
import { Secret, TOTP } from "otpauth"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { type AccountStore, createAccounts, isAuthKitError, memoryAccountStore } from "../../../src/server"
import { MfaSecretError, recoveryCodeHash as keyedRecoveryCodeHash } from "../../../src/core/accounts/features/two-factor"
import { SECRET } from "../harness"

import {
  accountsAuthOptions,
  GOOD_PASSWORD,
  newest,
  OTHER_PASSWORD,
  post,
  serveApi,
  serveNextAuth,
  type Setup,
  setup,
  signIn,
  verifiedUser,
} from "./helpers"

const recoveryCodeHash = (userId: string, code: string) => keyedRecoveryCodeHash({ secret: () => SECRET }, userId, code)

const MFA = { issuer: "Acme" }
const EMAIL = "ada@example.com"
const STEP = 30_000

/** The TOTP code of a secret at a time (now by default). */
const codeAt = (secret: string, timestamp = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp })
/** The next-auth error of a refused sign-in. */
const errorOf = (answer: { url: string }) => new URL(answer.url).searchParams.get("error")

// Date only: timers, sockets and next-auth's crypto run for real; every clock reads the same
// fake time. Each test starts one second into a step of its own, after the last test's time,
// so that no test meets the codes another one used.
let clock = Math.ceil(Date.now() / STEP) * STEP + 1000
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: Math.max(clock, Math.ceil(Date.now() / STEP) * STEP + 1000) })
})
afterEach(() => {
  clock = Math.floor(Date.now() / STEP + 1) * STEP + 1000
  vi.useRealTimers()
})
const tick = (ms = STEP) => vi.setSystemTime(Date.now() + ms)
// Functional tests make more wrong guesses than the default limit allows.
const LENIENT = { mfa: { perAddress: { limit: 1000, windowMs: 60_000 } }, signIn: { perAddress: { limit: 1000, windowMs: 60_000 } } }

/** A running next-auth over a fresh `createAccounts({ mfa })`, with a verified user. */
function world(options: Parameters<typeof setup>[0] = {}) {
  // The fake clock runs ahead of the sign-ins of a describe's beforeAll (real time) by a step
  // per test: their sessions stay recent enough for the sensitive mfa/* endpoints all along.
  const s = setup({ mfa: MFA, reauthenticateAfterMs: 24 * 60 * 60_000, ...options })
  const authOptions = accountsAuthOptions(s.accounts)
  const state = { s, authOptions, url: "", userId: "", close: async () => {} }
  beforeAll(async () => {
    const server = await serveNextAuth(authOptions)
    state.url = server.url
    state.close = server.close
    state.userId = await verifiedUser(s)
  })
  afterAll(() => state.close())
  return state
}

/** A session cookie of the user, through a plain password sign-in (two-factor off). */
async function sessionCookie(url: string, email = EMAIL, password = GOOD_PASSWORD): Promise<string> {
  const { cookie } = await signIn(url, email, password)
  if (!cookie) throw new Error(`no session for ${email}`)
  return cookie
}

/** Turns two-factor on through the endpoints; answers the secret and the recovery codes. */
async function turnOn(s: Setup, cookie: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await post(s.accounts, "mfa/setup", {}, { headers: { cookie } })
  expect(started.status).toBe(200)
  const secret = started.body.secret as string
  const enabled = await post(s.accounts, "mfa/enable", { code: codeAt(secret) }, { headers: { cookie } })
  expect(enabled.status).toBe(200)
  return { secret, recoveryCodes: enabled.body.recoveryCodes as string[] }
}

describe("given two-factor set up and enabled", () => {
  const w = world({ rateLimits: LENIENT })
  let cookie: string
  let secret: string
  let recoveryCodes: string[]

  it("setup answers a new secret, its otpauth URI with issuer and address, and an SVG QR code", async () => {
    cookie = await sessionCookie(w.url)
    const answer = await post(w.s.accounts, "mfa/setup", {}, { headers: { cookie } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get("cache-control")).toBe("no-store")
    secret = answer.body.secret as string
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(answer.body.otpauthUrl).toBe(`otpauth://totp/Acme:ada%40example.com?issuer=Acme&secret=${secret}&algorithm=SHA1&digits=6&period=30`)
    const svg = answer.body.qrSvg as string
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+">/)
    expect(svg).toMatch(/<\/svg>$/)
    expect(svg).not.toMatch(/<script|on\w+=/i)
    expect(Object.keys(answer.body).sort()).toEqual(["otpauthUrl", "qrSvg", "secret"])
  })

  it("keeps the setup pending: sign-in without a code still works", async () => {
    expect((await w.s.store.getMfa(w.userId))?.enabledAt).toBeNull()
    expect((await signIn(w.url, EMAIL, GOOD_PASSWORD)).cookie).not.toBeNull()
  })

  it("replaces a pending secret on a second setup", async () => {
    const again = await post(w.s.accounts, "mfa/setup", {}, { headers: { cookie } })
    expect(again.body.secret).not.toBe(secret)
    const stale = await post(w.s.accounts, "mfa/enable", { code: codeAt(secret) }, { headers: { cookie } })
    expect(stale).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { code: "invalid_code" } } })
    secret = again.body.secret as string
  })

  it("refuses to enable without a code or with a wrong one", async () => {
    expect(await post(w.s.accounts, "mfa/enable", {}, { headers: { cookie } })).toMatchObject({
      status: 400,
      body: { error: "invalid_input", fields: { code: "required" } },
    })
    const wrong = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, "0")
    for (const code of [wrong, "abcdef", "12345", codeAt(secret, Date.now() + 2 * STEP)]) {
      if (code === codeAt(secret) || code === codeAt(secret, Date.now() + STEP) || code === codeAt(secret, Date.now() - STEP)) continue
      expect(await post(w.s.accounts, "mfa/enable", { code }, { headers: { cookie } })).toMatchObject({
        status: 400,
        body: { error: "invalid_input", fields: { code: "invalid_code" } },
      })
    }
    expect((await w.s.store.getMfa(w.userId))?.enabledAt).toBeNull()
  })

  it("enables with a right code: ten recovery codes, and an mfa-enabled email", async () => {
    const answer = await post(w.s.accounts, "mfa/enable", { code: codeAt(secret) }, { headers: { cookie } })
    expect(answer.status).toBe(200)
    recoveryCodes = answer.body.recoveryCodes as string[]
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/)
    expect((await w.s.store.getMfa(w.userId))?.enabledAt).toEqual(new Date())
    // The code that turned it on does not sign in too.
    expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: codeAt(secret) }))).toBe("MfaInvalid")
    await w.s.accounts.whenIdle()
    const email = w.s.outbox.at(-1)!
    expect(email).toMatchObject({ kind: "mfa-enabled", to: EMAIL, url: "https://app.example.test/forgot-password" })
    expect(email.subject).toBe("Two-factor authentication is on for your app.example.test account")
    expect(email.text).toContain("Two-factor authentication was just turned on")
  })

  it("answers 409 mfa_enabled to setup and enable once it is on", async () => {
    expect(await post(w.s.accounts, "mfa/setup", {}, { headers: { cookie } })).toMatchObject({
      status: 409,
      body: { error: "mfa_enabled", message: "Two-factor authentication is already on." },
    })
    tick()
    expect(await post(w.s.accounts, "mfa/enable", { code: codeAt(secret) }, { headers: { cookie } })).toMatchObject({
      status: 409,
      body: { error: "mfa_enabled" },
    })
  })

  it("refuses a right password without a code: error=MfaRequired, no session", async () => {
    const answer = await signIn(w.url, EMAIL, GOOD_PASSWORD)
    expect(answer.cookie).toBeNull()
    expect(answer.status).toBe(401)
    expect(errorOf(answer)).toBe("MfaRequired")
    expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: "   " }))).toBe("MfaRequired")
  })

  it("tells nothing before the password is right: a wrong password with or without a code is CredentialsSignin", async () => {
    for (const fields of [{}, { code: codeAt(secret) }, { code: "garbage" }] as Array<Record<string, string>>) {
      const answer = await signIn(w.url, EMAIL, OTHER_PASSWORD, {}, fields)
      expect(answer.cookie).toBeNull()
      expect(errorOf(answer)).toBe("CredentialsSignin")
    }
  })

  it("signs in with a right TOTP code through next-auth, once: the same code again is MfaInvalid", async () => {
    tick()
    const code = codeAt(secret)
    const first = await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code })
    expect(first.cookie).not.toBeNull()
    const session = await fetch(`${w.url}/api/auth/session`, { headers: { cookie: first.cookie! } })
    expect(await session.json()).toMatchObject({ user: { email: EMAIL } })

    const again = await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code })
    expect(again.cookie).toBeNull()
    expect(errorOf(again)).toBe("MfaInvalid")
    // Still refused a step later, while the code is inside the window.
    tick()
    expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code }))).toBe("MfaInvalid")
  })

  it("lets one of 10 concurrent sign-ins with one code through", async () => {
    const code = codeAt(secret)
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => w.s.accounts.authorize({ email: EMAIL, password: GOOD_PASSWORD, code })),
    )
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1)
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason.message).toBe("MfaInvalid")
  })

  it("accepts the code of one step either side (clock drift) and spaces in it", async () => {
    tick(2 * STEP)
    const ahead = codeAt(secret, Date.now() + STEP)
    const spaced = `${ahead.slice(0, 3)} ${ahead.slice(3)}`
    expect((await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: spaced })).cookie).not.toBeNull()
    const behind = codeAt(secret, Date.now() - STEP)
    if (behind !== ahead) expect((await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: behind })).cookie).not.toBeNull()
  })

  it("refuses a wrong code and a code two steps old with MfaInvalid", async () => {
    tick(3 * STEP)
    const current = [-1, 0, 1].map((d) => codeAt(secret, Date.now() + d * STEP))
    const old = codeAt(secret, Date.now() - 2 * STEP)
    const wrong = String((Number(current[1]) + 7) % 1_000_000).padStart(6, "0")
    for (const code of [old, wrong, "1234567", "12345"]) {
      if (current.includes(code)) continue
      expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code }))).toBe("MfaInvalid")
    }
  })

  it("signs in with a recovery code once (any case, spaces or no dash); the second use is MfaInvalid", async () => {
    const [first, second] = recoveryCodes
    const ok = await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: first! })
    expect(ok.cookie).not.toBeNull()
    expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: first! }))).toBe("MfaInvalid")

    const typed = ` ${second!.toUpperCase().replace("-", " ")} `
    expect((await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: typed })).cookie).not.toBeNull()
    expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: second!.replace("-", "") }))).toBe("MfaInvalid")
  })

  it("keeps one user's recovery codes for that user: stored by a hash that includes the user id", async () => {
    const grace = await verifiedUser(w.s, "grace@example.com", GOOD_PASSWORD, "Grace Hopper")
    const graceCookie = await sessionCookie(w.url, "grace@example.com")
    const mine = await turnOn(w.s, graceCookie)
    // Ada's third code cannot be used as Grace's, and Grace's cannot be used as Ada's.
    expect(errorOf(await signIn(w.url, "grace@example.com", GOOD_PASSWORD, {}, { code: recoveryCodes[2]! }))).toBe("MfaInvalid")
    expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: mine.recoveryCodes[0]! }))).toBe("MfaInvalid")
    expect(await w.s.store.consumeToken("mfa-recovery", await recoveryCodeHash(grace, mine.recoveryCodes[0]!), new Date())).toEqual({ ok: true, userId: grace })
    expect((await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: recoveryCodes[2]! })).cookie).not.toBeNull()
  })

  it("keeps the TOTP secret encrypted at rest", async () => {
    const stored = (await w.s.store.getMfa(w.userId))!
    expect(stored.secret).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(stored.secret).not.toContain(secret)
    expect(stored.secret.toUpperCase()).not.toContain(secret)
    for (const part of stored.secret.split(".").slice(1)) {
      expect(Buffer.from(part, "base64url").toString("latin1")).not.toContain(secret)
      expect(Buffer.from(part, "base64url").toString("hex")).not.toContain(Buffer.from(Secret.fromBase32(secret).bytes).toString("hex"))
    }
  })
})

describe("turning two-factor off", () => {
  const w = world({ rateLimits: LENIENT })
  let cookie: string

  beforeAll(async () => {
    cookie = await sessionCookie(w.url)
  })

  it("answers 409 mfa_not_enabled while it is off, and mfa_setup_required to enable without a setup", async () => {
    expect(await post(w.s.accounts, "mfa/disable", { password: GOOD_PASSWORD }, { headers: { cookie } })).toMatchObject({
      status: 409,
      body: { error: "mfa_not_enabled", message: "Two-factor authentication is not on." },
    })
    expect(await post(w.s.accounts, "mfa/enable", { code: "123456" }, { headers: { cookie } })).toMatchObject({
      status: 409,
      body: { error: "mfa_setup_required", message: "Start the two-factor setup first." },
    })
  })

  it("with the password: a wrong one is password mismatch; the right one turns it off, voids the codes and emails mfa-disabled", async () => {
    const { recoveryCodes } = await turnOn(w.s, cookie)
    expect(await post(w.s.accounts, "mfa/disable", {}, { headers: { cookie } })).toMatchObject({
      status: 400,
      body: { error: "invalid_input", fields: { password: "required", code: "required" } },
    })
    expect(await post(w.s.accounts, "mfa/disable", { password: OTHER_PASSWORD }, { headers: { cookie } })).toMatchObject({
      status: 400,
      body: { error: "invalid_input", fields: { password: "mismatch" } },
    })
    expect((await w.s.store.getMfa(w.userId))?.enabledAt).toBeInstanceOf(Date)

    expect(await post(w.s.accounts, "mfa/disable", { password: GOOD_PASSWORD }, { headers: { cookie } })).toMatchObject({
      status: 200,
      body: { ok: true },
    })
    expect(await w.s.store.getMfa(w.userId)).toBeNull()
    expect(await w.s.store.consumeToken("mfa-recovery", await recoveryCodeHash(w.userId, recoveryCodes[0]!), new Date())).toEqual({ ok: false, reason: "unknown" })
    await w.s.accounts.whenIdle()
    expect(w.s.outbox.at(-1)).toMatchObject({ kind: "mfa-disabled", to: EMAIL, subject: "Two-factor authentication is off for your app.example.test account" })
    // Back to a password alone; a code sent along is ignored.
    expect((await signIn(w.url, EMAIL, GOOD_PASSWORD)).cookie).not.toBeNull()
    expect((await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: "000000" })).cookie).not.toBeNull()
  })

  it("with a TOTP code: a wrong one is code invalid_code; a right one turns it off", async () => {
    const { secret } = await turnOn(w.s, cookie)
    tick()
    const wrong = String((Number(codeAt(secret)) + 3) % 1_000_000).padStart(6, "0")
    expect(await post(w.s.accounts, "mfa/disable", { code: wrong }, { headers: { cookie } })).toMatchObject({
      status: 400,
      body: { error: "invalid_input", fields: { code: "invalid_code" } },
    })
    expect(await post(w.s.accounts, "mfa/disable", { code: codeAt(secret) }, { headers: { cookie } })).toMatchObject({ status: 200 })
    expect(await w.s.store.getMfa(w.userId)).toBeNull()
  })

  it("with a recovery code: once", async () => {
    const { recoveryCodes } = await turnOn(w.s, cookie)
    expect(await post(w.s.accounts, "mfa/disable", { code: recoveryCodes[4] }, { headers: { cookie } })).toMatchObject({ status: 200 })
    // The next setup's first code comes from a later step: the one just used works once.
    tick()
    const again = await turnOn(w.s, cookie)
    // The old codes went with the old setup; the new ones work.
    expect(await post(w.s.accounts, "mfa/disable", { code: recoveryCodes[5] }, { headers: { cookie } })).toMatchObject({
      status: 400,
      body: { fields: { code: "invalid_code" } },
    })
    expect(await post(w.s.accounts, "mfa/disable", { code: again.recoveryCodes[0] }, { headers: { cookie } })).toMatchObject({ status: 200 })
  })

  it("regenerates the recovery codes on every enable (the old ones stop working)", async () => {
    const first = await turnOn(w.s, cookie)
    expect(await post(w.s.accounts, "mfa/disable", { password: GOOD_PASSWORD }, { headers: { cookie } })).toMatchObject({ status: 200 })
    tick()
    const second = await turnOn(w.s, cookie)
    expect(second.recoveryCodes).not.toEqual(first.recoveryCodes)
    expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: first.recoveryCodes[1]! }))).toBe("MfaInvalid")
    expect((await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: second.recoveryCodes[1]! })).cookie).not.toBeNull()
  })
})

describe("rate limits", () => {
  describe("of the endpoints", () => {
    const w = world()
    let cookie: string
    beforeAll(async () => {
      cookie = await sessionCookie(w.url)
    })

    it("answers 429 with Retry-After after 10 wrong codes, even to a right one", async () => {
      const { body } = await post(w.s.accounts, "mfa/setup", {}, { headers: { cookie } })
      const secret = body.secret as string
      const valid = new Set([-1, 0, 1].map((d) => codeAt(secret, Date.now() + d * STEP)))
      const wrong = ["000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777", "888888", "999999", "123456", "654321"].filter((c) => !valid.has(c))
      for (const code of wrong.slice(0, 10)) {
        expect((await post(w.s.accounts, "mfa/enable", { code }, { headers: { cookie } })).status).toBe(400)
      }
      const limited = await post(w.s.accounts, "mfa/enable", { code: codeAt(secret) }, { headers: { cookie } })
      expect(limited).toMatchObject({ status: 429, body: { error: "rate_limited" } })
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
      expect((await post(w.s.accounts, "mfa/disable", { password: GOOD_PASSWORD }, { headers: { cookie } })).status).toBe(429)
      // The window ends; the right code works.
      tick(15 * 60_000)
      const fresh = await post(w.s.accounts, "mfa/setup", {}, { headers: { cookie } })
      expect((await post(w.s.accounts, "mfa/enable", { code: codeAt(fresh.body.secret as string) }, { headers: { cookie } })).status).toBe(200)
    })

    it("counts every request per IP (Pages Router: the socket address)", async () => {
      const s = setup({ mfa: MFA, store: w.s.store, reauthenticateAfterMs: 24 * 60 * 60_000, rateLimits: { mfa: { perIp: { limit: 2, windowMs: 60_000 } } } })
      s.accounts.withAccounts(w.authOptions)
      const api = await serveApi(s.accounts.apiHandler as never)
      try {
        const statuses = []
        for (let i = 0; i < 3; i++) {
          const response = await fetch(`${api.url}/api/account/mfa/disable`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: newest(cookie) },
            body: JSON.stringify({ code: "000000" }),
          })
          statuses.push(response.status)
        }
        expect(statuses).toEqual([400, 400, 429])
      } finally {
        await api.close()
      }
    })
  })

  describe("of sign-in codes", () => {
    const w = world()
    it("answers MfaInvalid to 10 wrong codes, then RateLimited even to a right one", async () => {
      const cookie = await sessionCookie(w.url)
      const { secret } = await turnOn(w.s, cookie)
      tick()
      const valid = new Set([-1, 0, 1].map((d) => codeAt(secret, Date.now() + d * STEP)))
      const wrong = ["000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777", "888888", "999999", "123456", "654321"].filter((c) => !valid.has(c))
      for (const code of wrong.slice(0, 10)) expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code }))).toBe("MfaInvalid")
      expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: codeAt(secret) }))).toBe("RateLimited")
      // The password limit is another one: a wrong password still answers CredentialsSignin.
      expect(errorOf(await signIn(w.url, EMAIL, OTHER_PASSWORD, {}, { code: codeAt(secret) }))).toBe("CredentialsSignin")
      // Without a code the answer is still MfaRequired: asking costs nothing.
      expect(errorOf(await signIn(w.url, EMAIL, GOOD_PASSWORD))).toBe("MfaRequired")
      tick(15 * 60_000)
      expect((await signIn(w.url, EMAIL, GOOD_PASSWORD, {}, { code: codeAt(secret) })).cookie).not.toBeNull()
    })
  })
})

describe("who may call the endpoints", () => {
  const w = world()

  it.each(["mfa/setup", "mfa/enable", "mfa/disable"])("%s answers 401 without a session", async (action) => {
    expect(await post(w.s.accounts, action, { code: "123456", password: GOOD_PASSWORD })).toMatchObject({
      status: 401,
      body: { error: "unauthenticated" },
    })
  })

  it.each(["mfa/setup", "mfa/enable", "mfa/disable"])("%s answers 403 to a session without a password account", async (action) => {
    const oauth = await encode({ token: { sub: "github-42", email: "octo@example.com" }, secret: SECRET })
    expect(await post(w.s.accounts, action, { code: "123456" }, { headers: { cookie: `next-auth.session-token=${oauth}` } })).toMatchObject({
      status: 403,
      body: { error: "forbidden" },
    })
  })

  it("answers 405 to GET", async () => {
    const cookie = await sessionCookie(w.url)
    expect(await post(w.s.accounts, "mfa/setup", undefined, { method: "GET", headers: { cookie } })).toMatchObject({ status: 405 })
  })

  it("serves mfa/* from catch-all routes: [...action] in the App Router and the Pages Router", async () => {
    const cookie = await sessionCookie(w.url)
    const request = new Request("https://app.example.test/api/account/mfa/setup", {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: "{}",
    })
    const routed = await w.s.accounts.routeHandlers.POST(request, { params: Promise.resolve({ action: ["mfa", "setup"] }) })
    expect(routed.status).toBe(200)
    // Without params, from the URL.
    const fromUrl = await w.s.accounts.routeHandlers.POST(new Request(request.url, { method: "POST", headers: request.headers, body: "{}" }))
    expect(fromUrl.status).toBe(200)

    const api = await serveApi(((req: { url: string; query: Record<string, unknown> }, res: unknown) => {
      req.query.action = new URL(req.url, "http://x").pathname.replace("/api/account/", "").split("/")
      return w.s.accounts.apiHandler(req as never, res as never)
    }) as never)
    try {
      const response = await fetch(`${api.url}/api/account/mfa/setup`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: "{}" })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { otpauthUrl: string }).otpauthUrl).toMatch(/^otpauth:\/\/totp\/Acme:/)
    } finally {
      await api.close()
    }
  })
})

describe("without the mfa option", () => {
  it("answers 404 not_found to the mfa endpoints, signed in or not", async () => {
    const s = setup()
    const authOptions = accountsAuthOptions(s.accounts)
    const server = await serveNextAuth(authOptions)
    try {
      await verifiedUser(s)
      const cookie = await sessionCookie(server.url)
      for (const action of ["mfa/setup", "mfa/enable", "mfa/disable"]) {
        expect(await post(s.accounts, action, {}, { headers: { cookie } })).toMatchObject({ status: 404, body: { error: "not_found" } })
        expect(await post(s.accounts, action, {})).toMatchObject({ status: 404 })
      }
    } finally {
      await server.close()
    }
  })

  it("signs in with the password alone, ignoring two-factor state and codes", async () => {
    const store = memoryAccountStore()
    const on = world.direct({ mfa: MFA, store })
    const off = world.direct({ store })
    const server = await serveNextAuth(on.authOptions)
    const plain = await serveNextAuth(off.authOptions)
    try {
      await verifiedUser(on.s)
      await turnOn(on.s, await sessionCookie(server.url))
      expect(errorOf(await signIn(server.url, EMAIL, GOOD_PASSWORD))).toBe("MfaRequired")
      expect((await signIn(plain.url, EMAIL, GOOD_PASSWORD)).cookie).not.toBeNull()
      expect((await signIn(plain.url, EMAIL, GOOD_PASSWORD, {}, { code: "not a code" })).cookie).not.toBeNull()
    } finally {
      await server.close()
      await plain.close()
    }
  })
})

describe("a secret that does not open", () => {
  it("fails closed at sign-in with a TOTP code (AccountsUnavailable, reported), while recovery codes still work", async () => {
    const { s, authOptions } = world.direct({ mfa: MFA })
    const server = await serveNextAuth(authOptions)
    try {
      const userId = await verifiedUser(s)
      const cookie = await sessionCookie(server.url)
      const { secret, recoveryCodes } = await turnOn(s, cookie)
      const stored = (await s.store.getMfa(userId))!
      const at = stored.secret.length - 5
      const tampered = stored.secret.slice(0, at) + (stored.secret[at] === "A" ? "B" : "A") + stored.secret.slice(at + 1)
      await s.store.setMfa(userId, { ...stored, secret: tampered })
      tick()

      const answer = await signIn(server.url, EMAIL, GOOD_PASSWORD, {}, { code: codeAt(secret) })
      expect(answer.cookie).toBeNull()
      expect(errorOf(answer)).toBe("AccountsUnavailable")
      expect(s.errors.at(-1)).toBeInstanceOf(MfaSecretError)
      expect(String((s.errors.at(-1) as Error).message)).toMatch(/cannot be decrypted/)
      // No code: still asked for one; a recovery code does not need the secret.
      expect(errorOf(await signIn(server.url, EMAIL, GOOD_PASSWORD))).toBe("MfaRequired")
      expect((await signIn(server.url, EMAIL, GOOD_PASSWORD, {}, { code: recoveryCodes[0]! })).cookie).not.toBeNull()
      // The endpoints answer 500, nothing leaked.
      const disabled = await post(s.accounts, "mfa/disable", { code: codeAt(secret) }, { headers: { cookie } })
      expect(disabled).toMatchObject({ status: 500, body: { error: "internal_error" } })
      expect(JSON.stringify(disabled.body)).not.toMatch(/decrypt|secret/i)
    } finally {
      await server.close()
    }
  })

  it("fails closed when the app's secret changed, and for a sealed secret copied to another user", async () => {
    const store = memoryAccountStore()
    const { s, authOptions } = world.direct({ mfa: MFA, store })
    const server = await serveNextAuth(authOptions)
    try {
      const ada = await verifiedUser(s)
      const { secret } = await turnOn(s, await sessionCookie(server.url))
      tick()
      // Another instance whose secret is not the one that sealed it.
      const other = world.direct({ mfa: MFA, store, secret: "another-secret-that-is-not-the-apps-own" })
      await expect(other.s.accounts.authorize({ email: EMAIL, password: GOOD_PASSWORD, code: codeAt(secret) })).rejects.toThrow("AccountsUnavailable")
      expect(other.s.errors.at(-1)).toBeInstanceOf(MfaSecretError)

      const grace = await verifiedUser(s, "grace@example.com", GOOD_PASSWORD, "Grace")
      await s.store.setMfa(grace, (await s.store.getMfa(ada))!)
      await expect(s.accounts.authorize({ email: "grace@example.com", password: GOOD_PASSWORD, code: codeAt(secret) })).rejects.toThrow("AccountsUnavailable")
    } finally {
      await server.close()
    }
  })

  it("refuses a missing app secret as invalid_config: the endpoints before any work, handle with 500 and authorize AccountsUnavailable, nothing leaked", async () => {
    const saved = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, AUTH_SECRET: process.env.AUTH_SECRET }
    delete process.env.NEXTAUTH_SECRET
    delete process.env.AUTH_SECRET
    try {
      const s = setup({ mfa: MFA, secret: undefined })
      await expect(post(s.accounts, "signup", { email: EMAIL, password: GOOD_PASSWORD })).rejects.toMatchObject({
        code: "invalid_config",
        message: expect.stringMatching(/Set NEXTAUTH_SECRET/),
      })
      expect(s.outbox).toEqual([])
      const answer = await s.accounts.handle("signup", { method: "POST", body: { email: EMAIL, password: GOOD_PASSWORD }, request: { headers: {}, cookies: {} } })
      expect(answer).toMatchObject({ status: 500, body: { error: "internal_error" } })
      expect(JSON.stringify(answer.body)).not.toMatch(/NEXTAUTH_SECRET/)
      expect(isAuthKitError(s.errors.at(-1), "invalid_config")).toBe(true)
      expect(String((s.errors.at(-1) as Error).message)).toMatch(/NEXTAUTH_SECRET/)
      await expect(s.accounts.authorize({ email: EMAIL, password: GOOD_PASSWORD, code: "123456" })).rejects.toThrow("AccountsUnavailable")
      expect(isAuthKitError(s.errors.at(-1), "invalid_config")).toBe(true)
    } finally {
      Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)))
    }
  })
})

describe("the options", () => {
  const base = { store: memoryAccountStore(), sendEmail: async () => {} }

  it("refuses an mfa option without a usable issuer, and an empty secret", () => {
    for (const mfa of [{ issuer: "" }, { issuer: "  " }, { issuer: "Acme:Prod" }, { issuer: 42 }, {}, "Acme", null]) {
      expect(() => createAccounts({ ...base, mfa: mfa as never })).toThrow(/mfa\.issuer/)
    }
    try {
      createAccounts({ ...base, mfa: { issuer: "" } })
    } catch (error) {
      expect(isAuthKitError(error, "invalid_config")).toBe(true)
    }
    expect(() => createAccounts({ ...base, secret: "" })).toThrow(/`secret`/)
    expect(() => createAccounts({ ...base, mfa: { issuer: "Acme" }, secret: "s3cret" })).not.toThrow()
  })

  it("needs getMfa and setMfa only with mfa", () => {
    const { getMfa: _get, setMfa: _set, ...older } = memoryAccountStore()
    expect(() => createAccounts({ ...base, store: older as AccountStore })).not.toThrow()
    expect(() => createAccounts({ ...base, store: older as AccountStore, mfa: MFA })).toThrow(/getMfa and setMfa/)
  })
})

/** A world for one test, not tied to beforeAll. */
world.direct = (options: Parameters<typeof setup>[0] = {}) => {
  const s = setup(options)
  return { s, authOptions: accountsAuthOptions(s.accounts) }
}
