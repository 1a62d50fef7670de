/**
 * Account settings, served for real. `profile`: the name and picture change in the store at once, and the session
 * shows them after next-auth's `update()` (its POST to /api/auth/session). `delete-account`: the
 * account and everything of it gone, every session out, an email; only for a recent authentication.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccountEmail, type AccountStore, createAuthKit, memoryAccountStore } from "../../../src/server"
import { CookieJar, SECRET } from "../harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD } from "./helpers"
import { call, nextAuthSession, type ServedKit, serveKit, signedIn, signInWithCredentials } from "./served-kit"

const store = memoryAccountStore()
const kit = createAuthKit({
  loginPath: "/login",
  authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
  onError: () => {},
  accounts: { store, sendEmail: async (_email: AccountEmail) => {}, baseUrl: BASE_URL, hasher: cheapHasher },
})

/** next-auth's `update()`: POST /api/auth/session with the CSRF token; answers the session. */
async function update(served: ServedKit, cookie: string) {
  const csrf = await fetch(`${served.auth}/api/auth/csrf`, { headers: { cookie } })
  const jar = new CookieJar().apply(csrf.headers.getSetCookie())
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await fetch(`${served.auth}/api/auth/session`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${jar.header()}` },
    body: new URLSearchParams({ csrfToken }),
  })
  expect(response.status).toBe(200)
  const renewed = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token="))
  return { session: (await response.json()) as { user?: { name?: string | null; image?: string | null } }, cookie: renewed ?? cookie }
}

describe("settings", () => {
  const mfaStore = memoryAccountStore()
  const mfaKit = createAuthKit({
    loginPath: "/login",
    authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
    onError: () => {},
    accounts: { store: mfaStore, sendEmail: async (_email: AccountEmail) => {}, baseUrl: BASE_URL, hasher: cheapHasher, mfa: { issuer: "Acme" } },
  })
  let served: ServedKit
  beforeAll(async () => {
    served = await serveKit(mfaKit)
  })
  afterAll(() => served.close())

  it("tells the settings page the user, whether the account has a password and whether two-factor is on", async () => {
    expect(await call(served, "GET", "settings")).toMatchObject({ status: 401, body: { error: "unauthenticated" } })
    const user = await mfaStore.createUser({ email: "grace@example.com", name: "Grace", passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] })
    const cookie = await signInWithCredentials(served, { email: "grace@example.com", password: GOOD_PASSWORD })
    expect((await call(served, "GET", "settings", undefined, cookie)).body).toEqual({
      user: { email: "grace@example.com", name: "Grace", image: null },
      password: true,
      twoFactor: false,
      passkeys: 0,
    })
    await mfaStore.setMfa(user!.id, { secret: "v1.sealed", enabledAt: new Date() })
    expect((await call(served, "GET", "settings", undefined, cookie)).body).toMatchObject({ twoFactor: true })
    // An account made through a provider has no password.
    await mfaStore.updateUser(user!.id, { passwordHash: null })
    expect((await call(served, "GET", "settings", undefined, cookie)).body).toMatchObject({ password: false })
  })
})

describe("profile", () => {
  let served: ServedKit
  let cookie: string
  beforeAll(async () => {
    served = await serveKit(kit)
    await store.createUser({ email: "ada@example.com", name: "Ada", passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] })
    cookie = await signInWithCredentials(served, { email: "ada@example.com", password: GOOD_PASSWORD })
  })
  afterAll(() => served.close())

  it("changes the name and picture, answers the user, and the session shows them after update()", async () => {
    const answer = await call(served, "POST", "profile", { name: "  Ada\nLovelace ", image: "https://images.example.com/ada.png" }, cookie)
    expect(answer).toMatchObject({ status: 200, body: { user: { email: "ada@example.com", name: "Ada Lovelace", image: "https://images.example.com/ada.png" } } })
    expect(await store.findUserByEmail("ada@example.com")).toMatchObject({ name: "Ada Lovelace", image: "https://images.example.com/ada.png" })
    // The cookie carries the old name until the client asks next-auth to update it.
    expect((await nextAuthSession(served, cookie)).user).toMatchObject({ name: "Ada" })
    const updated = await update(served, cookie)
    expect(updated.session.user).toMatchObject({ name: "Ada Lovelace", image: "https://images.example.com/ada.png" })
    expect((await nextAuthSession(served, updated.cookie)).user).toMatchObject({ name: "Ada Lovelace", image: "https://images.example.com/ada.png" })
    cookie = updated.cookie
  })

  it("leaves out what is not sent, and clears the picture with null or an empty string", async () => {
    expect((await call(served, "POST", "profile", { image: "" }, cookie)).body).toMatchObject({ user: { name: "Ada Lovelace", image: null } })
    expect((await call(served, "POST", "profile", { name: null }, cookie)).body).toMatchObject({ user: { name: null, image: null } })
    expect((await call(served, "POST", "profile", {}, cookie)).body).toMatchObject({ user: { name: null, image: null } })
  })

  it("refuses a picture that is not an https URL (or has credentials, or is too long) and a name that is not text or too long, changing nothing", async () => {
    await call(served, "POST", "profile", { name: "Ada", image: "https://images.example.com/a.png" }, cookie)
    for (const image of ["http://images.example.com/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "https://user:pw@images.example.com/a.png", "/a.png", 42]) {
      expect(await call(served, "POST", "profile", { image }, cookie), String(image)).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { image: "invalid" } } })
    }
    expect((await call(served, "POST", "profile", { image: `https://images.example.com/${"a".repeat(2100)}` }, cookie)).body).toMatchObject({ fields: { image: "too_long" } })
    expect((await call(served, "POST", "profile", { name: 7 }, cookie)).body).toMatchObject({ fields: { name: "invalid" } })
    expect((await call(served, "POST", "profile", { name: "a".repeat(101), image: "https://images.example.com/b.png" }, cookie)).body).toMatchObject({ fields: { name: "too_long" } })
    expect(await store.findUserByEmail("ada@example.com")).toMatchObject({ name: "Ada", image: "https://images.example.com/a.png" })
  })

  it("answers 401 signed out and 405 to GET", async () => {
    expect((await call(served, "POST", "profile", { name: "Eve" })).status).toBe(401)
    expect((await call(served, "GET", "profile", undefined, cookie)).status).toBe(405)
  })
})

