/**
 * Changing the email address, served for real (next-auth, the account endpoints, real cookies):
 * `change-email` answers alike for a free and a taken address, the link's page confirms only with
 * its button's POST to `verify-email`, and the confirmed change moves the account to the new
 * address, ends the user's other sessions and tells the old address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccountEmail, createAuthKit, memoryAccountStore } from "../../../src/server"
import { CookieJar, SECRET } from "../harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD } from "./helpers"
import { call, nextAuthSession, type ServedKit, serveKit, signedIn, signInWithCredentials } from "./served-kit"

const store = memoryAccountStore()
const outbox: AccountEmail[] = []
const generous = { perAddress: { limit: 100, windowMs: 60_000 }, perIp: { limit: 100, windowMs: 60_000 } }
const kitOf = (tokenTtl?: { changeEmail: number }) =>
  createAuthKit({
    loginPath: "/login",
    authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
    onError: () => {},
    accounts: {
      store,
      sendEmail: async (email: AccountEmail) => void outbox.push(email),
      baseUrl: BASE_URL,
      hasher: cheapHasher,
      sessionCheck: { cacheMs: 50 },
      rateLimits: { email: generous, token: generous },
      ...(tokenTtl ? { tokenTtl } : {}),
    },
  })
const kit = kitOf()

let served: ServedKit
beforeAll(async () => {
  served = await serveKit(kit)
})
afterAll(() => served.close())

/** A verified user with two signed-in browsers: `cookie` (this one) and `other`. */
async function person(email: string) {
  const user = (await store.createUser({ email, name: "Ada", passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] }))!
  const cookie = await signInWithCredentials(served, { email, password: GOOD_PASSWORD })
  const other = await signInWithCredentials(served, { email, password: GOOD_PASSWORD })
  return { user, cookie, other }
}

/** The emails sent since `from` (an index into the outbox), once the work after the answers is done. */
async function sentSince(from: number) {
  await kit.accounts!.whenIdle()
  return outbox.slice(from)
}

/** The token in the newest `change-email` link to an address. */
function linkTo(address: string): string {
  const email = outbox.filter((e) => e.kind === "change-email" && e.to === address).at(-1)
  if (!email) throw new Error(`no change-email link to ${address}`)
  const url = new URL(email.url)
  expect(`${url.origin}${url.pathname}`).toBe(`${BASE_URL}/verify-email`)
  return url.searchParams.get("token")!
}

/** The caller's cookie after an answer (a credential change re-issues it). */
function cookieAfter(response: Response, cookie: string): string {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token=")) ?? cookie
}

/** The answer's headers that could tell two answers apart (the date aside). */
const headersOf = (response: Response) => [...response.headers].filter(([name]) => name !== "date")

