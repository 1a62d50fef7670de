/**
 * The kit's store as next-auth's adapter, served for real: the kit's handler, next-auth's email
 * provider and the kit's Credentials provider, the `database` strategy, real cookies. A database
 * session is a row of the kit's sessions: the sessions list shows it, revoking it signs that
 * browser out at its next request for every reader, and a credential change (an unlink) ends
 * the user's other sessions while the caller's stays.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { NextAuthOptions } from "next-auth"
import EmailModule from "next-auth/providers/email"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccountEmail, type AccountStore, createAuthKit, libsqlDriver, memoryAccountStore, sqlAccountStore } from "../../../src/server"
import { CookieJar, pageContext, SECRET, serveApi, serveNextAuth } from "../harness"
import { BASE_URL, cheapHasher } from "./helpers"
import { call, FIREFOX, IPHONE, type ServedKit, serveKit, signedIn, signInWithCredentials } from "./served-kit"

/** Signs in with the kit's Credentials provider; answers the session cookie. */
const signInWithPassword = (served: ServedKit, email: string, password: string, userAgent = IPHONE) => signInWithCredentials(served, { email, password }, userAgent)

const EmailProvider = ((EmailModule as unknown as { default?: typeof EmailModule }).default ?? EmailModule) as typeof EmailModule

function makeKit(store: AccountStore = memoryAccountStore(), authOptions: Partial<NextAuthOptions> = { session: { strategy: "database" } }, accounts: Record<string, unknown> = {}) {
  const links: { identifier: string; url: string }[] = []
  const outbox: AccountEmail[] = []
  const errors: unknown[] = []
  const kit = createAuthKit({
    loginPath: "/login",
    authOptions: {
      secret: SECRET,
      providers: [
        EmailProvider({ server: "smtp://localhost:1", from: "auth@example.test", sendVerificationRequest: async ({ identifier, url }) => void links.push({ identifier, url }) }),
      ],
      logger: { error: (code, ...rest) => void errors.push([code, ...rest]), warn: () => {}, debug: () => {} },
      ...authOptions,
    },
    onError: (error: unknown) => void errors.push(error),
    accounts: { store, sendEmail: async (email: AccountEmail) => void outbox.push(email), baseUrl: BASE_URL, hasher: cheapHasher, sessionCheck: { cacheMs: 50 }, defaultRoles: ["user"], ...accounts },
  })
  return { kit, store, links, outbox, errors }
}
type Made = ReturnType<typeof makeKit>

/** Signs in with an email link as a browser with this User-Agent; answers its session cookie (`name=value`). */
async function signInWithEmail(s: Made, served: ServedKit, email: string, userAgent = FIREFOX): Promise<string> {
  const csrf = await fetch(`${served.auth}/api/auth/csrf`)
  const jar = new CookieJar().apply(csrf.headers.getSetCookie())
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const asked = await fetch(`${served.auth}/api/auth/signin/email`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": userAgent, cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, json: "true" }),
  })
  jar.apply(asked.headers.getSetCookie())
  const link = s.links.filter((l) => l.identifier === email.trim().toLowerCase()).at(-1)
  if (!link) throw new Error(`no link for ${email}: ${asked.status}`)
  const { pathname, search } = new URL(link.url)
  const callback = await fetch(`${served.auth}${pathname}${search}`, { redirect: "manual", headers: { "user-agent": userAgent, cookie: jar.header() } })
  const cookie = callback.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token="))
  if (!cookie) throw new Error(`no session cookie: ${callback.status} ${callback.headers.get("location")}`)
  return cookie
}

describe("the kit's adapter in the kit instance", () => {
  it("is kit.authOptions.adapter when the app has none, keeping the jwt strategy unless the app chose", () => {
    const { kit } = makeKit(memoryAccountStore(), {})
    expect(kit.authOptions.adapter).toBeDefined()
    expect(kit.authOptions.session?.strategy).toBe("jwt")
    expect(makeKit().kit.authOptions.session?.strategy).toBe("database")
  })

  it("stays out with accounts.adapter: false, and for an app's own adapter", () => {
    expect(makeKit(memoryAccountStore(), {}, { adapter: false }).kit.authOptions.adapter).toBeUndefined()
    const own = { getUser: async () => null }
    expect(makeKit(memoryAccountStore(), { adapter: own as never }).kit.authOptions.adapter).toBe(own)
  })

  it("is off for a store without the slice, and accounts.adapter: true then says why", () => {
    const full = memoryAccountStore()
    const { linkAccount: _, ...bare } = full as unknown as Record<string, unknown>
    const store = Object.fromEntries(Object.entries(bare)) as unknown as AccountStore
    expect(makeKit(store, {}).kit.authOptions.adapter).toBeUndefined()
    expect(() => makeKit(store, {}, { adapter: true })).toThrow(expect.objectContaining({ code: "invalid_config", message: expect.stringContaining("linkAccount") }))
  })
})

