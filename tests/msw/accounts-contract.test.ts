/**
 * Keeps the account mocks honest: the same sequences of requests run once against the real
 * endpoints (`createAccounts(...).routeHandlers.POST` over `memoryAccountStore()`, with a real
 * next-auth server for the sessions, on 127.0.0.1) and once against `accountHandlers` at the
 * same URL, and must give the same statuses, bodies (the human `message` and the random sign-in
 * `grant` may differ), headers that matter, emails and sign-in results. The mocks' list of common
 * passwords is also held against the server's.
 */
import type { NextApiHandler } from "next"
import type { NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"
import { setupServer } from "msw/node"
import { Secret, TOTP } from "otpauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccountHandlers, type AccountHandlersOptions, accountHandlers, COMMON_PASSWORDS } from "../../src/msw"
import { type AccountEmail, type Accounts, type AccountsOptions, createAccounts, memoryAccountStore, scryptHasher } from "../../src/server"
import { commonPasswords } from "../../src/server/accounts/password"
import { checkNewPassword } from "../../src/core/accounts/passwords"
import { makeAuthOptions, serveApi } from "../server/harness"

const GOOD = "correct horse battery staple"
const OTHER = "tr0ub4dor & three"
const cheapHasher = scryptHasher({ N: 2 ** 10 })

// ---------------------------------------------------------------------------------------------
// The real side: one HTTP server; /api/auth/* is next-auth with the accounts' authorize and
// withAccounts, /api/account/* the App Router handler, each of the pair in use.

interface RealSide {
  accounts: Accounts
  nextAuth: NextApiHandler
  outbox: AccountEmail[]
}
let current: RealSide
let real: Awaited<ReturnType<typeof serveApi>>
let client: typeof import("next-auth/react")

async function readRaw(req: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString("utf8")
}
const parseCookies = (header: string | undefined): Record<string, string> =>
  Object.fromEntries(
    (header ?? "")
      .split(";")
      .map((pair) => pair.trim().split("="))
      .filter(([name]) => name)
      .map(([name, ...value]) => [name!, decodeURIComponent(value.join("="))]),
  )

const dispatch: NextApiHandler = async (req, res) => {
  const url = new URL(req.url!, real.url)
  const raw = await readRaw(req)
  if (url.pathname.startsWith("/api/auth/")) {
    const type = req.headers["content-type"] ?? ""
    req.body = type.includes("application/json") ? JSON.parse(raw || "{}") : Object.fromEntries(new URLSearchParams(raw))
    req.cookies = parseCookies(req.headers.cookie)
    req.query = { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.slice("/api/auth/".length).split("/") }
    return current.nextAuth(req, res)
  }
  if (url.pathname.startsWith("/api/account/")) {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one)
    }
    const method = req.method ?? "GET"
    const request = new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : raw })
    // Every method goes to the one handler, as the Pages Router adapter does: it answers 405
    // itself (Next's App Router answers unexported methods with its own 405 before it).
    const response = await current.accounts.routeHandlers.POST(request, {
      params: Promise.resolve({ action: url.pathname.slice("/api/account/".length) }),
    })
    res.statusCode = response.status
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") res.setHeader(name, value)
    })
    if (response.headers.getSetCookie().length) res.setHeader("Set-Cookie", response.headers.getSetCookie())
    return void res.end(Buffer.from(await response.arrayBuffer()))
  }
  res.statusCode = 404
  res.end()
}

// ---------------------------------------------------------------------------------------------
// The mock side, at the same URL.

const msw = setupServer()
let mock: AccountHandlers

/** The app's one configuration, handed to both sides. */
const config = {
  loginPath: "/login",
  accounts: { accountPath: "/api/account", pages: { signUp: "/signup", forgotPassword: "/forgot-password" } },
}