/** next-auth's `update()`: POST /api/auth/session with the CSRF token; answers the session. */
async function update(cookie: string) {
  const csrf = await fetch(`${served.auth}/api/auth/csrf`, { headers: { cookie } })
  const jar = new CookieJar().apply(csrf.headers.getSetCookie())
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await fetch(`${served.auth}/api/auth/session`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${jar.header()}` },
    body: new URLSearchParams({ csrfToken }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { user?: { email?: string | null } }
}

describe("given a signed-in user asking for a new address", () => {
  it("answers 202 { ok: true } alike for a free and a taken address; the free one gets the link, the taken one's owner the someone-tried email, the old address a notice each time", async () => {
    const { cookie } = await person("ada@example.com")
    await store.createUser({ email: "taken@example.com", name: "Bob", passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] })

    let from = outbox.length
    const free = await call(served, "POST", "change-email", { email: "  Ada.New@Example.com " }, cookie)
    const freeEmails = await sentSince(from)
    from = outbox.length
    const taken = await call(served, "POST", "change-email", { email: "TAKEN@example.com" }, cookie)
    const takenEmails = await sentSince(from)

    expect(free).toMatchObject({ status: 202, body: { ok: true } })
    expect(taken.status).toBe(free.status)
    expect(taken.body).toEqual(free.body)
    expect(headersOf(taken.response)).toEqual(headersOf(free.response))

    expect(freeEmails.map((e) => [e.kind, e.to]).sort()).toEqual([
      ["change-email", "ada.new@example.com"],
      ["email-change-requested", "ada@example.com"],
    ])
    expect(freeEmails.find((e) => e.kind === "email-change-requested")!.text).toContain("ada.new@example.com")
    expect(takenEmails.map((e) => [e.kind, e.to]).sort()).toEqual([
      ["email-change-attempt", "taken@example.com"],
      ["email-change-requested", "ada@example.com"],
    ])
    // No link ever reaches the taken address, and nothing changed yet.
    expect(outbox.some((e) => e.kind === "change-email" && e.to === "taken@example.com")).toBe(false)
    expect(await store.findUserByEmail("ada@example.com")).not.toBeNull()
  })

  it("refuses the current address, an invalid one and a missing one as field errors, sending nothing", async () => {
    const { cookie } = await person("fields@example.com")
    const from = outbox.length
    expect(await call(served, "POST", "change-email", { email: " FIELDS@example.com" }, cookie)).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { email: "unchanged" } } })
    expect((await call(served, "POST", "change-email", { email: "not an address" }, cookie)).body).toMatchObject({ fields: { email: "invalid_email" } })
    expect((await call(served, "POST", "change-email", {}, cookie)).body).toMatchObject({ fields: { email: "required" } })
    expect(await sentSince(from)).toEqual([])
  })

  it("answers 401 signed out and 403 reauthentication_required for a session authenticated an hour ago, sending nothing", async () => {
    const { user, cookie } = await person("stale@example.com")
    expect((await call(served, "POST", "change-email", { email: "fresh@example.com" })).status).toBe(401)
    for (const session of await store.listSessions!(user.id, new Date())) await store.markSessionAuthenticated!(user.id, session.id, new Date(Date.now() - 60 * 60_000))
    const from = outbox.length
    expect(await call(served, "POST", "change-email", { email: "fresh@example.com" }, cookie)).toMatchObject({ status: 403, body: { error: "reauthentication_required" } })
    expect(await sentSince(from)).toEqual([])
  })
})

describe("given the link in the new address's mailbox", () => {
  it("confirms nothing by a GET; the button's POST changes the address, keeps the confirming session, ends the other one and tells the old address", async () => {
    const { user, cookie, other } = await person("grace@example.com")
    expect((await call(served, "POST", "change-email", { email: "grace@new.example.com" }, cookie)).status).toBe(202)
    await sentSince(0)
    const token = linkTo("grace@new.example.com")

    // Opening the link (or a scanner fetching it) is a GET: refused, the link still works after.
    const get = await fetch(`${served.api}/api/account/verify-email?token=${token}`, { headers: { cookie } })
    expect(get.status).toBe(405)
    expect(get.headers.get("allow")).toBe("POST")
    expect((await store.findUserById(user.id))!.email).toBe("grace@example.com")

    const from = outbox.length
    const confirmed = await call(served, "POST", "verify-email", { token }, cookie)
    expect(confirmed).toMatchObject({ status: 200, body: { ok: true, email: "grace@new.example.com" } })
    expect(confirmed.body.grant).toBeUndefined()
    expect(await store.findUserById(user.id)).toMatchObject({ email: "grace@new.example.com", emailVerified: expect.any(Date) })
    expect(await store.findUserByEmail("grace@example.com")).toBeNull()

    const emails = await sentSince(from)
    expect(emails.map((e) => [e.kind, e.to])).toEqual([["email-changed", "grace@example.com"]])
    expect(emails[0]!.text).toContain("grace@new.example.com")

    // The confirming browser stays signed in (its cookie re-issued); the other one is out.
    const kept = cookieAfter(confirmed.response, cookie)
    expect(await signedIn(served, kept)).toBe(true)
    expect(await signedIn(served, other)).toBe(false)
    // Its session shows the new address after next-auth's update().
    expect((await nextAuthSession(served, kept)).user?.email).toBe("grace@example.com")
    expect((await update(kept)).user?.email).toBe("grace@new.example.com")

    // The new address signs in with the password; the old one no longer does.
    await expect(signInWithCredentials(served, { email: "grace@new.example.com", password: GOOD_PASSWORD })).resolves.toMatch(/^next-auth\.session-token=/)
    await expect(signInWithCredentials(served, { email: "grace@example.com", password: GOOD_PASSWORD })).rejects.toThrow(/no session cookie/)

    // Used once.
    expect(await call(served, "POST", "verify-email", { token })).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "used" } })
  })

  it("confirmed from a browser that is not signed in, ends every session of the user", async () => {
    const { cookie, other } = await person("linus@example.com")
    await call(served, "POST", "change-email", { email: "linus@new.example.com" }, cookie)
    await sentSince(0)
    expect(await call(served, "POST", "verify-email", { token: linkTo("linus@new.example.com") })).toMatchObject({ status: 200, body: { email: "linus@new.example.com" } })
    for (const c of [cookie, other]) expect(await signedIn(served, c)).toBe(false)
  })

  it("works only for the newest request: a second request voids the first link", async () => {
    const { user, cookie } = await person("hedy@example.com")
    await call(served, "POST", "change-email", { email: "hedy@first.example.com" }, cookie)
    await sentSince(0)
    const first = linkTo("hedy@first.example.com")
    await call(served, "POST", "change-email", { email: "hedy@second.example.com" }, cookie)
    await sentSince(0)
    const second = linkTo("hedy@second.example.com")

    expect(await call(served, "POST", "verify-email", { token: first }, cookie)).toMatchObject({ status: 400, body: { error: "invalid_token" } })
    expect((await store.findUserById(user.id))!.email).toBe("hedy@example.com")
    expect(await call(served, "POST", "verify-email", { token: second }, cookie)).toMatchObject({ status: 200, body: { email: "hedy@second.example.com" } })
  })

  it("refuses an expired link with reason expired, changing nothing", async () => {
    const shortLived = await serveKit(kitOf({ changeEmail: 30 }))
    try {
      const { user, cookie } = await person("alan@example.com")
      await call(shortLived, "POST", "change-email", { email: "alan@new.example.com" }, cookie)
      await shortLived.kit.accounts!.whenIdle()
      const token = linkTo("alan@new.example.com")
      await new Promise((resolve) => setTimeout(resolve, 60))
      expect(await call(shortLived, "POST", "verify-email", { token }, cookie)).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "expired" } })
      expect((await store.findUserById(user.id))!.email).toBe("alan@example.com")
    } finally {
      await shortLived.close()
    }
  })

  it("refuses the link (invalid_token, reason used) when the address got an account between the request and the confirmation", async () => {
    const { user, cookie, other } = await person("ken@example.com")
    await call(served, "POST", "change-email", { email: "ken@late.example.com" }, cookie)
    await sentSince(0)
    const token = linkTo("ken@late.example.com")
    const owner = await store.createUser({ email: "ken@late.example.com", name: null, passwordHash: null, emailVerified: new Date(), roles: [] })

    expect(await call(served, "POST", "verify-email", { token }, cookie)).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "used" } })
    expect((await store.findUserById(user.id))!.email).toBe("ken@example.com")
    expect((await store.findUserByEmail("ken@late.example.com"))!.id).toBe(owner!.id)
    for (const c of [cookie, other]) expect(await signedIn(served, c)).toBe(true)
  })

  it("is void once the password is reset or changed", async () => {
    const { user, cookie } = await person("barbara@example.com")
    await call(served, "POST", "change-email", { email: "barbara@new.example.com" }, cookie)
    await sentSince(0)
    const token = linkTo("barbara@new.example.com")
    const changed = await call(served, "POST", "change-password", { currentPassword: GOOD_PASSWORD, newPassword: "another long passphrase" }, cookie)
    expect(changed.status).toBe(200)
    expect(await call(served, "POST", "verify-email", { token })).toMatchObject({ status: 400, body: { error: "invalid_token" } })
    expect((await store.findUserById(user.id))!.email).toBe("barbara@example.com")
  })

  it("leaves no change-email link behind once the account is deleted", async () => {
    const { cookie } = await person("gone@example.com")
    await call(served, "POST", "change-email", { email: "gone@new.example.com" }, cookie)
    await sentSince(0)
    const token = linkTo("gone@new.example.com")
    expect((await call(served, "POST", "delete-account", {}, cookie)).status).toBe(200)
    expect(await call(served, "POST", "verify-email", { token })).toMatchObject({ status: 400, body: { error: "invalid_token" } })
    expect(await store.findUserByEmail("gone@new.example.com")).toBeNull()
  })
})