describe("database sessions through the kit's adapter", () => {
  const s = makeKit()
  let served: ServedKit
  beforeAll(async () => {
    served = await serveKit(s.kit)
  })
  afterAll(() => served.close())

  it("signs up with an email link: a user without a password, a session row in the list, every reader agreeing", async () => {
    const laptop = await signInWithEmail(s, served, " Ada@Example.com ", FIREFOX)
    const user = (await s.store.findUserByEmail("ada@example.com"))!
    expect(user).toMatchObject({ email: "ada@example.com", passwordHash: null, roles: ["user"] })
    expect(user.emailVerified).toBeInstanceOf(Date)
    expect(await signedIn(served, laptop)).toBe(true)
    const listed = await call(served, "GET", "sessions", undefined, laptop)
    expect(listed.status).toBe(200)
    expect(listed.body.sessions).toHaveLength(1)
    expect(listed.body.sessions[0]).toMatchObject({ current: true, method: "email", browser: "Firefox 128", os: "Windows 10", deviceType: "desktop" })
    expect(listed.body.sessions[0].ip).toMatch(/127\.0\.0\.1|::1/)
    // The cookie's token is not what the store keeps.
    const token = laptop.slice(laptop.indexOf("=") + 1)
    const [row] = await s.store.listSessions!(user.id, new Date())
    expect(row!.id).not.toBe(token)
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(row!.tokenHash).not.toBe(token)
    // A user without a password cannot sign in with one, whatever they type.
    const denied = await fetch(`${served.auth}/api/auth/csrf`)
    expect(denied.status).toBe(200)
    await expect(signInWithPassword(served, "ada@example.com", "")).rejects.toThrow(/no session cookie/)
  })

  it("revoking a database session signs that browser out at its next request, for every reader", async () => {
    const laptop = await signInWithEmail(s, served, "grace@example.com", FIREFOX)
    const phone = await signInWithEmail(s, served, "grace@example.com", IPHONE)
    const list = (await call(served, "GET", "sessions", undefined, laptop)).body.sessions as Array<{ id: string; current: boolean }>
    expect(list).toHaveLength(2)
    const phoneId = list.find((r) => !r.current)!.id
    expect(await signedIn(served, phone)).toBe(true)
    expect((await call(served, "POST", "sessions/revoke", { id: phoneId }, laptop)).status).toBe(200)
    expect(await signedIn(served, phone)).toBe(false)
    expect(await signedIn(served, laptop)).toBe(true)
  })

  it("signing out removes the session row", async () => {
    const cookie = await signInWithEmail(s, served, "mary@example.com")
    const user = (await s.store.findUserByEmail("mary@example.com"))!
    expect(await s.store.listSessions!(user.id, new Date())).toHaveLength(1)
    const csrf = await fetch(`${served.auth}/api/auth/csrf`, { headers: { cookie } })
    const jar = new CookieJar().apply(csrf.headers.getSetCookie())
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    await fetch(`${served.auth}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${jar.header()}` },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    })
    expect(await s.store.listSessions!(user.id, new Date())).toEqual([])
    expect(await signedIn(served, cookie)).toBe(false)
  })

  it("lists linked accounts, and an unlink ends the user's other sessions while the caller's stays", async () => {
    const laptop = await signInWithEmail(s, served, "alan@example.com", FIREFOX)
    const phone = await signInWithEmail(s, served, "alan@example.com", IPHONE)
    const user = (await s.store.findUserByEmail("alan@example.com"))!
    const linkedAt = new Date("2030-01-01T10:00:00.000Z")
    for (const provider of ["github", "google"]) {
      await s.store.linkAccount!({ userId: user.id, type: "oauth", provider, providerAccountId: `${provider}-1`, tokens: {}, linkedAt })
    }
    const listed = await call(served, "GET", "linked-accounts", undefined, laptop)
    expect(listed).toMatchObject({ status: 200, body: { accounts: [{ provider: "github", linkedAt: linkedAt.toISOString() }, { provider: "google", linkedAt: linkedAt.toISOString() }], password: false, passkeys: 0 } })
    expect(await call(served, "POST", "unlink", { provider: "gitlab" }, laptop)).toMatchObject({ status: 404, body: { error: "not_found" } })
    expect(await call(served, "POST", "unlink", {}, laptop)).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { provider: "required" } } })
    expect(await call(served, "POST", "unlink", { provider: "github" }, laptop)).toMatchObject({ status: 200, body: { ok: true } })
    expect(await signedIn(served, laptop)).toBe(true)
    expect(await signedIn(served, phone)).toBe(false)
    expect((await s.store.findUserById(user.id))!.credentialVersion).toBe(user.credentialVersion + 1)
    const last = await call(served, "POST", "unlink", { provider: "google" }, laptop)
    expect(last).toMatchObject({ status: 409, body: { error: "last_sign_in_method" } })
    expect(typeof last.body.message).toBe("string")
    expect(await call(served, "GET", "linked-accounts")).toMatchObject({ status: 401 })
  })

  it("a confirmed email change ends the user's other database sessions, keeps the confirming one, and its session shows the new address", async () => {
    const laptop = await signInWithEmail(s, served, "edsger@example.com", FIREFOX)
    const phone = await signInWithEmail(s, served, "edsger@example.com", IPHONE)
    expect((await call(served, "POST", "change-email", { email: "edsger@new.example.com" }, laptop)).status).toBe(202)
    await s.kit.accounts!.whenIdle()
    const token = new URL(s.outbox.filter((e) => e.kind === "change-email" && e.to === "edsger@new.example.com").at(-1)!.url).searchParams.get("token")!
    expect(await call(served, "POST", "verify-email", { token }, laptop)).toMatchObject({ status: 200, body: { ok: true, email: "edsger@new.example.com" } })
    expect(await signedIn(served, laptop)).toBe(true)
    expect(await signedIn(served, phone)).toBe(false)
    const own = (await (await fetch(`${served.auth}/api/auth/session`, { headers: { cookie: laptop } })).json()) as { user?: { email?: string } }
    expect(own.user?.email).toBe("edsger@new.example.com")
    expect(await s.store.findUserByEmail("edsger@example.com")).toBeNull()
  })

  it("gives a Credentials sign-in a database session too, listed with its method", async () => {
    // A password user, made the kit's way: sign-up, then the confirmation link.
    expect((await call(served, "POST", "signup", { email: "kat@example.com", password: "correct horse battery staple" })).status).toBe(202)
    await s.kit.accounts!.whenIdle()
    const token = new URL(s.outbox.filter((e) => e.to === "kat@example.com").at(-1)!.url).searchParams.get("token")!
    expect((await call(served, "POST", "verify-email", { token })).status).toBe(200)
    const cookie = await signInWithPassword(served, "kat@example.com", "correct horse battery staple", IPHONE)
    expect(await signedIn(served, cookie)).toBe(true)
    const listed = await call(served, "GET", "sessions", undefined, cookie)
    expect(listed.body.sessions).toHaveLength(1)
    expect(listed.body.sessions[0]).toMatchObject({ current: true, method: "password", browser: "Safari 17", os: "iOS 17" })
    // The password user has a password: linked accounts say so.
    expect((await call(served, "GET", "linked-accounts", undefined, cookie)).body).toEqual({ accounts: [], password: true, passkeys: 0 })
  })
})

