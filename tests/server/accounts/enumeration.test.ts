/**
 * No endpoint tells whether an address has an account: not by status, not by body, not by
 * time (the password is hashed either way, lookups and emails happen after the answer).
 */
import { describe, expect, it, vi } from "vitest"
import { type AccountStore, memoryAccountStore, type PasswordHasher, SCRYPT_DEFAULTS } from "../../../src/server"
import { cheapHasher, GOOD_PASSWORD, post, setup, tokenFrom, verifiedUser } from "./helpers"

/** What a client can see of an answer. */
const visible = (answer: Awaited<ReturnType<typeof post>>) => ({
  status: answer.status,
  body: answer.body,
  headers: [...answer.headers].filter(([name]) => name !== "date"),
})

const noLimits = { signUp: { perAddress: false, perIp: false }, email: { perAddress: false, perIp: false } } as const
// Limits that count (a store call in every answer, as in production) but are never reached.
const high = { limit: 1_000_000, windowMs: 3_600_000 }
const highLimits = { signUp: { perAddress: high, perIp: high }, email: { perAddress: high, perIp: high } }

describe("given a taken and a new address, signup", () => {
  it("answers exactly the same, and emails the owner of the taken address instead", async () => {
    const s = setup()
    await verifiedUser(s, "taken@example.com")
    s.outbox.length = 0
    const taken = await post(s.accounts, "signup", { email: "taken@example.com", password: GOOD_PASSWORD, name: "Mallory" })
    const fresh = await post(s.accounts, "signup", { email: "fresh@example.com", password: GOOD_PASSWORD, name: "Mallory" })
    expect(visible(taken)).toEqual(visible(fresh))
    expect(taken.status).toBe(202)

    await s.accounts.whenIdle()
    const attempt = s.outbox.find((e) => e.to === "taken@example.com")!
    expect(attempt).toMatchObject({ kind: "signup-attempt", url: "https://app.example.test/login" })
    expect(attempt.subject).toMatch(/tried to sign up/)
    expect(attempt.text).toContain("Hello Ada Lovelace,")
    expect(s.outbox.find((e) => e.to === "fresh@example.com")).toMatchObject({ kind: "verify-email" })
    // The taken account is untouched: not renamed, same password.
    expect((await s.store.findUserByEmail("taken@example.com"))!.name).toBe("Ada Lovelace")
    expect(await s.accounts.authorize({ email: "taken@example.com", password: GOOD_PASSWORD })).not.toBeNull()
  })

  it("hashes the password for the taken address too", async () => {
    const hash = vi.fn((password: string) => cheapHasher.hash(password))
    const s = setup({ hasher: { hash, verify: cheapHasher.verify } })
    await verifiedUser(s, "taken@example.com")
    hash.mockClear()
    await post(s.accounts, "signup", { email: "taken@example.com", password: GOOD_PASSWORD })
    expect(hash).toHaveBeenCalledTimes(1)
    expect(hash).toHaveBeenCalledWith(GOOD_PASSWORD)
  })
})

describe("given a known and an unknown address", () => {
  it.each(["forgot-password", "resend-verification"])("%s answers exactly the same", async (action) => {
    const s = setup()
    await post(s.accounts, "signup", { email: "known@example.com", password: GOOD_PASSWORD })
    const known = await post(s.accounts, action, { email: "known@example.com" })
    const unknown = await post(s.accounts, action, { email: "unknown@example.com" })
    expect(visible(known)).toEqual(visible(unknown))
    expect(known).toMatchObject({ status: 202, body: { ok: true } })
    await s.accounts.whenIdle()
    expect(s.outbox.filter((e) => e.to === "unknown@example.com")).toEqual([])
  })

  it("authorize verifies a hash for an unknown address too, and answers null either way", async () => {
    const verify = vi.fn((hash: string, password: string) => cheapHasher.verify(hash, password))
    const s = setup({ hasher: { hash: cheapHasher.hash, verify } })
    await verifiedUser(s)
    verify.mockClear()
    expect(await s.accounts.authorize({ email: "nobody@example.com", password: GOOD_PASSWORD })).toBeNull()
    expect(verify).toHaveBeenCalledTimes(1)
    expect(verify.mock.calls[0]![0]).toMatch(/^\$scrypt\$ln=10,/)
    expect(await s.accounts.authorize({ email: "ada@example.com", password: "wrong password" })).toBeNull()
    expect(verify).toHaveBeenCalledTimes(2)
  })
})