/** A real `createAccounts` and mock handlers configured alike, for the scenarios that follow. */
function pair(realOptions: Partial<AccountsOptions> = {}, mockOptions: AccountHandlersOptions = {}) {
  const outbox: AccountEmail[] = []
  const accounts = createAccounts({
    ...config,
    store: memoryAccountStore(),
    sendEmail: async (email) => void outbox.push(email),
    baseUrl: real.url,
    hasher: cheapHasher,
    defaultRoles: ["user"],
    onError: (error) => {
      throw error
    },
    ...realOptions,
  })
  const authOptions: NextAuthOptions = accounts.withAccounts(
    makeAuthOptions({
      providers: [CredentialsProvider({ credentials: { email: {}, password: {} }, authorize: accounts.authorize })],
    }),
  )
  return import("next-auth").then(({ default: NextAuth }) => {
    current = { accounts, nextAuth: NextAuth(authOptions) as NextApiHandler, outbox }
    mock = accountHandlers({ config, defaultRoles: ["user"], ...mockOptions })
    msw.resetHandlers(...mock)
  })
}

// A cookie jar around fetch, as a browser keeps cookies between requests.
const originalFetch = globalThis.fetch
let inner: typeof fetch = originalFetch
let jar = new Map<string, string>()
const jarFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers)
  if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "))
  const response = await inner(input, { ...init, headers })
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(";")
    const [name, ...value] = pair!.split("=")
    if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name!)
    else jar.set(name!, value.join("="))
  }
  return response
}

/** What a scenario may do, the same way on both sides. */
interface Side {
  post(action: string, body: unknown, init?: { method?: string; contentType?: string; raw?: string; headers?: Record<string, string> }): Promise<Answer>
  /** The token of the newest email of a kind to an address. */
  token(to: string, kind?: "verify-email" | "reset-password"): Promise<string>
  /** The emails sent since the scenario started, newest first, the token in the URL masked. */
  emails(): Promise<Array<{ to: string; kind: string; url: string }>>
  signIn(email: string, password: string, code?: string): Promise<unknown>
  /** Signs in with the grant of the newest answer that carried one (`verify-email`). */
  signInWithGrant(): Promise<unknown>
  session(): Promise<unknown>
}
interface Answer {
  status: number
  body: Record<string, unknown>
  allow: string | null
  cacheControl: string | null
  /** Retry-After as seconds, when present (its value depends on the window; checked apart). */
  retryAfter: number | null
}

const tokenOf = (url: string) => new URL(url).searchParams.get("token")
const mask = (url: string) => url.replace(/token=[\w-]+/, "token=<token>")

function side(which: "real" | "mock"): Side {
  const start = which === "real" ? current.outbox.length : 0
  let grant: string | undefined
  const emails = async () => {
    if (which === "mock") return mock.outbox.map(({ to, kind, url }) => ({ to, kind, url }))
    await current.accounts.whenIdle()
    return current.outbox.slice(start).reverse().map(({ to, kind, url }) => ({ to, kind, url }))
  }
  return {
    async post(action, body, init = {}) {
      const method = init.method ?? "POST"
      const response = await fetch(`${real.url}/api/account/${action}`, {
        method,
        headers: { "content-type": init.contentType ?? "application/json", ...init.headers },
        body: method === "GET" ? undefined : (init.raw ?? JSON.stringify(body)),
      })
      const json = (await response.json()) as Record<string, unknown>
      const retry = response.headers.get("retry-after")
      // A grant is random: it must have a token's shape, and is kept to sign in with.
      if (typeof json.grant === "string" && /^[\w-]{43}$/.test(json.grant)) {
        grant = json.grant
        json.grant = "<grant>"
      }
      return {
        status: response.status,
        // The human sentence may differ; it must be there for an error.
        body: typeof json.message === "string" ? { ...json, message: "<message>" } : json,
        allow: response.headers.get("allow"),
        cacheControl: response.headers.get("cache-control"),
        retryAfter: retry === null ? null : Number(retry),
      }
    },
    async token(to, kind = "verify-email") {
      const email = (await emails()).find((e) => e.to === to && e.kind === kind)
      if (!email) throw new Error(`${which}: no ${kind} email to ${to}`)
      const full = which === "mock" ? mock.tokenFor(to, kind) : tokenOf(current.outbox.filter((e) => e.to === to && e.kind === kind).at(-1)!.url)
      return full!
    },
    emails: async () => (await emails()).map((e) => ({ ...e, url: mask(e.url) })),
    signIn: (email, password, code) =>
      client.signIn("credentials", { redirect: false, email, password, ...(code === undefined ? {} : { code }), callbackUrl: "/dashboard" }),
    signInWithGrant: () => client.signIn("credentials", { redirect: false, grant, callbackUrl: "/dashboard" }),
    async session() {
      const session = await client.getSession()
      return session && { user: session.user, expires: typeof session.expires }
    },
  }
}