describe("email-link sign-ins through the kit's adapter with the jwt strategy", () => {
  const s = makeKit(memoryAccountStore(), {})
  let served: ServedKit
  beforeAll(async () => {
    served = await serveKit(s.kit)
  })
  afterAll(() => served.close())

  it("records the session like a password sign-in's, and a revoked one ends for every reader", async () => {
    const laptop = await signInWithEmail(s, served, "ada@example.com", FIREFOX)
    const phone = await signInWithEmail(s, served, "ada@example.com", IPHONE)
    expect(await signedIn(served, laptop)).toBe(true)
    const list = (await call(served, "GET", "sessions", undefined, laptop)).body.sessions as Array<{ id: string; current: boolean; method: string; browser: string }>
    expect(list.map((r) => [r.current, r.method, r.browser])).toEqual([
      [false, "email", "Safari 17"],
      [true, "email", "Firefox 128"],
    ])
    expect((await call(served, "POST", "sessions/revoke", { id: list[0]!.id }, laptop)).status).toBe(200)
    expect(await signedIn(served, phone)).toBe(false)
    expect(await signedIn(served, laptop)).toBe(true)
  })
})

describe("the linked-accounts endpoints on a store without the slice", () => {
  it("answer 404, before reading any session", async () => {
    const { linkAccount: _, ...bare } = memoryAccountStore() as unknown as Record<string, unknown>
    const { kit } = makeKit(bare as unknown as AccountStore, {})
    for (const [method, action] of [["GET", "linked-accounts"], ["POST", "unlink"]] as const) {
      const answer = await kit.accounts!.handle(action, { method, body: { provider: "github" }, request: { headers: {}, cookies: {} } })
      expect(answer).toMatchObject({ status: 404, body: { error: "not_found" } })
    }
  })
})

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "nak-unlink-"))
  dirs.push(dir)
  return dir
}