describe("the default hasher", () => {
  it("is scrypt with OWASP's parameters (N=2^17, r=8, p=1), self-describing and checked in constant time", async () => {
    expect(SCRYPT_DEFAULTS).toMatchObject({ N: 2 ** 17, r: 8, p: 1 })
    const s = setup({ hasher: undefined, rateLimits: noLimits })
    await post(s.accounts, "signup", { email: "ada@example.com", password: GOOD_PASSWORD })
    await s.accounts.whenIdle()
    const user = (await s.store.findPendingSignup!("ada@example.com"))!
    const [, algorithm, params, salt, hash] = user.passwordHash.split("$")
    expect([algorithm, params]).toEqual(["scrypt", "ln=17,r=8,p=1"])
    expect(Buffer.from(salt!, "base64")).toHaveLength(16)
    expect(Buffer.from(hash!, "base64")).toHaveLength(32)
    expect((await post(s.accounts, "verify-email", { token: tokenFrom(s.outbox, "verify-email") })).status).toBe(200)
    expect(await s.accounts.authorize({ email: "ada@example.com", password: GOOD_PASSWORD })).toMatchObject({ email: "ada@example.com" })
  }, 20_000)

  it("rehashes a hash made with older parameters after a right sign-in", async () => {
    const s = setup({ hasher: cheapHasher })
    await verifiedUser(s)
    const { scryptHasher } = await import("../../../src/server")
    const stronger = setup({ store: s.store, hasher: scryptHasher({ N: 2 ** 11 }) })
    expect(await stronger.accounts.authorize({ email: "ada@example.com", password: GOOD_PASSWORD })).not.toBeNull()
    await stronger.accounts.whenIdle()
    expect((await s.store.findUserByEmail("ada@example.com"))!.passwordHash).toMatch(/^\$scrypt\$ln=11,/)
  })
})

/** A store that takes 2 ms per call, like a database across a network: extra calls would show. */
function slowStore(): AccountStore {
  const store = memoryAccountStore()
  const slow = {} as Record<string, unknown>
  for (const [name, method] of Object.entries(store)) {
    slow[name] = async (...args: unknown[]) => {
      await new Promise((resolve) => setTimeout(resolve, 2))
      return (method as (...a: unknown[]) => unknown)(...args)
    }
  }
  return slow as unknown as AccountStore
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/**
 * Medians of two kinds of call, alternated (a b, then b a, so neither always goes first), each
 * after the background work of the one before settled; three warm-up rounds.
 */
async function timeAlternating(rounds: number, settle: () => Promise<void>, a: (i: number) => Promise<unknown>, b: (i: number) => Promise<unknown>) {
  const times: [number[], number[]] = [[], []]
  for (let i = -3; i < rounds; i++) {
    const order = i % 2 === 0 ? ([[0, a], [1, b]] as const) : ([[1, b], [0, a]] as const)
    for (const [k, call] of order) {
      const start = performance.now()
      await call(i + 3)
      const elapsed = performance.now() - start
      if (i >= 0) times[k].push(elapsed)
      await settle()
    }
  }
  return times.map(median) as [number, number]
}

describe("timing, with a store that takes 2 ms per call and a cheap hasher", () => {
  const hasher: PasswordHasher = cheapHasher

  it("signup takes as long for a taken address as for a new one (medians within 25%)", async () => {
    const s = setup({ store: slowStore(), hasher, rateLimits: highLimits })
    await verifiedUser(s, "taken@example.com")
    const [taken, fresh] = await timeAlternating(
      15,
      () => s.accounts.whenIdle(),
      () => post(s.accounts, "signup", { email: "taken@example.com", password: GOOD_PASSWORD }),
      (i) => post(s.accounts, "signup", { email: `fresh${i}@example.com`, password: GOOD_PASSWORD }),
    )
    expect(Math.abs(taken - fresh) / Math.max(taken, fresh)).toBeLessThan(0.25)
  })

  it.each(["forgot-password", "resend-verification"])("%s takes as long for an unknown address as for a known one", async (action) => {
    const s = setup({ store: slowStore(), hasher, rateLimits: highLimits })
    await post(s.accounts, "signup", { email: "known@example.com", password: GOOD_PASSWORD })
    const [known, unknown] = await timeAlternating(
      15,
      () => s.accounts.whenIdle(),
      () => post(s.accounts, action, { email: "known@example.com" }),
      () => post(s.accounts, action, { email: "unknown@example.com" }),
    )
    expect(Math.abs(known - unknown) / Math.max(known, unknown)).toBeLessThan(0.25)
  })
})
