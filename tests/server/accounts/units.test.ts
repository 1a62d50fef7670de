import { describe, expect, it } from "vitest"
import { defaultAccountMessages, memoryAccountStore, scryptHasher } from "../../../src/server"
import { normaliseIp } from "../../../src/server/accounts/client-ip"
import { renderEmail } from "../../../src/server/accounts/emails"
import { commonPasswords } from "../../../src/server/accounts/password"
import { setup } from "./helpers"

describe("memoryAccountStore", () => {
  const user = { email: "ada@example.com", name: "Ada", passwordHash: "h", emailVerified: null, roles: ["user"] }

  it("creates a user once per address, with credentialVersion 0, and hands out copies", async () => {
    const store = memoryAccountStore()
    const created = (await store.createUser(user))!
    expect(created).toMatchObject({ ...user, credentialVersion: 0, id: expect.any(String), createdAt: expect.any(Date) })
    expect(await store.createUser({ ...user, name: "Other" })).toBeNull()
    created.roles.push("admin")
    expect((await store.findUserById(created.id))!.roles).toEqual(["user"])
    await store.updateUser(created.id, { credentialVersion: 3, emailVerified: new Date(0), roles: ["admin"] })
    expect(await store.findUserByEmail("ada@example.com")).toMatchObject({ credentialVersion: 3, emailVerified: new Date(0), roles: ["admin"], name: "Ada" })
    await store.updateUser("nobody", { name: "x" })
    expect(await store.findUserById("nobody")).toBeNull()
  })

  it("consumes a token once, answering unknown, used or expired otherwise; deleteTokens removes only unused ones of a kind", async () => {
    const store = memoryAccountStore()
    const now = new Date("2030-01-01T00:00:00Z")
    const later = new Date("2030-01-01T02:00:00Z")
    await store.createToken({ kind: "reset-password", tokenHash: "a", userId: "u", expiresAt: new Date("2030-01-01T01:00:00Z") })
    await store.createToken({ kind: "reset-password", tokenHash: "b", userId: "u", expiresAt: new Date("2030-01-01T01:00:00Z") })
    await store.createToken({ kind: "verify-email", tokenHash: "c", userId: "u", expiresAt: later })
    expect(await store.consumeToken("verify-email", "a", now)).toEqual({ ok: false, reason: "unknown" })
    const both = await Promise.all([store.consumeToken("reset-password", "a", now), store.consumeToken("reset-password", "a", now)])
    expect(both).toEqual([{ ok: true, userId: "u" }, { ok: false, reason: "used" }])
    expect(await store.consumeToken("reset-password", "b", later)).toEqual({ ok: false, reason: "expired" })
    await store.deleteTokens("u", "reset-password")
    expect(await store.consumeToken("reset-password", "a", now)).toEqual({ ok: false, reason: "used" })
    expect(await store.consumeToken("reset-password", "b", now)).toEqual({ ok: false, reason: "unknown" })
    expect(await store.consumeToken("verify-email", "c", now)).toEqual({ ok: true, userId: "u" })
  })

  it("counts hits in a fixed window that starts at the first hit", async () => {
    const store = memoryAccountStore()
    const t0 = new Date(1_000_000)
    expect(await store.hit("k", 1000, t0)).toEqual({ count: 1, resetAt: new Date(1_001_000) })
    expect(await store.hit("k", 1000, new Date(1_000_999))).toEqual({ count: 2, resetAt: new Date(1_001_000) })
    expect(await store.hit("other", 1000, t0)).toMatchObject({ count: 1 })
    expect(await store.hit("k", 1000, new Date(1_001_000))).toEqual({ count: 1, resetAt: new Date(1_002_000) })
  })
})

describe("scryptHasher", () => {
  const hasher = scryptHasher({ N: 2 ** 10 })

  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hasher.hash("pässwörd")
    const b = await hasher.hash("pässwörd")
    expect(a).not.toBe(b)
    expect(await hasher.verify(a, "pässwörd")).toBe(true)
    expect(await hasher.verify(a, "passwörd")).toBe(false)
  })

  it("answers false, never throws, for a hash it cannot read or would not afford", async () => {
    for (const bad of ["", "plain", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"]) {
      expect(await hasher.verify(bad, "x")).toBe(false)
    }
  })

  it("says when a hash needs the current parameters", async () => {
    expect(hasher.needsRehash!(await hasher.hash("x"))).toBe(false)
    expect(hasher.needsRehash!(await scryptHasher({ N: 2 ** 9 }).hash("x"))).toBe(true)
    expect(() => scryptHasher({ N: 1000 })).toThrow(RangeError)
  })

  it("lets a password typed in another Unicode form sign in (NFKC)", async () => {
    const s = setup()
    const { post, tokenFrom } = await import("./helpers")
    await post(s.accounts, "signup", { email: "ada@example.com", password: "Ame\u0301lie-long-enough" })
    await s.accounts.whenIdle()
    await post(s.accounts, "verify-email", { token: tokenFrom(s.outbox, "verify-email") })
    expect(await s.accounts.authorize({ email: "ada@example.com", password: "Am\u00e9lie-long-enough" })).not.toBeNull()
  })
})