for (const [name, store] of [
  ["memory", () => memoryAccountStore()],
  ["a libSQL file", () => sqlAccountStore(libsqlDriver({ url: `file:${join(tempDir(), "auth.db")}` }))],
] as const) {
  describe(`60 concurrent unlink requests on ${name}`, () => {
    const s = makeKit(store())
    let served: ServedKit
    beforeAll(async () => {
      served = await serveKit(s.kit)
    })
    afterAll(() => served.close())

    it("never leave the user without a way to sign in: one succeeds, the others answer 409 or 404", async () => {
      const cookie = await signInWithEmail(s, served, "ada@example.com")
      const user = (await s.store.findUserByEmail("ada@example.com"))!
      for (const provider of ["github", "google"]) {
        await s.store.linkAccount!({ userId: user.id, type: "oauth", provider, providerAccountId: `${provider}-1`, tokens: {}, linkedAt: new Date() })
      }
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => call(served, "POST", "unlink", { provider: i % 2 ? "github" : "google" }, cookie)),
      )
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
      expect(answers.every((a) => [200, 404, 409].includes(a.status))).toBe(true)
      expect(answers.some((a) => a.status === 409 && a.body.error === "last_sign_in_method")).toBe(true)
      expect(await s.store.listAccounts!(user.id)).toHaveLength(1)
      expect(await signedIn(served, cookie)).toBe(true)
    }, 30_000)
  })
}

describe("the new-sign-in email with database sessions", () => {
  /** A store whose users all read as made long ago (the email skips accounts minutes old). */
  function agedStore(): AccountStore {
    const store = memoryAccountStore()
    return Object.assign(Object.create(store) as AccountStore, {
      async findUserById(id: string) {
        const user = await store.findUserById(id)
        return user && { ...user, createdAt: new Date("2020-01-01T00:00:00Z") }
      },
    })
  }

  it("goes out for the first sign-in with a browser, not again for the same one, in the request's language", async () => {
    const s = makeKit(agedStore(), { session: { strategy: "database" } }, { pages: { account: "/account" } })
    const served = await serveKit(s.kit)
    try {
      const newSignIns = () => s.outbox.filter((e) => e.kind === "new-sign-in")
      await signInWithEmail(s, served, "ada@example.com", FIREFOX)
      await s.kit.accounts!.whenIdle()
      expect(newSignIns()).toHaveLength(1)
      expect(newSignIns()[0]).toMatchObject({ to: "ada@example.com", url: `${BASE_URL}/account` })
      expect(newSignIns()[0]!.text).toContain("Browser: Firefox 128 on Windows 10")
      await signInWithEmail(s, served, "ada@example.com", FIREFOX)
      await s.kit.accounts!.whenIdle()
      expect(newSignIns()).toHaveLength(1)
      await signInWithEmail(s, served, "ada@example.com", IPHONE)
      await s.kit.accounts!.whenIdle()
      expect(newSignIns()).toHaveLength(2)
      expect(newSignIns()[1]!.text).toContain("Browser: Safari 17 on iOS 17")
      expect(s.errors).toEqual([])
    } finally {
      await served.close()
    }
  })
})