/** Runs a scenario against the real endpoints, then against the mocks, each with a fresh jar. */
async function both<T>(scenario: (s: Side) => Promise<T>): Promise<{ real: T; mock: T }> {
  jar = new Map()
  inner = originalFetch
  globalThis.fetch = jarFetch
  let fromReal: T
  try {
    fromReal = await scenario(side("real"))
  } finally {
    globalThis.fetch = originalFetch
  }

  msw.listen({ onUnhandledRequest: "error" })
  mock.reset()
  jar = new Map()
  inner = globalThis.fetch
  globalThis.fetch = jarFetch
  try {
    return { real: fromReal, mock: await scenario(side("mock")) }
  } finally {
    msw.close()
    inner = originalFetch
    globalThis.fetch = originalFetch
  }
}

let unique = 0
/** A fresh address per run, so that the real store (which both() does not reset) starts clean. */
const fresh = (name: string) => `${name}-${++unique}@example.com`

beforeAll(async () => {
  real = await serveApi(dispatch)
  process.env.NEXTAUTH_URL = real.url
  client = await import("next-auth/react")
  await pair()
})

afterAll(async () => {
  globalThis.fetch = originalFetch
  msw.close()
  await real.close()
})

const error = (code: string, extra: Record<string, unknown> = {}) => ({ error: code, message: "<message>", ...extra })
const okAnswer = (status: number) => ({ status, body: { ok: true }, allow: null, cacheControl: "no-store", retryAfter: null })
const errorAnswer = (status: number, code: string, extra: Record<string, unknown> = {}, allow: string | null = null) => ({
  status,
  body: error(code, extra),
  allow,
  cacheControl: "no-store",
  retryAfter: null,
})

