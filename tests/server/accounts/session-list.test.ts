/**
 * Sessions and devices with the jwt strategy, served for real: the kit's next-auth handler,
 * real encrypted cookies, the account endpoints through the Pages Router adapter. Each sign-in
 * records a session whose id the token carries (`sid`); a revoked one ends at its next read
 * (at once on the instance that revoked it, within `cacheMs` elsewhere) and stays ended.
 */
import { encode } from "next-auth/jwt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { describeDevice } from "../../../src/core/accounts/features/sessions"
import { type AccountEmail, type AccountStore, createAuthKit, memoryAccountStore } from "../../../src/server"
import { de } from "../../../src/server/locales/de"
import { requestScope } from "../../../src/server/request-scope"
import { CookieJar, pageContext, SECRET } from "../harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD } from "./helpers"
import { CHROME_MAC, call, FIREFOX, IPHONE, nextAuthSession, type ServedKit, serveKit, signedIn, signInWithCredentials as signIn, until } from "./served-kit"

const CACHE_MS = 150

function makeKit(store: AccountStore = memoryAccountStore(), accounts: Record<string, unknown> = {}) {
  const outbox: AccountEmail[] = []
  const errors: unknown[] = []
  const kit = createAuthKit({
    loginPath: "/login",
    authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
    onError: (error: unknown) => void errors.push(error),
    accounts: {
      store,
      sendEmail: async (email: AccountEmail) => void outbox.push(email),
      baseUrl: BASE_URL,
      hasher: cheapHasher,
      sessionCheck: { cacheMs: CACHE_MS },
      ...accounts,
    },
  })
  return { kit, outbox, store, errors }
}
type Made = ReturnType<typeof makeKit>

/** Signs up and confirms an address through the endpoints. */
async function account(s: Made, served: ServedKit, email: string) {
  await call(served, "POST", "signup", { email, password: GOOD_PASSWORD })
  await s.kit.accounts!.whenIdle()
  const token = new URL(s.outbox.filter((e) => e.to === email).at(-1)!.url).searchParams.get("token")!
  const confirmed = await call(served, "POST", "verify-email", { token })
  expect(confirmed.status).toBe(200)
  return { grant: confirmed.body.grant as string, id: (await s.store.findUserByEmail(email))!.id }
}