describe("the common-password list", () => {
  it("holds the ~49,000 lower-case passwords of @zxcvbn-ts/language-common", async () => {
    const list = await commonPasswords()
    expect(list.size).toBeGreaterThan(40_000)
    expect(list.has("password")).toBe(true)
    expect([...list].every((p) => p === p.toLowerCase())).toBe(true)
  })
})

describe("client IPs", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["203.0.113.9:51234", "203.0.113.9"],
    ["[2001:db8::1]:443", "2001:db8:0:0::/64"],
    ["2001:0db8:0001:0002:0003:0004:0005:0006", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["not an ip", undefined],
    ["", undefined],
  ])("reads %j as %j", (raw, expected) => {
    expect(normaliseIp(raw)).toBe(expected)
  })
})

describe("emails", () => {
  it("render every kind as text and HTML from the messages, escaping the name and the link", () => {
    for (const kind of ["verify-email", "reset-password", "signup-attempt", "password-changed"] as const) {
      const email = renderEmail(defaultAccountMessages, kind, {
        to: "ada@example.com",
        url: 'https://app.example.test/x?token=a&b="c"',
        appName: "Acme",
        name: "Ada <b>&</b>",
        expiresInMs: 3_600_000,
      })
      expect(email.subject).toContain("Acme")
      expect(email.text.startsWith("Hello Ada <b>&</b>,")).toBe(true)
      expect(email.html).toContain("Hello Ada &lt;b&gt;&amp;&lt;/b&gt;,")
      expect(email.html).toContain('href="https://app.example.test/x?token=a&amp;b=&quot;c&quot;"')
      expect(email.html).not.toContain("<b>")
    }
  })

  it("take the app's strings over the English ones", async () => {
    const s = setup({ appName: "Acme", messages: { greeting: (name) => `Hallo ${name ?? ""},`, emails: { "verify-email": { subject: () => "Bitte bestätigen" } } } })
    const { post } = await import("./helpers")
    await post(s.accounts, "signup", { email: "ada@example.com", password: "correct horse battery staple", name: "Ada" })
    await s.accounts.whenIdle()
    expect(s.outbox[0]).toMatchObject({ subject: "Bitte bestätigen" })
    expect(s.outbox[0]!.text).toMatch(/^Hallo Ada,/)
    expect(s.outbox[0]!.text).toContain("Confirm my email address")
  })

  it("describe durations in words", () => {
    const { duration } = defaultAccountMessages
    expect([duration(60_000), duration(30 * 60_000), duration(3_600_000), duration(86_400_000), duration(2 * 86_400_000)]).toEqual([
      "1 minute",
      "30 minutes",
      "1 hour",
      "24 hours",
      "2 days",
    ])
  })
})

describe("credential versions across copies of the module in one process", () => {
  it("lets a copy that changed a password end the sessions another copy had cached", async () => {
    const { CredentialVersions } = await import("../../../src/server/accounts/sessions")
    const { memoryAccountStore } = await import("../../../src/core/accounts/memory-store")
    const store = memoryAccountStore()
    const user = (await store.createUser({
      email: "copies@example.com",
      name: null,
      passwordHash: "x",
      emailVerified: new Date(),
      roles: [],
    }))!
    // Two copies of createAccounts' state, as Next.js loads one for API routes, one for pages.
    const pages = new CredentialVersions(store, 60_000, 100, () => {})
    const api = new CredentialVersions(store, 60_000, 100, () => {})
    expect(await pages.current(user.id)).toBe(0)
    await store.updateUser(user.id, { credentialVersion: 1 })
    api.remember(user.id, 1)
    // The pages' copy had 0 cached for a minute; it sees 1 at once.
    expect(await pages.current(user.id)).toBe(1)
  })
})
