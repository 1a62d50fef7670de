/**
 * Accounts against real next-auth: sign-in through its credentials callback, real encrypted
 * cookies, sessions read with getServerSession and the kit's own reader.
 */
import { eq } from "drizzle-orm"
import type { NextAuthOptions } from "next-auth"
import { decode } from "next-auth/jwt"
import { getServerSession } from "next-auth/next"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createAuthKit } from "../../../src/server"
import { parseCookies } from "../../../src/server/session"
import { drizzleDatabase, sessions, users } from "../../fixtures/drizzle-database"
import { pageContext, SECRET } from "../harness"
import {
  accountsAuthOptions,
  GOOD_PASSWORD,
  OTHER_PASSWORD,
  post,
  serveApi,
  serveNextAuth,
  setup,
  signIn,
  tokenFrom,
  verifiedUser,
} from "./helpers"

/** The session of a cookie as next-auth's own getServerSession reads it, or null. */
async function sessionOf(authOptions: NextAuthOptions, cookie: string | null) {
  const { req, res } = pageContext("/", cookie ?? undefined)
  // As Next.js hands requests to API routes and getServerSideProps: cookies parsed.
  Object.assign(req, { cookies: parseCookies(cookie ?? undefined) })
  return getServerSession(req as never, res as never, authOptions)
}

const valueOf = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1)

describe("authorize through next-auth's credentials callback", () => {
  const s = setup()
  const authOptions = accountsAuthOptions(s.accounts)
  let server: Awaited<ReturnType<typeof serveNextAuth>>
  beforeAll(async () => {
    server = await serveNextAuth(authOptions)
    await post(s.accounts, "signup", { email: "new@example.com", password: GOOD_PASSWORD })
    await verifiedUser(s)
  })
  afterAll(() => server.close())

  it("refuses a right password on an address not yet confirmed exactly as a wrong one (CredentialsSignin: no oracle)", async () => {
    const answer = await signIn(server.url, "new@example.com", GOOD_PASSWORD)
    expect(answer.cookie).toBeNull()
    expect(answer.status).toBe(401)
    expect(new URL(answer.url).searchParams.get("error")).toBe("CredentialsSignin")
    const unknown = await signIn(server.url, "nobody@example.com", GOOD_PASSWORD)
    expect([unknown.status, new URL(unknown.url).searchParams.get("error")]).toEqual([401, "CredentialsSignin"])
  })

  it("answers a wrong password on an unverified address as any wrong password (CredentialsSignin)", async () => {
    const answer = await signIn(server.url, "new@example.com", OTHER_PASSWORD)
    expect(new URL(answer.url).searchParams.get("error")).toBe("CredentialsSignin")
    const unknown = await signIn(server.url, "nobody@example.com", OTHER_PASSWORD)
    expect(new URL(unknown.url).searchParams.get("error")).toBe("CredentialsSignin")
  })

  it("signs a verified user in with their id, roles and credential version in the token", async () => {
    const { cookie } = await signIn(server.url, " ADA@example.com", GOOD_PASSWORD)
    expect(cookie).not.toBeNull()
    const token = await decode({ token: valueOf(cookie!), secret: SECRET })
    const user = (await s.store.findUserByEmail("ada@example.com"))!
    expect(token).toMatchObject({ sub: user.id, email: "ada@example.com", name: "Ada Lovelace", cv: 0 })
    expect(await sessionOf(authOptions, cookie)).toMatchObject({ user: { email: "ada@example.com", roles: [] } })
  })
})