describe("accountHandlers against createAccounts", () => {
  it("agree on sign up (pending) → CredentialsSignin → confirm → the grant signs in, once → the session", async () => {
    const email = fresh("lin")
    const { real, mock } = await both(async (s) => {
      const signup = await s.post("signup", { email: email.toUpperCase(), password: GOOD, name: "Lin" })
      const before = await s.signIn(email, GOOD)
      const wrong = await s.signIn(email, "wrong password")
      const emails = await s.emails()
      const token = await s.token(email)
      const verify = await s.post("verify-email", { token })
      const again = await s.post("verify-email", { token })
      const withGrant = await s.signInWithGrant()
      const session = await s.session()
      await client.signOut({ redirect: false, callbackUrl: "/" })
      const grantAgain = await s.signInWithGrant()
      const signedOut = await s.session()
      const after = await s.signIn(email, GOOD)
      return { signup, before, wrong, emails, verify, again, withGrant, session, grantAgain, signedOut, after }
    })
    const rejected = { ok: false, error: "CredentialsSignin", status: 401, url: null }
    const signedIn = { ok: true, error: null, status: 200, url: `${realUrl()}/dashboard` }
    expect(real).toEqual({
      signup: okAnswer(202),
      // A pending address answers as a wrong password: nothing tells them apart.
      before: rejected,
      wrong: rejected,
      emails: [{ to: email, kind: "verify-email", url: `${realUrl()}/verify-email?token=<token>` }],
      verify: { ...okAnswer(200), body: { ok: true, grant: "<grant>" } },
      again: errorAnswer(400, "invalid_token", { reason: "unknown" }),
      withGrant: signedIn,
      session: { user: { name: "Lin", email, roles: ["user"] }, expires: "string" },
      grantAgain: rejected,
      signedOut: null,
      after: signedIn,
    })
    expect(mock).toEqual(real)
  })

  it("agree on every field error", async () => {
    const cases: Array<[string, unknown]> = [
      ["signup", {}],
      ["signup", { email: "not-an-address", password: GOOD }],
      ["signup", { email: "a@b", password: GOOD }],
      ["signup", { email: "a..b@example.com", password: GOOD }],
      ["signup", { email: `${"a".repeat(250)}@example.com`, password: GOOD }],
      ["signup", { email: "x@example.com", password: "short" }],
      ["signup", { email: "x@example.com", password: "x".repeat(129) }],
      ["signup", { email: "x@example.com", password: "password" }],
      ["signup", { email: "x@example.com", password: "12345678" }],
      ["signup", { email: "x@example.com", password: "Qwerty123" }],
      ["signup", { email: "x@example.com", password: GOOD, name: "n".repeat(101) }],
      ["signup", { email: 42, password: ["x"], name: 7 }],
      ["verify-email", {}],
      ["verify-email", { token: "" }],
      ["resend-verification", {}],
      ["resend-verification", { email: "nope" }],
      ["forgot-password", { email: "@example.com" }],
      ["reset-password", {}],
      ["reset-password", { token: "t", password: "password" }],
      ["reset-password", { token: "t", password: "🔑".repeat(7) }],
    ]
    const { real, mock } = await both(async (s) => {
      const answers = []
      for (const [action, body] of cases) answers.push(await s.post(action, body))
      return answers
    })
    expect(real.every((answer) => answer.status === 400 && answer.body.error === "invalid_input" && answer.body.fields)).toBe(true)
    expect(real[0]!.body.fields).toEqual({ email: "required", password: "required" })
    expect(mock).toEqual(real)
  })

  it("agree on what is not a request: methods, bodies, unknown actions", async () => {
    const { real, mock } = await both(async (s) => ({
      get: await s.post("signup", undefined, { method: "GET" }),
      put: await s.post("reset-password", {}, { method: "PUT" }),
      form: await s.post("forgot-password", undefined, { contentType: "application/x-www-form-urlencoded", raw: "email=a%40example.com" }),
      text: await s.post("forgot-password", undefined, { contentType: "text/plain", raw: '{"email":"a@example.com"}' }),
      broken: await s.post("signup", undefined, { raw: '{"email":' }),
      array: await s.post("verify-email", [{ token: "t" }]),
      huge: await s.post("signup", { email: "a@example.com", password: GOOD, name: "n".repeat(17_000) }),
      unknown: await s.post("no-such-action", {}),
      unknownGet: await s.post("nope", undefined, { method: "GET" }),
      mergePatch: await s.post("forgot-password", { email: fresh("patch") }, { contentType: "application/merge-patch+json" }),
    }))
    expect(real).toEqual({
      get: errorAnswer(405, "method_not_allowed", {}, "POST"),
      put: errorAnswer(405, "method_not_allowed", {}, "POST"),
      form: errorAnswer(400, "invalid_input"),
      text: errorAnswer(400, "invalid_input"),
      broken: errorAnswer(400, "invalid_input"),
      array: errorAnswer(400, "invalid_input"),
      huge: errorAnswer(400, "invalid_input"),
      unknown: errorAnswer(404, "not_found"),
      unknownGet: errorAnswer(404, "not_found"),
      mergePatch: okAnswer(202),
    })
    expect(mock).toEqual(real)
  })

  it("agree on no enumeration: taken, unknown, verified and unverified addresses answer alike", async () => {
    const taken = fresh("taken")
    const pending = fresh("pending")
    const nobody = fresh("nobody")
    const { real, mock } = await both(async (s) => {
      await s.post("signup", { email: taken, password: GOOD })
      await s.post("verify-email", { token: await s.token(taken) })
      await s.post("signup", { email: pending, password: GOOD })
      return {
        signupTaken: await s.post("signup", { email: taken, password: OTHER }),
        signupNew: await s.post("signup", { email: nobody, password: GOOD }),
        forgotKnown: await s.post("forgot-password", { email: taken }),
        forgotUnknown: await s.post("forgot-password", { email: fresh("ghost") }),
        resendVerified: await s.post("resend-verification", { email: taken }),
        resendPending: await s.post("resend-verification", { email: pending }),
        resendUnknown: await s.post("resend-verification", { email: fresh("ghost") }),
        oldPasswordKept: await s.signIn(taken, GOOD),
        emails: await s.emails(),
      }
    })
    for (const name of ["signupTaken", "signupNew", "forgotKnown", "forgotUnknown", "resendVerified", "resendPending", "resendUnknown"] as const) {
      expect(real[name], name).toEqual(okAnswer(202))
    }
    expect(real.oldPasswordKept).toMatchObject({ ok: true })
    expect(real.emails.map((e) => [e.to, e.kind])).toEqual([
      [pending, "verify-email"],
      [taken, "reset-password"],
      [nobody, "verify-email"],
      [taken, "signup-attempt"],
      [pending, "verify-email"],
      [taken, "verify-email"],
    ])
    expect(mock).toEqual(real)
  })

  it("agree on tokens: unknown, malformed, of the other kind, used, voided once another was used", async () => {
    const email = fresh("tokens")
    const pending = fresh("pending")
    const { real, mock } = await both(async (s) => {
      await s.post("signup", { email, password: GOOD })
      await s.post("verify-email", { token: await s.token(email) })
      await s.post("signup", { email: pending, password: GOOD })
      const verifyToken = await s.token(pending)
      await s.post("forgot-password", { email })
      const firstReset = await s.token(email, "reset-password")
      await s.post("forgot-password", { email })
      const secondReset = await s.token(email, "reset-password")
      return {
        unknown: await s.post("verify-email", { token: "A".repeat(43) }),
        malformed: await s.post("verify-email", { token: "not a token" }),
        resetOnVerify: await s.post("verify-email", { token: secondReset }),
        verifyOnReset: await s.post("reset-password", { token: verifyToken, password: OTHER }),
        // A newer link leaves the older one valid (a stranger's request cannot void the owner's
        // link); using either voids the other.
        reset: await s.post("reset-password", { token: firstReset, password: OTHER }),
        voided: await s.post("reset-password", { token: secondReset, password: OTHER }),
        used: await s.post("reset-password", { token: firstReset, password: GOOD }),
        signIn: await s.signIn(email, OTHER),
        // The pending sign-up's link still works, once.
        verifyPending: await s.post("verify-email", { token: verifyToken }),
        verifyPendingAgain: await s.post("verify-email", { token: verifyToken }),
        emails: await s.emails(),
      }
    })
    expect(real).toMatchObject({
      unknown: errorAnswer(400, "invalid_token", { reason: "unknown" }),
      malformed: errorAnswer(400, "invalid_token", { reason: "unknown" }),
      resetOnVerify: errorAnswer(400, "invalid_token", { reason: "unknown" }),
      verifyOnReset: errorAnswer(400, "invalid_token", { reason: "unknown" }),
      voided: errorAnswer(400, "invalid_token", { reason: "unknown" }),
      reset: okAnswer(200),
      used: errorAnswer(400, "invalid_token", { reason: "used" }),
      signIn: { ok: true },
      verifyPending: { status: 200, body: { ok: true, grant: "<grant>" } },
      verifyPendingAgain: errorAnswer(400, "invalid_token", { reason: "unknown" }),
    })
    expect(mock).toEqual(real)
  })

  it("agree on forgot → reset: the session ends, the old password fails, the new one works", async () => {
    const email = fresh("reset")
    const { real, mock } = await both(async (s) => {
      await s.post("signup", { email, password: GOOD })
      await s.post("verify-email", { token: await s.token(email) })
      await s.signIn(email, GOOD)
      const signedIn = await s.session()
      await s.post("forgot-password", { email: ` ${email.toUpperCase()}` })
      const reset = await s.post("reset-password", { token: await s.token(email, "reset-password"), password: OTHER })
      return {
        signedIn: signedIn !== null,
        reset,
        after: await s.session(),
        old: await s.signIn(email, GOOD),
        renewed: await s.signIn(email, OTHER),
        emails: await s.emails(),
      }
    })
    expect(real).toEqual({
      signedIn: true,
      reset: okAnswer(200),
      after: null,
      old: { ok: false, error: "CredentialsSignin", status: 401, url: null },
      renewed: { ok: true, error: null, status: 200, url: `${realUrl()}/dashboard` },
      emails: [
        { to: email, kind: "password-changed", url: `${realUrl()}/forgot-password` },
        { to: email, kind: "reset-password", url: `${realUrl()}/reset-password?token=<token>` },
        { to: email, kind: "verify-email", url: `${realUrl()}/verify-email?token=<token>` },
      ],
    })
    expect(mock).toEqual(real)
  })

  it("agree on change-password: 401 signed out, field errors, mismatch, then 200 and the session kept", async () => {
    const email = fresh("change")
    const { real, mock } = await both(async (s) => {
      await s.post("signup", { email, password: GOOD, name: "Cy" })
      await s.post("verify-email", { token: await s.token(email) })
      const signedOut = await s.post("change-password", { currentPassword: GOOD, newPassword: OTHER })
      await s.signIn(email, GOOD)
      return {
        signedOut,
        missing: await s.post("change-password", {}),
        common: await s.post("change-password", { currentPassword: GOOD, newPassword: "qwerty123" }),
        mismatch: await s.post("change-password", { currentPassword: "not it", newPassword: OTHER }),
        changed: await s.post("change-password", { currentPassword: GOOD, newPassword: OTHER }),
        session: await s.session(),
        signOut: await client.signOut({ redirect: false, callbackUrl: "/" }),
        old: await s.signIn(email, GOOD),
        renewed: await s.signIn(email, OTHER),
        emails: (await s.emails()).map((e) => e.kind),
      }
    })
    expect(real).toEqual({
      signedOut: errorAnswer(401, "unauthenticated"),
      missing: errorAnswer(400, "invalid_input", { fields: { currentPassword: "required", newPassword: "required" } }),
      common: errorAnswer(400, "invalid_input", { fields: { newPassword: "too_common" } }),
      mismatch: errorAnswer(400, "invalid_input", { fields: { currentPassword: "mismatch" } }),
      changed: okAnswer(200),
      session: { user: { name: "Cy", email, roles: ["user"] }, expires: "string" },
      signOut: { url: `${realUrl()}/` },
      old: { ok: false, error: "CredentialsSignin", status: 401, url: null },
      renewed: { ok: true, error: null, status: 200, url: `${realUrl()}/dashboard` },
      emails: ["password-changed", "verify-email"],
    })
    expect(mock).toEqual(real)
  })

  it("agree on two-factor: setup, enable, MfaRequired, codes and recovery codes once each, disable", async () => {
    await pair({ mfa: { issuer: "Acme" } }, { mfa: { issuer: "Acme" } })
    const email = fresh("mfa")
    const codeAt = (secret: string, steps: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 })
    try {
      const { real, mock } = await both(async (s) => {
        await s.post("signup", { email, password: GOOD })
        await s.post("verify-email", { token: await s.token(email) })
        const signedOut = await s.post("mfa/setup", {})
        await s.signIn(email, GOOD)
        const early = await s.post("mfa/enable", { code: "123456" })
        const setup = await s.post("mfa/setup", {})
        const secret = setup.body.secret as string
        const missing = await s.post("mfa/enable", {})
        const wrong = await s.post("mfa/enable", { code: codeAt(secret, 0) === "000000" ? "111111" : "000000" })
        const enabled = await s.post("mfa/enable", { code: codeAt(secret, 0) })
        const codes = enabled.body.recoveryCodes as string[]
        const again = await s.post("mfa/setup", {})
        await client.signOut({ redirect: false, callbackUrl: "/" })
        const required = await s.signIn(email, GOOD)
        const wrongPassword = await s.signIn(email, OTHER, codeAt(secret, 1))
        const withCode = await s.signIn(email, GOOD, codeAt(secret, 1))
        await client.signOut({ redirect: false, callbackUrl: "/" })
        const reused = await s.signIn(email, GOOD, codeAt(secret, 1))
        const recovery = await s.signIn(email, GOOD, codes[0]!.toUpperCase())
        await client.signOut({ redirect: false, callbackUrl: "/" })
        const recoveryAgain = await s.signIn(email, GOOD, codes[0]!)
        const recoveryOther = await s.signIn(email, GOOD, codes[1]!)
        return {
          signedOut,
          early,
          setup: { ...setup, body: Object.keys(setup.body).sort() },
          label: decodeURIComponent(String(setup.body.otpauthUrl).split("?")[0]!),
          missing,
          wrong,
          enabled: { ...enabled, body: codes.map((code) => /^[a-z2-7]{5}-[a-z2-7]{5}$/.test(code)) },
          again,
          required,
          wrongPassword,
          withCode,
          reused,
          recovery,
          recoveryAgain,
          recoveryOther,
          neither: await s.post("mfa/disable", {}),
          mismatch: await s.post("mfa/disable", { password: OTHER }),
          badCode: await s.post("mfa/disable", { code: "zzzzz-zzzzz" }),
          disabled: await s.post("mfa/disable", { password: GOOD }),
          off: await s.post("mfa/disable", { password: GOOD }),
          emails: (await s.emails()).map((e) => e.kind),
        }
      })
      const fail = (error: string) => ({ ok: false, error, status: 401, url: null })
      const signedIn = { ok: true, error: null, status: 200, url: `${realUrl()}/dashboard` }
      expect(real).toEqual({
        signedOut: errorAnswer(401, "unauthenticated"),
        early: errorAnswer(409, "mfa_setup_required"),
        setup: { status: 200, body: ["otpauthUrl", "qrSvg", "secret"], allow: null, cacheControl: "no-store", retryAfter: null },
        label: `otpauth://totp/Acme:${email}`,
        missing: errorAnswer(400, "invalid_input", { fields: { code: "required" } }),
        wrong: errorAnswer(400, "invalid_input", { fields: { code: "invalid_code" } }),
        enabled: { status: 200, body: Array(10).fill(true), allow: null, cacheControl: "no-store", retryAfter: null },
        again: errorAnswer(409, "mfa_enabled"),
        required: fail("MfaRequired"),
        wrongPassword: fail("CredentialsSignin"),
        withCode: signedIn,
        reused: fail("MfaInvalid"),
        recovery: signedIn,
        recoveryAgain: fail("MfaInvalid"),
        recoveryOther: signedIn,
        neither: errorAnswer(400, "invalid_input", { fields: { password: "required", code: "required" } }),
        mismatch: errorAnswer(400, "invalid_input", { fields: { password: "mismatch" } }),
        badCode: errorAnswer(400, "invalid_input", { fields: { code: "invalid_code" } }),
        disabled: okAnswer(200),
        off: errorAnswer(409, "mfa_not_enabled"),
        emails: ["mfa-disabled", "mfa-enabled", "verify-email"],
      })
      expect(mock).toEqual(real)
    } finally {
      await pair()
    }
  })

  it("agree on expired links", async () => {
    await pair({ tokenTtl: { verifyEmail: 100, resetPassword: 100 } }, { tokenTtl: { verifyEmail: 100, resetPassword: 100 } })
    const email = fresh("expired")
    const pending = fresh("pending")
    try {
      const { real, mock } = await both(async (s) => {
        await s.post("signup", { email, password: GOOD })
        await s.post("verify-email", { token: await s.token(email) })
        await s.post("forgot-password", { email })
        await s.post("signup", { email: pending, password: GOOD })
        const verifyToken = await s.token(pending)
        const resetToken = await s.token(email, "reset-password")
        await new Promise((resolve) => setTimeout(resolve, 150))
        return {
          verify: await s.post("verify-email", { token: verifyToken }),
          reset: await s.post("reset-password", { token: resetToken, password: OTHER }),
        }
      })
      expect(real).toEqual({
        verify: errorAnswer(400, "invalid_token", { reason: "expired" }),
        reset: errorAnswer(400, "invalid_token", { reason: "expired" }),
      })
      expect(mock).toEqual(real)
    } finally {
      await pair()
    }
  })

  it("agree on rate limits: 429 with Retry-After after the limit, counted after the field checks", async () => {
    const window = { limit: 2, windowMs: 60_000 }
    await pair(
      {
        trustProxy: true,
        rateLimits: {
          signUp: { perAddress: window, perIp: false },
          email: { perAddress: window, perIp: false },
          token: { perAddress: false, perIp: window },
        },
      },
      { rateLimit: { after: 2, retryAfter: 60, actions: ["signup", "resend-verification", "forgot-password", "verify-email", "reset-password"] } },
    )
    const email = fresh("limited")
    const headers = { "x-forwarded-for": "203.0.113.7" }
    try {
      const { real, mock } = await both(async (s) => {
        const answers: Record<string, Answer> = {}
        answers.invalid = await s.post("signup", { email, password: "short" }, { headers })
        for (const n of [1, 2, 3]) answers[`signup${n}`] = await s.post("signup", { email, password: GOOD }, { headers })
        answers.otherAddress = await s.post("signup", { email: fresh("other"), password: GOOD }, { headers })
        for (const n of [1, 2, 3]) answers[`forgot${n}`] = await s.post("forgot-password", { email }, { headers })
        answers.resend = await s.post("resend-verification", { email }, { headers })
        answers.verify = await s.post("verify-email", { token: "A".repeat(43) }, { headers })
        answers.reset = await s.post("reset-password", { token: "A".repeat(43), password: GOOD }, { headers })
        answers.verifyAgain = await s.post("verify-email", { token: "A".repeat(43) }, { headers })
        // Retry-After counts down the window: between 1 and 60 seconds on both sides.
        return Object.fromEntries(
          Object.entries(answers).map(([name, a]) => [name, { ...a, retryAfter: a.retryAfter === null ? null : a.retryAfter >= 1 && a.retryAfter <= 60 }]),
        )
      })
      const limited = { status: 429, body: error("rate_limited"), allow: null, cacheControl: "no-store", retryAfter: true }
      expect(real).toMatchObject({
        invalid: { status: 400 },
        signup1: okAnswer(202),
        signup2: okAnswer(202),
        signup3: limited,
        otherAddress: okAnswer(202),
        forgot3: limited,
        resend: okAnswer(202),
        verify: { status: 400, body: { reason: "unknown" } },
        reset: { status: 400, body: { reason: "unknown" } },
        verifyAgain: limited,
      })
      expect(mock).toEqual(real)
    } finally {
      await pair()
    }
  })
})