describe("the sessions list with the jwt strategy", () => {
  const s = makeKit()
  let served: ServedKit
  let ada: { grant: string; id: string }
  let grace: { grant: string; id: string }
  beforeAll(async () => {
    served = await serveKit(s.kit)
    ada = await account(s, served, "ada@example.com")
    grace = await account(s, served, "grace@example.com")
  })
  afterAll(() => served.close())

  it("records each sign-in: two browsers listed newest first, this one marked current, with browser, OS, device and method", async () => {
    const laptop = await signIn(served, { grant: ada.grant }, FIREFOX)
    const phone = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, IPHONE)
    const fromLaptop = await call(served, "GET", "sessions", undefined, laptop)
    expect(fromLaptop.status).toBe(200)
    expect(fromLaptop.response.headers.get("cache-control")).toBe("no-store")
    const list = fromLaptop.body.sessions as Array<Record<string, unknown>>
    expect(list).toHaveLength(2)
    expect(list[0]).toMatchObject({ current: false, browser: "Safari 17", os: "iOS 17", deviceType: "mobile", method: "password" })
    expect(list[1]).toMatchObject({ current: true, browser: "Firefox 128", os: "Windows 10", deviceType: "desktop", method: "grant" })
    for (const row of list) {
      expect(Object.keys(row).sort()).toEqual(["browser", "createdAt", "current", "deviceType", "id", "ip", "lastActiveAt", "method", "os"])
      expect(row.ip).toMatch(/127\.0\.0\.1|::1/)
      expect(new Date(row.createdAt as string).toISOString()).toBe(row.createdAt)
      expect(row.lastActiveAt).toBe(row.createdAt)
    }
    const fromPhone = await call(served, "GET", "sessions", undefined, phone)
    expect((fromPhone.body.sessions as Array<{ current: boolean }>).map((r) => r.current)).toEqual([true, false])
  })

  it("revokes the other browser: it is signed out at its next read, its old cookie stays signed out, and a new sign-in works", async () => {
    const mine = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, CHROME_MAC)
    const other = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, IPHONE)
    expect(await signedIn(served, other)).toBe(true)
    const list = (await call(served, "GET", "sessions", undefined, mine)).body.sessions as Array<{ id: string; current: boolean }>
    // Newest first: the other browser signed in last.
    expect(list[0]!.current).toBe(false)
    const otherId = list[0]!.id

    const revoked = await call(served, "POST", "sessions/revoke", { id: otherId }, mine)
    expect(revoked).toMatchObject({ status: 200, body: { ok: true } })
    // On the instance that revoked it: at once.
    expect(await signedIn(served, other)).toBe(false)
    expect(await signedIn(served, mine)).toBe(true)
    expect(((await call(served, "GET", "sessions", undefined, mine)).body.sessions as Array<{ id: string }>).map((r) => r.id)).not.toContain(otherId)
    // Past the cache time too: the id is gone from the store, not only from memory.
    await new Promise((resolve) => setTimeout(resolve, CACHE_MS + 50))
    expect(await signedIn(served, other)).toBe(false)
    expect((await call(served, "GET", "sessions", undefined, other)).status).toBe(401)
    expect((await call(served, "POST", "sessions/revoke", { id: otherId }, mine)).status).toBe(404)
    const again = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, IPHONE)
    expect(await signedIn(served, again)).toBe(true)
  })

  it("ends a session revoked by another instance within cacheMs, through one store read per user per cacheMs", async () => {
    const mine = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD })
    const other = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, IPHONE)
    expect(await signedIn(served, other)).toBe(true)
    const list = (await call(served, "GET", "sessions", undefined, mine)).body.sessions as Array<{ id: string; current: boolean }>
    expect(list[0]!.current).toBe(false)
    const otherId = list[0]!.id
    // Another instance (another process) revokes it: this one learns from the store.
    const started = Date.now()
    expect(await s.store.revokeSession!(ada.id, otherId)).toBe(true)
    await until(async () => (await nextAuthSession(served, other)).user === undefined)
    expect(Date.now() - started).toBeLessThan(CACHE_MS + 1000)
    expect(await signedIn(served, other)).toBe(false)
    expect(await signedIn(served, mine)).toBe(true)
  })

  it("revoke-others ends every other session, one from before sessions were recorded too, and keeps the caller's (its cookie re-issued)", async () => {
    const mine = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, CHROME_MAC)
    const others = [await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, IPHONE), await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD })]
    const version = (await s.store.findUserById(ada.id))!.credentialVersion
    // A token of 0.3.0: credential version, no session id. It keeps working until now.
    const legacy = `next-auth.session-token=${await encode({ token: { sub: ada.id, email: "ada@example.com", cv: version }, secret: SECRET })}`
    expect(await signedIn(served, legacy)).toBe(true)
    const graceCookie = await signIn(served, { grant: grace.grant })

    const answer = await call(served, "POST", "sessions/revoke-others", {}, mine)
    expect(answer).toMatchObject({ status: 200, body: { ok: true } })
    const renewed = new CookieJar().apply(answer.response.headers.getSetCookie()).header()
    expect(renewed).toContain("next-auth.session-token=")
    expect(await signedIn(served, renewed)).toBe(true)
    for (const cookie of [...others, legacy]) expect(await signedIn(served, cookie)).toBe(false)
    const list = (await call(served, "GET", "sessions", undefined, renewed)).body.sessions as Array<{ current: boolean }>
    expect(list).toEqual([expect.objectContaining({ current: true, browser: "Chrome 126", os: "macOS" })])
    // Other users are not touched.
    expect(await signedIn(served, graceCookie)).toBe(true)
  })

  it("answers 404 for another user's session id (as for an unknown one) and leaves that session alone", async () => {
    const adaCookie = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD })
    const graceCookie = await signIn(served, { email: "grace@example.com", password: GOOD_PASSWORD })
    const graceId = ((await call(served, "GET", "sessions", undefined, graceCookie)).body.sessions as Array<{ id: string; current: boolean }>).find((r) => r.current)!.id
    const refused = await call(served, "POST", "sessions/revoke", { id: graceId }, adaCookie)
    expect(refused).toMatchObject({ status: 404, body: { error: "not_found" } })
    expect(await call(served, "POST", "sessions/revoke", { id: "no-such-session" }, adaCookie)).toMatchObject({ status: 404 })
    expect(await signedIn(served, graceCookie)).toBe(true)
    expect(await call(served, "POST", "sessions/revoke", {}, adaCookie)).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { id: "required" } } })
  })

  it("answers 401 signed out, 405 with Allow for the wrong method, and GET in the App Router too", async () => {
    expect((await call(served, "GET", "sessions")).status).toBe(401)
    expect((await call(served, "POST", "sessions/revoke-others", {})).status).toBe(401)
    const cookie = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD })
    const post = await call(served, "POST", "sessions", {}, cookie)
    expect([post.status, post.response.headers.get("allow")]).toEqual([405, "GET"])
    const get = await call(served, "GET", "sessions/revoke", undefined, cookie)
    expect([get.status, get.response.headers.get("allow")]).toEqual([405, "POST"])
    const app = await s.kit.accounts!.routeHandlers.GET(new Request(`${BASE_URL}/api/account/sessions`, { headers: { cookie } }), {
      params: Promise.resolve({ action: ["sessions"] }),
    })
    expect(app.status).toBe(200)
    expect(((await app.json()) as { sessions: Array<{ current: boolean }> }).sessions.filter((r) => r.current)).toHaveLength(1)
  })

  it("removes the session from the list when its browser signs out", async () => {
    const mine = await signIn(served, { email: "grace@example.com", password: GOOD_PASSWORD })
    const leaving = await signIn(served, { email: "grace@example.com", password: GOOD_PASSWORD }, IPHONE)
    const count = async () => ((await call(served, "GET", "sessions", undefined, mine)).body.sessions as unknown[]).length
    const before = await count()
    const csrf = await fetch(`${served.auth}/api/auth/csrf`, { headers: { cookie: leaving } })
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const jar = new CookieJar().apply(csrf.headers.getSetCookie()).header()
    const out = await fetch(`${served.auth}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${jar}; ${leaving}` },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    })
    expect(out.status).toBe(200)
    expect(await count()).toBe(before - 1)
    // The cookie, kept by someone, is no way back in.
    expect(await signedIn(served, leaving)).toBe(false)
  })

  it("reported no error along the way", async () => {
    await s.kit.accounts!.whenIdle()
    expect(s.errors).toEqual([])
  })
})