describe("after reset-password with the jwt strategy", () => {
  const s = setup()
  const calls: string[] = []
  const authOptions = accountsAuthOptions(s.accounts, {
    callbacks: {
      jwt: ({ token }) => {
        calls.push("app jwt")
        return token
      },
    },
  })
  const kit = createAuthKit(authOptions)
  let server: Awaited<ReturnType<typeof serveNextAuth>>
  beforeAll(async () => {
    server = await serveNextAuth(authOptions)
    await verifiedUser(s)
  })
  afterAll(() => server.close())

  it("signs the old session out (getServerSession, the kit's reader, /api/auth/session) while a fresh sign-in works", async () => {
    const { cookie: old } = await signIn(server.url, "ada@example.com", GOOD_PASSWORD)
    expect(await sessionOf(authOptions, old)).not.toBeNull()
    expect(calls).toContain("app jwt")

    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    expect((await post(s.accounts, "reset-password", { token: tokenFrom(s.outbox, "reset-password"), password: OTHER_PASSWORD })).status).toBe(200)

    expect(await sessionOf(authOptions, old)).toBeNull()
    expect(await kit.getSession(pageContext("/", old!))).toBeNull()
    const client = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: old! } })
    expect(await client.json()).toEqual({})

    expect((await signIn(server.url, "ada@example.com", GOOD_PASSWORD)).cookie).toBeNull()
    const { cookie: fresh } = await signIn(server.url, "ada@example.com", OTHER_PASSWORD)
    expect(await sessionOf(authOptions, fresh)).toMatchObject({ user: { email: "ada@example.com" } })
    expect(await kit.getSession(pageContext("/", fresh!))).toMatchObject({ user: { email: "ada@example.com" } })
  })

  it("leaves a session from another provider (no credential version) alone", async () => {
    const { encode } = await import("next-auth/jwt")
    const oauth = await encode({ token: { sub: "github-42", email: "octo@example.com" }, secret: SECRET })
    expect(await sessionOf(authOptions, `next-auth.session-token=${oauth}`)).toMatchObject({ user: { email: "octo@example.com" } })
  })

  it("ends a session whose user is gone", async () => {
    const { encode } = await import("next-auth/jwt")
    const ghost = await encode({ token: { sub: "no-such-user", email: "ghost@example.com", cv: 0 }, secret: SECRET })
    expect(await sessionOf(authOptions, `next-auth.session-token=${ghost}`)).toBeNull()
  })
})

describe("change-password with the jwt strategy", () => {
  const s = setup()
  // An app whose jwt callback merges whatever the client sends to update(): the kit still
  // decides before it runs.
  const authOptions = accountsAuthOptions(s.accounts, {
    callbacks: {
      jwt: ({ token, trigger, session }) => (trigger === "update" && session ? { ...token, ...session } : token),
    },
  })
  let server: Awaited<ReturnType<typeof serveNextAuth>>
  beforeAll(async () => {
    server = await serveNextAuth(authOptions)
    await verifiedUser(s)
  })
  afterAll(() => server.close())

  it("keeps the caller's session (the returned cookie reads as signed in) and ends the other one", async () => {
    const { cookie: mine } = await signIn(server.url, "ada@example.com", GOOD_PASSWORD)
    const { cookie: other } = await signIn(server.url, "ada@example.com", GOOD_PASSWORD)

    const answer = await post(s.accounts, "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }, { headers: { cookie: mine! } })
    expect(answer).toMatchObject({ status: 200, body: { ok: true } })
    const setCookies = answer.headers.getSetCookie()
    expect(setCookies).toHaveLength(1)
    expect(setCookies[0]).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/)
    const renewed = setCookies[0]!.split(";")[0]!

    expect(await sessionOf(authOptions, renewed)).toMatchObject({ user: { email: "ada@example.com" } })
    expect((await decode({ token: valueOf(renewed), secret: SECRET }))!.cv).toBe(1)
    expect(await sessionOf(authOptions, other)).toBeNull()
    expect(await sessionOf(authOptions, mine)).toBeNull()

    await s.accounts.whenIdle()
    expect(s.outbox.at(-1)).toMatchObject({ kind: "password-changed", to: "ada@example.com" })
    expect((await signIn(server.url, "ada@example.com", OTHER_PASSWORD)).cookie).not.toBeNull()
  })

  it("does not let an ended session come back through update()", async () => {
    const { cookie } = await signIn(server.url, "ada@example.com", OTHER_PASSWORD)
    const renewed = await post(s.accounts, "change-password", { currentPassword: OTHER_PASSWORD, newPassword: GOOD_PASSWORD }, { headers: { cookie: cookie! } })
    expect(renewed.status).toBe(200)
    // The old cookie asks next-auth to update the session with the current credential version.
    const csrf = await fetch(`${server.url}/api/auth/csrf`)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")
    const current = (await s.store.findUserByEmail("ada@example.com"))!.credentialVersion
    const update = await fetch(`${server.url}/api/auth/session`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `${csrfCookie}; ${cookie}` },
      body: JSON.stringify({ csrfToken, data: { cv: current, sessionEnded: false } }),
    })
    expect(await update.json()).toEqual({})
    const returned = update.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token="))
    expect(await sessionOf(authOptions, returned ?? cookie)).toBeNull()
  })

  it("answers invalid_input for a wrong current password, and 429 after too many", async () => {
    const { cookie } = await signIn(server.url, "ada@example.com", GOOD_PASSWORD)
    const wrong = () => post(s.accounts, "change-password", { currentPassword: "not-my-password", newPassword: OTHER_PASSWORD }, { headers: { cookie: cookie! } })
    const first = await wrong()
    expect(first).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { currentPassword: "mismatch" } } })
    expect(first.headers.getSetCookie()).toEqual([])
    const missing = await post(s.accounts, "change-password", { newPassword: "short" }, { headers: { cookie: cookie! } })
    expect(missing.body).toMatchObject({ fields: { currentPassword: "required", newPassword: "too_short" } })
    let last = first
    for (let i = 0; i < 10; i++) last = await wrong()
    expect(last.status).toBe(429)
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0)
  })

  it("answers 403 to a session without a password account", async () => {
    const { encode } = await import("next-auth/jwt")
    const oauth = await encode({ token: { sub: "github-42", email: "octo@example.com" }, secret: SECRET })
    const answer = await post(s.accounts, "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }, { headers: { cookie: `next-auth.session-token=${oauth}` } })
    expect(answer).toMatchObject({ status: 403, body: { error: "forbidden" } })
  })

  it("works the same through the Pages Router adapter", async () => {
    // Another instance over the same store, with its own memory of credential versions.
    const t = setup({ store: s.store })
    t.accounts.withAccounts(authOptions)
    await verifiedUser(t, "grace@example.com", GOOD_PASSWORD, "Grace Hopper")
    const { cookie } = await signIn(server.url, "grace@example.com", GOOD_PASSWORD)
    // This instance now remembers Grace's credential version as 0 (for 5 s).
    expect(await sessionOf(authOptions, cookie)).not.toBeNull()
    const api = await serveApi(t.accounts.apiHandler as never)
    try {
      const response = await fetch(`${api.url}/api/account/change-password`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookie! },
        body: JSON.stringify({ currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }),
      })
      expect(response.status).toBe(200)
      const renewed = response.headers.getSetCookie()[0]!.split(";")[0]!
      expect(await sessionOf(authOptions, renewed)).toMatchObject({ user: { email: "grace@example.com" } })
      expect(await sessionOf(authOptions, cookie)).toBeNull()
    } finally {
      await api.close()
    }
  })
})

