import { createHash } from "node:crypto"
import { afterEach, describe, expect, it, vi } from "vitest"
import { type AccountStore, memoryAccountStore, type StoredToken } from "../../../src/server"
import { GOOD_PASSWORD, OTHER_PASSWORD, post, setup, tokenFrom, verifiedUser } from "./helpers"

/** A memory store that records what it was asked to keep. */
function recordingStore() {
  const store = memoryAccountStore()
  const created: Array<Pick<StoredToken, "kind" | "tokenHash">> = []
  const recorded: AccountStore = {
    ...store,
    createToken: (token) => {
      created.push(token)
      return store.createToken(token)
    },
    savePendingSignup: (signup) => {
      created.push({ kind: "verify-email", tokenHash: signup.tokenHash })
      return store.savePendingSignup!(signup)
    },
  }
  return { store: recorded, created }
}

afterEach(() => {
  vi.useRealTimers()
})

describe("tokens", () => {
  it("are 32 random bytes, base64url, and stored only as their SHA-256", async () => {
    const { store, created } = recordingStore()
    const s = setup({ store })
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await s.accounts.whenIdle()
    const verify = tokenFrom(s.outbox, "verify-email")
    const { grant } = (await post(s.accounts, "verify-email", { token: verify })).body as { grant: string }
    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    const reset = tokenFrom(s.outbox, "reset-password")
    for (const token of [verify, grant, reset]) expect(Buffer.from(token, "base64url")).toHaveLength(32)
    expect(new Set([verify, grant, reset]).size).toBe(3)
    expect(created.map((t) => t.kind)).toEqual(["verify-email", "signin-grant", "reset-password"])
    expect(created[0]!.tokenHash).toBe(createHash("sha256").update(verify).digest("hex"))
    expect(created[1]!.tokenHash).toBe(createHash("sha256").update(grant).digest("hex"))
    expect(created[2]!.tokenHash).toBe(createHash("sha256").update(reset).digest("hex"))
    const stored = JSON.stringify(await Promise.all((["ada@example.com"] as const).map((e) => s.store.findPendingSignup!(e)))) + JSON.stringify(created)
    for (const token of [verify, grant, reset]) expect(stored).not.toContain(token)
  })

  it("work once: a reset token used again is invalid_token with reason used", async () => {
    const s = setup()
    await verifiedUser(s)
    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    const token = tokenFrom(s.outbox, "reset-password")
    expect((await post(s.accounts, "reset-password", { token, password: OTHER_PASSWORD })).status).toBe(200)
    expect(await post(s.accounts, "reset-password", { token, password: GOOD_PASSWORD })).toMatchObject({
      status: 400,
      body: { error: "invalid_token", reason: "used" },
    })
    expect(await s.accounts.authorize({ email: "ada@example.com", password: OTHER_PASSWORD })).not.toBeNull()
  })

  it("expire: a verification link after 24 hours and a reset link after 1 hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-01-01T00:00:00Z") })
    const s = setup()
    await verifiedUser(s, "grace@example.com")
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await post(s.accounts, "forgot-password", { email: "grace@example.com" })
    await s.accounts.whenIdle()
    const verify = tokenFrom(s.outbox, "verify-email", "ada@example.com")
    const reset = tokenFrom(s.outbox, "reset-password")

    vi.setSystemTime(new Date("2030-01-01T01:00:01Z"))
    expect((await post(s.accounts, "reset-password", { token: reset, password: OTHER_PASSWORD })).body).toMatchObject({
      error: "invalid_token",
      reason: "expired",
    })
    vi.setSystemTime(new Date("2030-01-01T23:59:59Z"))
    expect((await post(s.accounts, "verify-email", { token: "A".repeat(43) })).body).toMatchObject({ reason: "unknown" })
    vi.setSystemTime(new Date("2030-01-02T00:00:01Z"))
    expect((await post(s.accounts, "verify-email", { token: verify })).body).toMatchObject({ error: "invalid_token", reason: "expired" })
    // Sending the link again renews the pending sign-up: the new link works, the old one is void.
    await post(s.accounts, "resend-verification", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    const second = tokenFrom(s.outbox, "verify-email", "ada@example.com")
    expect(second).not.toBe(verify)
    expect((await post(s.accounts, "verify-email", { token: verify })).body).toMatchObject({ reason: "unknown" })
    expect((await post(s.accounts, "verify-email", { token: second })).status).toBe(200)
  })

  it("follow the configured lifetimes", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-01-01T00:00:00Z") })
    const s = setup({ tokenTtl: { resetPassword: 10 * 60_000 } })
    await verifiedUser(s)
    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    expect(s.outbox.at(-1)!.text).toContain("10 minutes")
    vi.setSystemTime(new Date("2030-01-01T00:10:01Z"))
    expect((await post(s.accounts, "reset-password", { token: tokenFrom(s.outbox, "reset-password"), password: OTHER_PASSWORD })).body).toMatchObject({
      reason: "expired",
    })
  })

  it("a second reset link leaves the first valid (a stranger cannot void it); using one voids the other", async () => {
    const s = setup()
    await verifiedUser(s)
    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    const first = tokenFrom(s.outbox, "reset-password")
    await post(s.accounts, "forgot-password", { email: "ada@example.com" })
    await s.accounts.whenIdle()
    const second = tokenFrom(s.outbox, "reset-password")
    expect(second).not.toBe(first)
    expect((await post(s.accounts, "reset-password", { token: first, password: OTHER_PASSWORD })).status).toBe(200)
    expect((await post(s.accounts, "reset-password", { token: second, password: OTHER_PASSWORD })).body).toMatchObject({
      error: "invalid_token",
      reason: "unknown",
    })
  })

  it("are kind-bound: a verification token cannot reset a password", async () => {
    const s = setup()
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await s.accounts.whenIdle()
    expect((await post(s.accounts, "reset-password", { token: tokenFrom(s.outbox, "verify-email"), password: OTHER_PASSWORD })).body).toMatchObject({
      error: "invalid_token",
      reason: "unknown",
    })
  })
})