/** A store whose users all read as made long ago (the "new sign-in" email skips accounts minutes old). */
function agedStore(): AccountStore {
  const store = memoryAccountStore()
  return Object.assign(Object.create(store) as AccountStore, {
    async findUserById(id: string) {
      const user = await store.findUserById(id)
      return user && { ...user, createdAt: new Date("2020-01-01T00:00:00Z") }
    },
  })
}

describe("sign-ins through other providers (OAuth, email link) with the jwt strategy", () => {
  const s = makeKit()
  let served: ServedKit
  let ada: { grant: string; id: string }
  beforeAll(async () => {
    served = await serveKit(s.kit)
    ada = await account(s, served, "ada@example.com")
  })
  afterAll(() => served.close())

  /**
   * next-auth's jwt callback at an OAuth sign-in, as its callback route calls it inside the kit's
   * handler's request, with the user as the kit's adapter answers it (its credential version in).
   */
  async function providerSignIn(userId: string, provider: string, type: "oauth" | "email" = "oauth") {
    const jwt = s.kit.authOptions.callbacks!.jwt!
    const token = await requestScope.run({ socketAddress: "203.0.113.7", headers: { "user-agent": CHROME_MAC } }, async () =>
      jwt({
        token: { sub: userId, email: "ada@example.com" },
        user: { id: userId, email: "ada@example.com", credentialVersion: 0 },
        account: { provider, type, providerAccountId: "gh-1" },
        trigger: "signIn",
      } as Parameters<typeof jwt>[0]),
    )
    return encode({ token, secret: SECRET })
  }

  it("records the session of a store user's OAuth sign-in (method: the provider), checks it like a password one, and revoking it signs it out", async () => {
    const value = await providerSignIn(ada.id, "github")
    const cookie = `next-auth.session-token=${value}`
    expect(await signedIn(served, cookie)).toBe(true)
    const list = (await call(served, "GET", "sessions", undefined, cookie)).body.sessions as Array<Record<string, unknown>>
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ current: true, method: "github", ip: "203.0.113.7", browser: "Chrome 126", os: "macOS", deviceType: "desktop" })

    const other = `next-auth.session-token=${await providerSignIn(ada.id, "email", "email")}`
    const both = (await call(served, "GET", "sessions", undefined, other)).body.sessions as Array<Record<string, unknown>>
    expect(both.map((row) => row.method)).toEqual(["email", "github"])
    expect((await call(served, "POST", "sessions/revoke", { id: list[0]!.id }, other)).status).toBe(200)
    expect(await signedIn(served, cookie)).toBe(false)
    expect(await signedIn(served, other)).toBe(true)
  })

  it("leaves the token of a user the store does not hold as next-auth made it (no cv, no sid)", async () => {
    const jwt = s.kit.authOptions.callbacks!.jwt!
    const token = await jwt({
      token: { sub: "12345", email: "someone@example.com" },
      user: { id: "12345", email: "someone@example.com" },
      account: { provider: "github", type: "oauth", providerAccountId: "12345" },
      trigger: "signIn",
    } as Parameters<typeof jwt>[0])
    expect(token).toMatchObject({ sub: "12345", email: "someone@example.com" })
    expect(token).not.toHaveProperty("cv")
    expect(token).not.toHaveProperty("sid")
    expect(s.errors).toEqual([])
  })
})