describe("the database strategy", () => {
  it("calls revokeSessions after a reset (all sessions) and a change (all but the caller's)", async () => {
    const { client, db, adapter } = await drizzleDatabase()
    const revoked: Array<[string, { except?: string }]> = []
    const s = setup({
      revokeSessions: async (userId, options) => {
        revoked.push([userId, options])
        const rows = await db.select().from(sessions).where(eq(sessions.userId, userId))
        for (const row of rows) {
          if (row.sessionToken !== options.except) await db.delete(sessions).where(eq(sessions.sessionToken, row.sessionToken))
        }
      },
    })
    const authOptions = s.accounts.withAccounts({
      secret: SECRET,
      adapter: adapter as NextAuthOptions["adapter"],
      session: { strategy: "database" },
      providers: [],
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
    })
    const person = await adapter.createUser!({ id: "", name: "Ada", email: "ada@example.com", emailVerified: null } as never)
    const user = (await s.store.createUser({ id: person.id, email: "ada@example.com", name: "Ada", passwordHash: await (await import("./helpers")).cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] }))!
    const inADay = new Date(Date.now() + 86_400_000)
    await adapter.createSession!({ sessionToken: "mine", userId: user.id, expires: inADay })
    await adapter.createSession!({ sessionToken: "other", userId: user.id, expires: inADay })

    const changed = await post(s.accounts, "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }, { headers: { cookie: "next-auth.session-token=mine" } })
    expect(changed.status).toBe(200)
    expect(changed.headers.getSetCookie()).toEqual([])
    expect(revoked).toEqual([[user.id, { except: "mine" }]])
    expect(await sessionOf(authOptions, "next-auth.session-token=mine")).toMatchObject({ user: { email: "ada@example.com" } })
    expect(await sessionOf(authOptions, "next-auth.session-token=other")).toBeNull()

    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    expect((await post(s.accounts, "reset-password", { token: tokenFrom(s.outbox, "reset-password"), password: GOOD_PASSWORD })).status).toBe(200)
    expect(revoked.at(-1)).toEqual([user.id, {}])
    expect(await sessionOf(authOptions, "next-auth.session-token=mine")).toBeNull()
    expect(await db.select().from(users)).toHaveLength(1)
    client.close()
  })
})