describe("the mocks' rules against the server's", () => {
  it("agree on addresses", async () => {
    const addresses: unknown[] = [
      "", "   ", "a@b", "a@b.c", "a@b.co", "ada@example.com", " Ada@Example.COM ", "a..b@example.com", "a@example..com",
      "a b@example.com", "a@-example.com", "a@_x.com", "a@.example.com", '"a"@example.com', "a@example.c", "a@example.com.",
      "a+tag@sub.example.co.uk", "ü@exämple.de", "a@b@c.com", "a(b)@example.com", `${"a".repeat(242)}@example.com`,
      `${"a".repeat(243)}@example.com`, "<a@example.com>", "a@example.com\n", "a\u0085b@example.com", "a@[127.0.0.1]", "a@localhost",
      undefined, null, 42, ["a@example.com"], { email: "a@example.com" },
    ]
    const { real, mock } = await both(async (s) => {
      const answers = []
      for (const email of addresses) answers.push(await s.post("resend-verification", { email }))
      return answers
    })
    expect(real.filter((answer) => answer.status === 202).length).toBeGreaterThan(3)
    expect(real.filter((answer) => answer.body.error === "invalid_input").length).toBeGreaterThan(10)
    expect(mock).toEqual(real)
  })

  it("agree on new passwords, and every common password the mocks list is refused by the server", async () => {
    const samples = ["short", "1234567", "12345678", "🔑🔑🔑🔑🔑🔑🔑🔑", "x".repeat(128), "x".repeat(129), GOOD, "PASSWORD", "Password1", "pass word1"]
    const { real, mock } = await both(async (s) => {
      const answers = []
      // A well-formed token that was never sent: past the field checks, nothing changes.
      for (const password of [...samples, ...COMMON_PASSWORDS]) answers.push(await s.post("reset-password", { token: "A".repeat(43), password }))
      return answers
    })
    expect(real.slice(samples.length).every((answer) => (answer.body.fields as Record<string, string>)?.password === "too_common")).toBe(true)
    expect(mock).toEqual(real)
    const rules = { minLength: 8, maxLength: 128, refuseCommon: true }
    const isCommon = async (form: string) => (await commonPasswords()).has(form)
    for (const password of COMMON_PASSWORDS) expect(await checkNewPassword(password, rules, isCommon), password).toBe("too_common")
  })
})

function realUrl() {
  return real.url
}