describe("the new-sign-in email", () => {
  const s = makeKit(agedStore(), { locales: [de], pages: { account: "/account" } })
  let served: ServedKit
  beforeAll(async () => {
    served = await serveKit(s.kit)
    await account(s, served, "ada@example.com")
  })
  afterAll(() => served.close())
  const newSignIns = () => s.outbox.filter((e) => e.kind === "new-sign-in")
  const password = { email: "ada@example.com", password: GOOD_PASSWORD }

  it("goes out once per browser: the first sign-in with Firefox on Windows tells when, browser, OS, IP and links to the account page", async () => {
    const before = Date.now()
    await signIn(served, password, FIREFOX)
    await s.kit.accounts!.whenIdle()
    expect(newSignIns()).toHaveLength(1)
    const email = newSignIns()[0]!
    expect(email).toMatchObject({ to: "ada@example.com", subject: "New sign-in to your app.example.test account", url: `${BASE_URL}/account`, locale: "en" })
    expect(email.text).toContain("Browser: Firefox 128 on Windows 10")
    expect(email.text).toMatch(/IP address: (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/)
    const year = String(new Date(before).getUTCFullYear())
    expect(email.text).toMatch(new RegExp(`When: .*${year}.*UTC`))
    expect(email.html).toContain("Firefox 128")

    // The same browser again, a later version of it too: nothing new.
    await signIn(served, password, FIREFOX)
    await signIn(served, password, FIREFOX.replaceAll("128.0", "131.0"))
    await s.kit.accounts!.whenIdle()
    expect(newSignIns()).toHaveLength(1)
  })

  it("goes out for another browser, in the language of the request that signed in", async () => {
    const csrf = await fetch(`${served.auth}/api/auth/csrf`)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const response = await fetch(`${served.auth}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": IPHONE,
        "accept-language": "de-DE,de;q=0.9",
        cookie: new CookieJar().apply(csrf.headers.getSetCookie()).header(),
      },
      body: new URLSearchParams({ csrfToken, ...password, json: "true" }),
    })
    expect(response.status).toBe(200)
    await s.kit.accounts!.whenIdle()
    expect(newSignIns()).toHaveLength(2)
    const email = newSignIns()[1]!
    expect(email).toMatchObject({ locale: "de", subject: "Neue Anmeldung bei Ihrem Konto bei app.example.test" })
    expect(email.text).toContain("Browser: Safari 17 auf iOS 17")
    expect(email.text).toContain("UTC")
  })

  it("does not go out for an account made minutes ago, nor for the grant of a just-confirmed address", async () => {
    const fresh = makeKit()
    const served2 = await serveKit(fresh.kit)
    try {
      const grace = await account(fresh, served2, "grace@example.com")
      await signIn(served2, { grant: grace.grant }, FIREFOX)
      await signIn(served2, { email: "grace@example.com", password: GOOD_PASSWORD }, CHROME_MAC)
      await fresh.kit.accounts!.whenIdle()
      expect(fresh.outbox.filter((e) => e.kind === "new-sign-in")).toEqual([])
      expect(fresh.errors).toEqual([])
    } finally {
      await served2.close()
    }
  })

  it("keeps no readable trace of the browsers: the store holds a keyed hash, not the User-Agent", async () => {
    const keys: string[] = []
    const store = agedStore()
    const hit = store.hit.bind(store)
    store.hit = (key, ...rest) => (keys.push(key), hit(key, ...rest))
    const made = makeKit(store)
    const served2 = await serveKit(made.kit)
    try {
      await account(made, served2, "lin@example.com")
      await signIn(served2, { email: "lin@example.com", password: GOOD_PASSWORD }, FIREFOX)
      await made.kit.accounts!.whenIdle()
      const device = keys.filter((key) => key.startsWith("accounts:device:"))
      expect(device).toHaveLength(1)
      expect(device[0]).toMatch(/^accounts:device:[0-9a-f]{32}$/)
      expect(made.outbox.filter((e) => e.kind === "new-sign-in")).toHaveLength(1)
    } finally {
      await served2.close()
    }
  })

  it("reported no error along the way", () => {
    expect(s.errors).toEqual([])
  })
})

describe("the session check's cost", () => {
  /** A memory store that counts the calls the session check makes, and can age sessions' last activity. */
  function countingStore() {
    const inner = memoryAccountStore()
    const calls = { findUserById: 0, listSessions: 0, touchSession: 0 }
    let agedBy = 0
    const store: AccountStore = {
      ...inner,
      findUserById: (id) => (calls.findUserById++, inner.findUserById(id)),
      listSessions: async (userId, now) => {
        calls.listSessions++
        const rows = await inner.listSessions!(userId, now)
        return rows.map((row) => ({ ...row, lastActiveAt: new Date(row.lastActiveAt.getTime() - agedBy) }))
      },
      touchSession: (id, now, options) => (calls.touchSession++, inner.touchSession!(id, now, options)),
    }
    return { store, calls, age: (ms: number) => void (agedBy = ms) }
  }

  it("reads the store once per user per cacheMs, and writes a session's activity at most once per five minutes", async () => {
    const counting = countingStore()
    const s = makeKit(counting.store, { sessionCheck: { cacheMs: 60_000 } })
    const served = await serveKit(s.kit)
    try {
      const { grant } = await account(s, served, "ada@example.com")
      const cookie = await signIn(served, { grant })
      expect(await s.kit.getSession(pageContext("/", cookie))).not.toBeNull()
      const before = { ...counting.calls }
      for (let i = 0; i < 30; i++) expect(await s.kit.getSession(pageContext("/", cookie))).not.toBeNull()
      expect(counting.calls).toEqual(before)
      expect(counting.calls.touchSession).toBe(0)

      // Six minutes since the last activity: the next read writes it once, the reads after do not.
      counting.age(6 * 60_000)
      const t = makeKit(counting.store, { sessionCheck: { cacheMs: 60_000 } })
      for (let i = 0; i < 30; i++) expect(await t.kit.getSession(pageContext("/", cookie))).not.toBeNull()
      await t.kit.accounts!.whenIdle()
      expect(counting.calls.touchSession).toBe(1)
    } finally {
      await served.close()
    }
  })
})

describe("two instances over one store", () => {
  it("knows a session signed in on the other instance after its own read of the user, without waiting for cacheMs", async () => {
    const a = makeKit(memoryAccountStore(), { sessionCheck: { cacheMs: 60_000 } })
    const b = makeKit(a.store, { sessionCheck: { cacheMs: 60_000 } })
    const served = await serveKit(a.kit)
    try {
      const { grant } = await account(a, served, "ada@example.com")
      const first = await signIn(served, { grant })
      // B reads Ada's sessions now, and would trust that read for a minute.
      expect(await b.kit.getSession(pageContext("/", first))).not.toBeNull()
      const second = await signIn(served, { email: "ada@example.com", password: GOOD_PASSWORD }, IPHONE)
      expect(await b.kit.getSession(pageContext("/", second))).not.toBeNull()
      // Revoked on A: B, in the same process, ends it at once.
      const id = ((await call(served, "GET", "sessions", undefined, first)).body.sessions as Array<{ id: string }>)[0]!.id
      expect((await call(served, "POST", "sessions/revoke", { id }, first)).status).toBe(200)
      expect(await b.kit.getSession(pageContext("/", second))).toBeNull()
      expect(await b.kit.getSession(pageContext("/", first))).not.toBeNull()
    } finally {
      await served.close()
    }
  })
})

describe("a store without sessions", () => {
  it("signs in without a session id, and answers 404 for the sessions endpoints", async () => {
    const { createSession, findSession, listSessions, touchSession, revokeSession, revokeOtherSessions, pruneSessions, markSessionAuthenticated, ...rest } =
      memoryAccountStore()
    void [createSession, findSession, listSessions, touchSession, revokeSession, revokeOtherSessions, pruneSessions, markSessionAuthenticated]
    const s = makeKit(rest as AccountStore)
    const served = await serveKit(s.kit)
    try {
      const { grant } = await account(s, served, "ada@example.com")
      const cookie = await signIn(served, { grant })
      expect(await signedIn(served, cookie)).toBe(true)
      expect((await call(served, "GET", "sessions", undefined, cookie)).status).toBe(404)
      expect((await call(served, "POST", "sessions/revoke-others", {}, cookie)).status).toBe(404)
    } finally {
      await served.close()
    }
  })

  it("refuses a store with only some of the session methods", () => {
    const { listSessions: _, ...partial } = memoryAccountStore()
    expect(() => makeKit(partial as AccountStore)).toThrow(/session methods/)
  })
})

describe("describeDevice", () => {
  it("names the browser with its major version, the OS and the device type", () => {
    expect(describeDevice(FIREFOX)).toEqual({ browser: "Firefox 128", os: "Windows 10", deviceType: "desktop" })
    expect(describeDevice(IPHONE)).toEqual({ browser: "Safari 17", os: "iOS 17", deviceType: "mobile" })
    expect(describeDevice(CHROME_MAC)).toEqual({ browser: "Chrome 126", os: "macOS", deviceType: "desktop" })
    expect(describeDevice("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36")).toEqual({
      browser: "Chrome 126",
      os: "Android 14",
      deviceType: "mobile",
    })
  })

  it("answers nulls for a missing, empty or unknown User-Agent, and cuts a huge one before parsing", () => {
    for (const ua of [undefined, null, "", "   ", "curl/8.5.0"]) expect(describeDevice(ua)).toEqual({ browser: null, os: null, deviceType: null })
    const started = performance.now()
    expect(describeDevice(`${FIREFOX}${" x".repeat(500_000)}`)).toEqual({ browser: "Firefox 128", os: "Windows 10", deviceType: "desktop" })
    expect(performance.now() - started).toBeLessThan(500)
  })
})
