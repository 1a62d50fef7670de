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

  it("authorize answers a user without a password (OAuth, email link) as a wrong password, after the same hash work", async () => {
    const verify = vi.fn((hash: string, password: string) => cheapHasher.verify(hash, password))
    const s = setup({ hasher: { hash: cheapHasher.hash, verify } })
    await s.store.createUser({ email: "oauth@example.com", name: null, passwordHash: null, emailVerified: new Date(), roles: [] })
    await verifiedUser(s)
    verify.mockClear()
    // Whatever is typed, the empty string included: no session, and one hash verified, as for a wrong password.
    for (const password of [GOOD_PASSWORD, "", " "]) {
      expect(await s.accounts.authorize({ email: "oauth@example.com", password })).toBeNull()
    }
    expect(verify.mock.calls.length).toBeLessThanOrEqual(3)
    expect(verify.mock.calls.every(([hash]) => /^\$scrypt\$ln=10,/.test(hash))).toBe(true)
    verify.mockClear()
    expect(await s.accounts.authorize({ email: "oauth@example.com", password: GOOD_PASSWORD })).toBeNull()
    const withoutPassword = verify.mock.calls.length
    verify.mockClear()
    expect(await s.accounts.authorize({ email: "ada@example.com", password: "wrong password" })).toBeNull()
    expect(withoutPassword).toBe(verify.mock.calls.length)
    expect(withoutPassword).toBe(1)
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

/**
 * A store that records the calls made while a request is being answered (`answering` on), and
 * takes a little time per call, like a database across a network: the work before the answer is
 * what a client can time.
 */
function recordingStore() {
  const store = memoryAccountStore()
  const state = { answering: false, calls: [] as string[] }
  const recording = {} as Record<string, unknown>
  for (const [name, method] of Object.entries(store)) {
    recording[name] = async (...args: unknown[]) => {
      if (state.answering) state.calls.push(name)
      await new Promise((resolve) => setTimeout(resolve, 1))
      return (method as (...a: unknown[]) => unknown)(...args)
    }
  }
  return { store: recording as unknown as AccountStore, state }
}

/** A hasher that counts its work while a request is being answered. */
function countingHasher(state: { answering: boolean; calls: string[] }): PasswordHasher {
  return {
    hash: async (password) => {
      if (state.answering) state.calls.push("hash")
      return cheapHasher.hash(password)
    },
    verify: async (hash, password) => {
      if (state.answering) state.calls.push("verify")
      return cheapHasher.verify(hash, password)
    },
  }
}

/** The store and hasher calls made before each request was answered (background work after it is not seen). */
async function workBeforeAnswer(state: { answering: boolean; calls: string[] }, settle: () => Promise<void>, request: () => Promise<unknown>) {
  state.calls = []
  state.answering = true
  await request()
  state.answering = false
  const calls = state.calls
  await settle()
  return calls
}

// What a client could time is the work done before the answer: the same store calls and the same
// hashing, in the same order, for both kinds of address. Counted, not timed, so a busy machine
// cannot fail it and a difference of one fast call cannot hide in the noise.
describe("the work before the answer, with limits that count in the store", () => {
  it("signup does the same store calls and hashing for a taken address as for a new one", async () => {
    const { store, state } = recordingStore()
    const s = setup({ store, hasher: countingHasher(state), rateLimits: highLimits })
    await verifiedUser(s, "taken@example.com")
    await s.accounts.whenIdle()
    const settle = () => s.accounts.whenIdle()
    const fresh = await workBeforeAnswer(state, settle, () => post(s.accounts, "signup", { email: "fresh@example.com", password: GOOD_PASSWORD }))
    const taken = await workBeforeAnswer(state, settle, () => post(s.accounts, "signup", { email: "taken@example.com", password: GOOD_PASSWORD }))
    expect(fresh).toEqual(expect.arrayContaining(["hit", "hash"]))
    expect(taken).toEqual(fresh)
  })

  it.each(["forgot-password", "resend-verification"])("%s does the same store calls for an unknown address as for a known one", async (action) => {
    const { store, state } = recordingStore()
    const s = setup({ store, hasher: countingHasher(state), rateLimits: highLimits })
    await post(s.accounts, "signup", { email: "known@example.com", password: GOOD_PASSWORD })
    await verifiedUser(s, "verified@example.com")
    await s.accounts.whenIdle()
    const settle = () => s.accounts.whenIdle()
    const unknown = await workBeforeAnswer(state, settle, () => post(s.accounts, action, { email: "unknown@example.com" }))
    expect(unknown).toContain("hit")
    for (const email of ["known@example.com", "verified@example.com"]) {
      expect(await workBeforeAnswer(state, settle, () => post(s.accounts, action, { email })), email).toEqual(unknown)
    }
  })
})