describe("delete-account", () => {
  const own = memoryAccountStore()
  const outbox: AccountEmail[] = []
  const deleting = createAuthKit({
    loginPath: "/login",
    authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
    onError: () => {},
    accounts: { store: own, sendEmail: async (email: AccountEmail) => void outbox.push(email), baseUrl: BASE_URL, hasher: cheapHasher, sessionCheck: { cacheMs: 50 } },
  })
  let served: ServedKit
  beforeAll(async () => {
    served = await serveKit(deleting)
  })
  afterAll(() => served.close())

  async function person(email: string) {
    const user = (await own.createUser({ email, name: "Del", passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] }))!
    await own.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: `gh-${email}`, tokens: {}, linkedAt: new Date() })
    const cookie = await signInWithCredentials(served, { email, password: GOOD_PASSWORD })
    const other = await signInWithCredentials(served, { email, password: GOOD_PASSWORD })
    return { user, cookie, other }
  }

  it("removes the account with its linked accounts and sessions, signs every session out, emails the owner, and the password no longer signs in", async () => {
    const { user, cookie, other } = await person("leaving@example.com")
    expect(await call(served, "POST", "delete-account", {}, cookie)).toMatchObject({ status: 200, body: { ok: true } })
    expect(await own.findUserById(user.id)).toBeNull()
    expect(await own.findAccount!("github", "gh-leaving@example.com")).toBeNull()
    expect(await own.listSessions!(user.id, new Date())).toEqual([])
    for (const c of [cookie, other]) expect(await signedIn(served, c)).toBe(false)
    await deleting.accounts!.whenIdle()
    expect(outbox.at(-1)).toMatchObject({ kind: "account-deleted", to: "leaving@example.com", subject: expect.stringContaining("was deleted") })
    await expect(signInWithCredentials(served, { email: "leaving@example.com", password: GOOD_PASSWORD })).rejects.toThrow(/no session cookie/)
  })

  it("deletes once under 20 concurrent requests: one 200 and one email, the others refused (the account or its session is gone)", async () => {
    const { cookie } = await person("racing@example.com")
    const sent = outbox.length
    const statuses = await Promise.all(Array.from({ length: 20 }, () => call(served, "POST", "delete-account", {}, cookie).then((a) => a.status)))
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 200).every((s) => s === 401 || s === 403)).toBe(true)
    await deleting.accounts!.whenIdle()
    expect(outbox.slice(sent).filter((e) => e.kind === "account-deleted")).toHaveLength(1)
  })

  it("needs a recent authentication: a session signed in an hour ago gets 403 and the account stays", async () => {
    const { user, cookie } = await person("staying@example.com")
    for (const session of await own.listSessions!(user.id, new Date())) await own.markSessionAuthenticated!(user.id, session.id, new Date(Date.now() - 60 * 60_000))
    expect(await call(served, "POST", "delete-account", {}, cookie)).toMatchObject({ status: 403, body: { error: "reauthentication_required" } })
    expect(await own.findUserById(user.id)).not.toBeNull()
    expect(await signedIn(served, cookie)).toBe(true)
    expect((await call(served, "POST", "delete-account", {})).status).toBe(401)
  })
})

describe("delete-account and the rate limits", () => {
  // A store that remembers the per-address (and per-user) counters it was asked to count.
  const inner = memoryAccountStore()
  const counted = new Set<string>()
  const recording: AccountStore = {
    ...inner,
    hit: (key, windowMs, now, by) => {
      if (key.includes(":address:")) counted.add(key)
      return inner.hit(key, windowMs, now, by)
    },
  }
  const kit = createAuthKit({
    loginPath: "/login",
    authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
    onError: () => {},
    accounts: { store: recording, sendEmail: async () => {}, baseUrl: BASE_URL, hasher: cheapHasher },
  })
  let served: ServedKit
  beforeAll(async () => {
    served = await serveKit(kit)
  })
  afterAll(() => served.close())

  it("removes every counter that names the user: their address's and their id's", async () => {
    await recording.createUser({ email: "counted@example.com", name: null, passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] })
    const cookie = await signInWithCredentials(served, { email: "counted@example.com", password: GOOD_PASSWORD })
    await call(served, "POST", "forgot-password", { email: "counted@example.com" })
    await call(served, "POST", "change-password", { currentPassword: "not-it-at-all", newPassword: "another-long-password" }, cookie)
    await call(served, "POST", "reauthenticate", { password: "not-it-at-all" }, cookie)
    const mine = [...counted]
    expect(mine.length).toBeGreaterThanOrEqual(4)
    const now = new Date()
    expect((await Promise.all(mine.map((key) => inner.hit(key, 60_000, now, 0)))).some((c) => c.count > 0)).toBe(true)

    expect((await call(served, "POST", "delete-account", {}, cookie)).status).toBe(200)
    for (const key of mine) expect((await inner.hit(key, 60_000, now, 0)).count, key).toBe(0)
  })
})

