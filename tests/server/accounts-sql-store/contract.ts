/**
 * The contract of `AccountStore` (src/core/accounts/store.ts), for any implementation:
 *
 * ```ts
 * import { accountStoreContract } from "../accounts-sql-store/contract"
 * accountStoreContract("memory", () => memoryAccountStore())
 * ```
 *
 * `makeStore` is called once per test and must answer an empty store. Semantics pinned here
 * beyond the interface's comments: a token expires AT `expiresAt` (usable while
 * `now < expiresAt`), a used token answers "used" even once it has also expired, a rate-limit
 * window ends AT `resetAt` (a hit at `resetAt` starts a new window at 1), a new user's
 * `credentialVersion` is 0, a token may expire as late as the year 9999 (recovery codes), a
 * refund (negative `hit`) on a key without an open window answers `{ count: 0, resetAt: now }`
 * and opens none, a pending sign-up's link expires AT its `expiresAt` as a token's does, and
 * so does a session (it is no longer listed at `expiresAt`).
 *
 * `concurrencyContract` runs the concurrent cases on several instances of one store as well
 * (two pools, two clients), for the stores that can have several.
 */
import { createHash, randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import type { AccountStore, NewAccountUser, PendingSignup, StoredPasskey, StoredSession, TokenKind } from "../../../src/core/accounts/store"
import { SESSION_STORE_METHODS } from "../../../src/core/accounts/features/sessions"
import { PASSKEY_STORE_METHODS } from "../../../src/core/accounts/features/passkeys"

export type StoreFactory = () => AccountStore | Promise<AccountStore>

const T0 = new Date("2030-01-01T00:00:00.000Z")
const at = (ms: number) => new Date(T0.getTime() + ms)
const HOUR = 3_600_000

/** The hex SHA-256 of a fresh random token, as the kit stores it. */
function tokenHash(): string {
  return createHash("sha256").update(randomBytes(32)).digest("hex")
}

function newUser(overrides: Partial<NewAccountUser> = {}): NewAccountUser {
  return {
    email: "ada@example.com",
    name: "Ada Lovelace",
    passwordHash: "scrypt$N=131072,r=8,p=1$c2FsdA$aGFzaA",
    emailVerified: null,
    roles: ["user"],
    ...overrides,
  }
}

export function accountStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`AccountStore contract: ${name}`, () => {
    describe("users", () => {
      it("creates a user and finds it by id and by email", async () => {
        const store = await makeStore()
        const before = Date.now()
        const created = await store.createUser(newUser({ roles: ["admin", "user"] }))
        const after = Date.now()
        expect(created).not.toBeNull()
        const user = created!
        expect(typeof user.id).toBe("string")
        expect(user.id.length).toBeGreaterThan(0)
        expect(user).toMatchObject({
          email: "ada@example.com",
          name: "Ada Lovelace",
          passwordHash: "scrypt$N=131072,r=8,p=1$c2FsdA$aGFzaA",
          emailVerified: null,
          roles: ["admin", "user"],
          credentialVersion: 0,
        })
        expect(user.createdAt).toBeInstanceOf(Date)
        expect(user.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
        expect(user.createdAt.getTime()).toBeLessThanOrEqual(after + 1000)

        expect(await store.findUserById(user.id)).toEqual(user)
        expect(await store.findUserByEmail("ada@example.com")).toEqual(user)
      })

      it("keeps an id the caller chose, and a verified date to the millisecond", async () => {
        const store = await makeStore()
        const verified = new Date("2029-05-06T07:08:09.123Z")
        const user = await store.createUser(newUser({ id: "user-42", emailVerified: verified }))
        expect(user?.id).toBe("user-42")
        const found = await store.findUserById("user-42")
        expect(found?.emailVerified).toBeInstanceOf(Date)
        expect(found?.emailVerified?.getTime()).toBe(verified.getTime())
      })

      it("normalises emails (trim, lower case) when creating and when finding", async () => {
        const store = await makeStore()
        const user = await store.createUser(newUser({ email: "  Ada@Example.COM " }))
        expect(user?.email).toBe("ada@example.com")
        expect(await store.findUserByEmail("ADA@example.com")).toEqual(user)
        expect(await store.findUserByEmail("  ada@EXAMPLE.com\t")).toEqual(user)
      })

      it("answers null for unknown users", async () => {
        const store = await makeStore()
        expect(await store.findUserById("nobody")).toBeNull()
        expect(await store.findUserByEmail("nobody@example.com")).toBeNull()
      })

      it("answers null and creates nothing when the email is taken, whatever its case", async () => {
        const store = await makeStore()
        const first = await store.createUser(newUser())
        expect(await store.createUser(newUser({ name: "Mallory", passwordHash: "other" }))).toBeNull()
        expect(await store.createUser(newUser({ email: " ADA@example.com ", name: "Mallory" }))).toBeNull()
        expect(await store.findUserByEmail("ada@example.com")).toEqual(first)
      })

      it("lets exactly one of 10 concurrent sign-ups of one address through", async () => {
        const store = await makeStore()
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.createUser(newUser({ email: "race@example.com", name: `n${i}` })),
          ),
        )
        const winners = results.filter((u) => u !== null)
        expect(winners).toHaveLength(1)
        expect(await store.findUserByEmail("race@example.com")).toEqual(winners[0])
      })

      it("updates some fields and leaves the others alone", async () => {
        const store = await makeStore()
        const user = (await store.createUser(newUser()))!
        const verified = at(5)
        await store.updateUser(user.id, {
          name: "Ada King",
          passwordHash: "new-hash",
          emailVerified: verified,
          roles: ["admin", "rôle \"quoted\""],
          credentialVersion: 3,
        })
        expect(await store.findUserById(user.id)).toEqual({
          ...user,
          name: "Ada King",
          passwordHash: "new-hash",
          emailVerified: verified,
          roles: ["admin", "rôle \"quoted\""],
          credentialVersion: 3,
        })

        await store.updateUser(user.id, { credentialVersion: 4 })
        const after = await store.findUserById(user.id)
        expect(after?.credentialVersion).toBe(4)
        expect(after?.passwordHash).toBe("new-hash")

        await store.updateUser(user.id, { emailVerified: null, name: null, roles: [] })
        expect(await store.findUserById(user.id)).toMatchObject({ emailVerified: null, name: null, roles: [] })

        await store.updateUser(user.id, {})
        expect(await store.findUserById(user.id)).toMatchObject({ email: "ada@example.com", credentialVersion: 4 })
      })

      it("ignores updates of unknown ids", async () => {
        const store = await makeStore()
        const user = (await store.createUser(newUser()))!
        await expect(store.updateUser("nobody", { name: "x" })).resolves.toBeUndefined()
        expect(await store.findUserById(user.id)).toEqual(user)
        expect(await store.findUserById("nobody")).toBeNull()
      })
    })

    describe("tokens", () => {
      async function withUser(store: AccountStore, email = "ada@example.com") {
        return (await store.createUser(newUser({ email })))!
      }

      it("uses a token once: ok with the user id, then used", async () => {
        const store = await makeStore()
        const user = await withUser(store)
        const hash = tokenHash()
        await store.createToken({ kind: "verify-email", tokenHash: hash, userId: user.id, expiresAt: at(HOUR) })
        expect(await store.consumeToken("verify-email", hash, at(0))).toEqual({ ok: true, userId: user.id })
        expect(await store.consumeToken("verify-email", hash, at(1))).toEqual({ ok: false, reason: "used" })
      })

      it("answers unknown for an unknown hash and for a hash of the other kind", async () => {
        const store = await makeStore()
        const user = await withUser(store)
        const hash = tokenHash()
        await store.createToken({ kind: "reset-password", tokenHash: hash, userId: user.id, expiresAt: at(HOUR) })
        expect(await store.consumeToken("reset-password", tokenHash(), at(0))).toEqual({ ok: false, reason: "unknown" })
        expect(await store.consumeToken("verify-email", hash, at(0))).toEqual({ ok: false, reason: "unknown" })
        // The miss did not touch it.
        expect(await store.consumeToken("reset-password", hash, at(0))).toEqual({ ok: true, userId: user.id })
      })

      it("expires at expiresAt: usable one millisecond before, expired at and after it", async () => {
        const store = await makeStore()
        const user = await withUser(store)
        const [a, b, c] = [tokenHash(), tokenHash(), tokenHash()]
        for (const hash of [a, b, c]) {
          await store.createToken({ kind: "reset-password", tokenHash: hash, userId: user.id, expiresAt: at(HOUR) })
        }
        expect(await store.consumeToken("reset-password", a, at(HOUR - 1))).toEqual({ ok: true, userId: user.id })
        expect(await store.consumeToken("reset-password", b, at(HOUR))).toEqual({ ok: false, reason: "expired" })
        expect(await store.consumeToken("reset-password", c, at(HOUR + 1))).toEqual({ ok: false, reason: "expired" })
        // An expired token stays expired (trying did not use it) and a used one stays used.
        expect(await store.consumeToken("reset-password", b, at(2 * HOUR))).toEqual({ ok: false, reason: "expired" })
        expect(await store.consumeToken("reset-password", a, at(2 * HOUR))).toEqual({ ok: false, reason: "used" })
      })

      it("lets exactly one of 20 concurrent uses of one token win", async () => {
        const store = await makeStore()
        const user = await withUser(store)
        const hash = tokenHash()
        await store.createToken({ kind: "reset-password", tokenHash: hash, userId: user.id, expiresAt: at(HOUR) })
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.consumeToken("reset-password", hash, at(10))),
        )
        expect(results.filter((r) => r.ok)).toEqual([{ ok: true, userId: user.id }])
        expect(results.filter((r) => !r.ok)).toEqual(Array(19).fill({ ok: false, reason: "used" }))
      })

      it("deleteTokens removes only the unused tokens of that kind of that user", async () => {
        const store = await makeStore()
        const ada = await withUser(store)
        const bob = await withUser(store, "bob@example.com")
        const hashes = {
          adaResetUnused: tokenHash(),
          adaResetUsed: tokenHash(),
          adaVerify: tokenHash(),
          bobReset: tokenHash(),
        }
        const make = (kind: TokenKind, hash: string, userId: string) =>
          store.createToken({ kind, tokenHash: hash, userId, expiresAt: at(HOUR) })
        await make("reset-password", hashes.adaResetUnused, ada.id)
        await make("reset-password", hashes.adaResetUsed, ada.id)
        await make("verify-email", hashes.adaVerify, ada.id)
        await make("reset-password", hashes.bobReset, bob.id)
        expect((await store.consumeToken("reset-password", hashes.adaResetUsed, at(0))).ok).toBe(true)

        await store.deleteTokens(ada.id, "reset-password")

        expect(await store.consumeToken("reset-password", hashes.adaResetUnused, at(1))).toEqual({
          ok: false,
          reason: "unknown",
        })
        expect(await store.consumeToken("reset-password", hashes.adaResetUsed, at(1))).toEqual({
          ok: false,
          reason: "used",
        })
        expect(await store.consumeToken("verify-email", hashes.adaVerify, at(1))).toEqual({ ok: true, userId: ada.id })
        expect(await store.consumeToken("reset-password", hashes.bobReset, at(1))).toEqual({ ok: true, userId: bob.id })
        await expect(store.deleteTokens("nobody", "verify-email")).resolves.toBeUndefined()
      })
    })

    describe("email changes", () => {
      const changing = (store: AccountStore) => {
        if (typeof store.changeEmail !== "function") throw new Error("the store has no changeEmail")
        return store as AccountStore & Required<Pick<AccountStore, "changeEmail">>
      }

      it("keeps a token's data and answers it once with the token, and no data for a token without", async () => {
        const store = await makeStore()
        const user = (await store.createUser(newUser()))!
        const [carrying, plain] = [tokenHash(), tokenHash()]
        await store.createToken({ kind: "change-email", tokenHash: carrying, userId: user.id, expiresAt: at(HOUR), data: "ada@new.example.com" })
        await store.createToken({ kind: "verify-email", tokenHash: plain, userId: user.id, expiresAt: at(HOUR) })
        expect(await store.consumeToken("change-email", carrying, at(0))).toEqual({ ok: true, userId: user.id, data: "ada@new.example.com" })
        expect(await store.consumeToken("change-email", carrying, at(1))).toEqual({ ok: false, reason: "used" })
        const used = await store.consumeToken("verify-email", plain, at(0))
        expect(used).toEqual({ ok: true, userId: user.id })
        expect("data" in used).toBe(false)
      })

      it("changes the address (normalised) and its verified date, finds the user by the new one only, and keeps the rest", async () => {
        const store = changing(await makeStore())
        const user = (await store.createUser(newUser({ emailVerified: null })))!
        expect(await store.changeEmail(user.id, "  Ada@New.Example.com ", at(5))).toBe("changed")
        const changed = await store.findUserById(user.id)
        expect(changed).toEqual({ ...user, email: "ada@new.example.com", emailVerified: at(5) })
        expect(await store.findUserByEmail("ada@new.example.com")).toEqual(changed)
        expect(await store.findUserByEmail("ada@example.com")).toBeNull()
        // The old address is free again.
        expect(await store.createUser(newUser({ email: "ada@example.com" }))).not.toBeNull()
      })

      it("answers taken, changing nothing, for another user's address whatever its case, and unknown for nobody", async () => {
        const store = changing(await makeStore())
        const ada = (await store.createUser(newUser()))!
        const bob = (await store.createUser(newUser({ email: "bob@example.com" })))!
        expect(await store.changeEmail(ada.id, "BOB@example.com", at(0))).toBe("taken")
        expect(await store.findUserById(ada.id)).toEqual(ada)
        expect(await store.findUserByEmail("bob@example.com")).toEqual(bob)
        expect(await store.changeEmail("nobody", "new@example.com", at(0))).toBe("unknown")
        expect(await store.findUserByEmail("new@example.com")).toBeNull()
      })

      it("removes next-auth's email sign-in tokens of the old address, and no other", async () => {
        const store = changing(await makeStore())
        if (typeof store.createVerificationToken !== "function") return
        const ada = (await store.createUser(newUser()))!
        await store.createVerificationToken({ identifier: "ada@example.com", tokenHash: "old", expiresAt: at(HOUR) })
        await store.createVerificationToken({ identifier: "bob@example.com", tokenHash: "bob", expiresAt: at(HOUR) })
        expect(await store.changeEmail(ada.id, "ada@new.example.com", at(0))).toBe("changed")
        expect(await store.useVerificationToken!("ada@example.com", "old")).toBeNull()
        expect(await store.useVerificationToken!("bob@example.com", "bob")).not.toBeNull()
      })
    })

    describe("two-factor state", () => {
      const SEALED = "v1.AAECAwQFBgcICQoL.c2VhbGVkLXNlY3JldC13aXRoLWEtdGFn"

      it("answers null for a user without it", async () => {
        const store = await makeStore()
        expect(await store.getMfa("nobody")).toBeNull()
      })

      it("keeps a pending setup (enabledAt null), then the enabled state to the millisecond", async () => {
        const store = await makeStore()
        await store.setMfa("user-1", { secret: SEALED, enabledAt: null })
        expect(await store.getMfa("user-1")).toEqual({ secret: SEALED, enabledAt: null })
        const enabledAt = new Date("2030-01-02T03:04:05.678Z")
        await store.setMfa("user-1", { secret: SEALED, enabledAt })
        const state = await store.getMfa("user-1")
        expect(state).toEqual({ secret: SEALED, enabledAt })
        expect(state?.enabledAt).toBeInstanceOf(Date)
      })

      it("replaces a state whole, and removes it with null", async () => {
        const store = await makeStore()
        await store.setMfa("user-1", { secret: SEALED, enabledAt: at(0) })
        await store.setMfa("user-1", { secret: "v1.other.value", enabledAt: null })
        expect(await store.getMfa("user-1")).toEqual({ secret: "v1.other.value", enabledAt: null })
        await store.setMfa("user-1", null)
        expect(await store.getMfa("user-1")).toBeNull()
        await expect(store.setMfa("user-1", null)).resolves.toBeUndefined()
        await store.setMfa("user-1", { secret: SEALED, enabledAt: null })
        expect(await store.getMfa("user-1")).toEqual({ secret: SEALED, enabledAt: null })
      })

      it("keeps users apart, and hands out copies", async () => {
        const store = await makeStore()
        await store.setMfa("user-1", { secret: "one", enabledAt: at(1) })
        await store.setMfa("user-2", { secret: "two", enabledAt: null })
        await store.setMfa("user-2", null)
        const one = (await store.getMfa("user-1"))!
        one.enabledAt!.setTime(0)
        one.secret = "changed"
        expect(await store.getMfa("user-1")).toEqual({ secret: "one", enabledAt: at(1) })
        expect(await store.getMfa("user-2")).toBeNull()
      })

      it("keeps recovery-code tokens that expire in the year 9999: usable once, voided by deleteTokens", async () => {
        const store = await makeStore()
        const far = new Date("9999-01-01T00:00:00.000Z")
        const [a, b, c] = [tokenHash(), tokenHash(), tokenHash()]
        for (const hash of [a, b, c]) await store.createToken({ kind: "mfa-recovery", tokenHash: hash, userId: "user-1", expiresAt: far })
        await store.createToken({ kind: "reset-password", tokenHash: tokenHash(), userId: "user-1", expiresAt: at(HOUR) })
        expect(await store.consumeToken("mfa-recovery", a, at(0))).toEqual({ ok: true, userId: "user-1" })
        expect(await store.consumeToken("mfa-recovery", a, at(1))).toEqual({ ok: false, reason: "used" })
        expect(await store.consumeToken("reset-password", b, at(1))).toEqual({ ok: false, reason: "unknown" })
        expect(await store.consumeToken("mfa-recovery", b, new Date("9998-12-31T23:59:59.999Z"))).toEqual({ ok: true, userId: "user-1" })
        await store.deleteTokens("user-1", "mfa-recovery")
        expect(await store.consumeToken("mfa-recovery", c, at(2))).toEqual({ ok: false, reason: "unknown" })
        expect(await store.consumeToken("mfa-recovery", a, at(2))).toEqual({ ok: false, reason: "used" })
      })
    })

    describe("rate-limit counters", () => {
      it("forgets the counters it is given (a deleted user's), and only those", async () => {
        const store = await makeStore()
        if (typeof store.forgetRateLimits !== "function") return
        const window = 60_000
        for (const key of ["gone:1", "gone:2", "kept:1"]) await store.hit(key, window, at(0), 3)
        await store.forgetRateLimits([])
        await store.forgetRateLimits(["gone:1", "gone:2", "never:1"])
        expect(await store.hit("gone:1", window, at(1), 0)).toMatchObject({ count: 0 })
        expect(await store.hit("gone:2", window, at(1), 0)).toMatchObject({ count: 0 })
        expect(await store.hit("kept:1", window, at(1), 0)).toMatchObject({ count: 3 })
      })

      it("reads without counting with by: 0, and counts by more than one", async () => {
        const store = await makeStore()
        const window = 60_000
        expect(await store.hit("peek:1", window, at(0), 0)).toMatchObject({ count: 0 })
        expect(await store.hit("peek:1", window, at(1))).toMatchObject({ count: 1 })
        expect(await store.hit("peek:1", window, at(2), 0)).toMatchObject({ count: 1 })
        expect(await store.hit("peek:1", window, at(3), 2)).toMatchObject({ count: 3 })
        expect(await store.hit("peek:1", window, at(window + 5), 0)).toMatchObject({ count: 0 })
      })

      it("counts in a fixed window that starts at the first hit and restarts at 1 once it ended", async () => {
        const store = await makeStore()
        const window = 60_000
        expect(await store.hit("ip:1", window, at(0))).toEqual({ count: 1, resetAt: at(window) })
        expect(await store.hit("ip:1", window, at(10))).toEqual({ count: 2, resetAt: at(window) })
        expect(await store.hit("ip:1", window, at(window - 1))).toEqual({ count: 3, resetAt: at(window) })
        // The window ends at resetAt: this hit starts the next one.
        expect(await store.hit("ip:1", window, at(window))).toEqual({ count: 1, resetAt: at(2 * window) })
        expect(await store.hit("ip:1", window, at(window + 5))).toEqual({ count: 2, resetAt: at(2 * window) })
        // Long after: a fresh window from this hit.
        expect(await store.hit("ip:1", window, at(10 * window + 7))).toEqual({
          count: 1,
          resetAt: at(11 * window + 7),
        })
      })

      it("keeps keys apart", async () => {
        const store = await makeStore()
        await store.hit("email:a@example.com", 1000, at(0))
        await store.hit("email:a@example.com", 1000, at(1))
        expect(await store.hit("email:b@example.com", 1000, at(2))).toEqual({ count: 1, resetAt: at(1002) })
        expect(await store.hit("email:a@example.com", 1000, at(3))).toEqual({ count: 3, resetAt: at(1000) })
      })

      it("gives hits back with a negative by: never below 0, in the same window", async () => {
        const store = await makeStore()
        const window = 60_000
        await store.hit("refund", window, at(0), 3)
        expect(await store.hit("refund", window, at(1), -1)).toEqual({ count: 2, resetAt: at(window) })
        expect(await store.hit("refund", window, at(2), -5)).toEqual({ count: 0, resetAt: at(window) })
        expect(await store.hit("refund", window, at(3), -1)).toEqual({ count: 0, resetAt: at(window) })
        // The window is still the first one: the refunds did not restart it.
        expect(await store.hit("refund", window, at(4))).toEqual({ count: 1, resetAt: at(window) })
      })

      it("opens no window with a refund, and restarts no ended one", async () => {
        const store = await makeStore()
        const window = 60_000
        expect(await store.hit("never-hit", window, at(0), -1)).toEqual({ count: 0, resetAt: at(0) })
        // The first real hit opens the window then, not at the refund.
        expect(await store.hit("never-hit", window, at(10))).toEqual({ count: 1, resetAt: at(window + 10) })

        await store.hit("ended", window, at(0), 4)
        expect(await store.hit("ended", window, at(window), -1)).toEqual({ count: 0, resetAt: at(window) })
        expect(await store.hit("ended", window, at(window + 5), -2)).toEqual({ count: 0, resetAt: at(window + 5) })
        // The next hit starts a fresh window at 1, from itself.
        expect(await store.hit("ended", window, at(window + 7))).toEqual({ count: 1, resetAt: at(2 * window + 7) })
      })
    })

    describe("pending sign-ups", () => {
      it("saves one and finds it by its normalised address, with every field", async () => {
        const store = pendingStore(await makeStore())
        const signup = newPending({ email: " Ada@Example.COM " })
        await store.savePendingSignup(signup)
        const found = await store.findPendingSignup("ada@example.com")
        expect(found).toEqual({ ...signup, email: "ada@example.com" })
        expect(await store.findPendingSignup("ADA@example.com ")).toEqual(found)
        expect(await store.findPendingSignup("bob@example.com")).toBeNull()
        // A copy: changing it changes nothing stored.
        found!.expiresAt.setTime(0)
        expect((await store.findPendingSignup("ada@example.com"))?.expiresAt).toEqual(signup.expiresAt)
      })

      it("keeps a name of null, and finds an expired one too", async () => {
        const store = pendingStore(await makeStore())
        const signup = newPending({ name: null, expiresAt: at(-1) })
        await store.savePendingSignup(signup)
        expect(await store.findPendingSignup(signup.email)).toEqual(signup)
      })

      it("takes a pending sign-up once by its link's hash: ok with the sign-up, then unknown", async () => {
        const store = pendingStore(await makeStore())
        const signup = newPending()
        await store.savePendingSignup(signup)
        expect(await store.consumePendingSignup(signup.tokenHash, at(0))).toEqual({ ok: true, signup })
        expect(await store.consumePendingSignup(signup.tokenHash, at(1))).toEqual({ ok: false, reason: "unknown" })
        expect(await store.findPendingSignup(signup.email)).toBeNull()
      })

      it("answers unknown for a hash nobody has, and leaves the others alone", async () => {
        const store = pendingStore(await makeStore())
        const signup = newPending()
        await store.savePendingSignup(signup)
        expect(await store.consumePendingSignup(tokenHash(), at(0))).toEqual({ ok: false, reason: "unknown" })
        expect(await store.findPendingSignup(signup.email)).toEqual(signup)
      })

      it("expires at expiresAt: taken one millisecond before, expired at and after it (and kept)", async () => {
        const store = pendingStore(await makeStore())
        const [a, b] = [newPending({ email: "a@example.com" }), newPending({ email: "b@example.com" })]
        await store.savePendingSignup(a)
        await store.savePendingSignup(b)
        expect(await store.consumePendingSignup(a.tokenHash, at(HOUR - 1))).toEqual({ ok: true, signup: a })
        expect(await store.consumePendingSignup(b.tokenHash, at(HOUR))).toEqual({ ok: false, reason: "expired" })
        expect(await store.consumePendingSignup(b.tokenHash, at(2 * HOUR))).toEqual({ ok: false, reason: "expired" })
        expect(await store.findPendingSignup(b.email)).toEqual(b)
      })

      it("replaces the pending sign-up of an address: the earlier link stops working", async () => {
        const store = pendingStore(await makeStore())
        const first = newPending({ name: "First" })
        const second = newPending({ name: "Second", passwordHash: "other-hash", expiresAt: at(2 * HOUR), createdAt: at(5) })
        await store.savePendingSignup(first)
        await store.savePendingSignup({ ...second, email: "ADA@example.com" })
        expect(await store.findPendingSignup(first.email)).toEqual(second)
        expect(await store.consumePendingSignup(first.tokenHash, at(0))).toEqual({ ok: false, reason: "unknown" })
        expect(await store.consumePendingSignup(second.tokenHash, at(0))).toEqual({ ok: true, signup: second })
      })
    })
  })

  describe(`AccountStore contract, sessions: ${name}`, () => {
    it("records a session and finds it by id with every field, to the millisecond, nulls kept", async () => {
      const store = sessionStore(await makeStore())
      const full = newSession({ id: "s-full", ip: "2001:db8::1", browser: "Firefox 128", os: "Windows 10", deviceType: "desktop", method: "code" })
      const bare = newSession({ id: "s-bare", ip: null, browser: null, os: null, deviceType: null, createdAt: at(7), lastActiveAt: at(9) })
      await store.createSession(full)
      await store.createSession(bare)
      expect(await store.findSession("s-full")).toEqual(full)
      expect(await store.findSession("s-bare")).toEqual(bare)
      expect(await store.findSession("s-none")).toBeNull()
    })

    it("refuses a second session with the same id", async () => {
      const store = sessionStore(await makeStore())
      await store.createSession(newSession({ id: "dup" }))
      await expect(store.createSession(newSession({ id: "dup", userId: "u2" }))).rejects.toThrow()
      expect((await store.findSession("dup"))?.userId).toBe("u1")
    })

    it("lists a user's sessions newest first, without other users' and without those expired at now", async () => {
      const store = sessionStore(await makeStore())
      await store.createSession(newSession({ id: "old", createdAt: at(0) }))
      await store.createSession(newSession({ id: "new", createdAt: at(2_000) }))
      await store.createSession(newSession({ id: "mid", createdAt: at(1_000) }))
      await store.createSession(newSession({ id: "ends", createdAt: at(3_000), expiresAt: at(HOUR / 2) }))
      await store.createSession(newSession({ id: "other", userId: "u2", createdAt: at(5_000) }))
      expect((await store.listSessions("u1", at(HOUR / 2 - 1))).map((s) => s.id)).toEqual(["ends", "new", "mid", "old"])
      // A session expires AT expiresAt.
      expect((await store.listSessions("u1", at(HOUR / 2))).map((s) => s.id)).toEqual(["new", "mid", "old"])
      expect(await store.listSessions("u1", at(HOUR))).toEqual([])
      expect((await store.listSessions("u2", at(0))).map((s) => s.id)).toEqual(["other"])
      expect(await store.listSessions("u3", at(0))).toEqual([])
      expect((await store.listSessions("u1", at(0)))[1]).toEqual(newSession({ id: "new", createdAt: at(2_000) }))
    })

    it("writes activity only once the interval has passed since the last write, moving the expiry", async () => {
      const store = sessionStore(await makeStore())
      const interval = 300_000
      await store.createSession(newSession({ id: "s", lastActiveAt: at(0), expiresAt: at(HOUR) }))
      expect(await store.touchSession("s", at(interval - 1), { minIntervalMs: interval, expiresAt: at(2 * HOUR) })).toBe(false)
      expect(await store.findSession("s")).toMatchObject({ lastActiveAt: at(0), expiresAt: at(HOUR) })
      expect(await store.touchSession("s", at(interval), { minIntervalMs: interval, expiresAt: at(2 * HOUR) })).toBe(true)
      expect(await store.findSession("s")).toMatchObject({ lastActiveAt: at(interval), expiresAt: at(2 * HOUR) })
      expect(await store.touchSession("s", at(interval + 1), { minIntervalMs: interval, expiresAt: at(3 * HOUR) })).toBe(false)
      // An expired session is not brought back, an unknown one not created.
      expect(await store.touchSession("s", at(2 * HOUR), { minIntervalMs: interval, expiresAt: at(4 * HOUR) })).toBe(false)
      expect(await store.touchSession("none", at(0), { minIntervalMs: interval, expiresAt: at(HOUR) })).toBe(false)
      expect(await store.findSession("none")).toBeNull()
    })

    it("lets one of 20 concurrent activity writes of a session through", async () => {
      const store = sessionStore(await makeStore())
      await store.createSession(newSession({ id: "s", lastActiveAt: at(0) }))
      const writes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.touchSession("s", at(600_000 + i), { minIntervalMs: 300_000, expiresAt: at(2 * HOUR) })),
      )
      expect(writes.filter(Boolean)).toHaveLength(1)
    })

    it("marks a session of its user authenticated at a time (kept to the millisecond); another user's or an unknown id is false", async () => {
      const store = sessionStore(await makeStore())
      await store.createSession(newSession({ id: "mine" }))
      await store.createSession(newSession({ id: "also-mine", authenticatedAt: at(3) }))
      expect((await store.findSession("mine"))!.authenticatedAt ?? null).toBeNull()
      expect((await store.findSession("also-mine"))!.authenticatedAt).toEqual(at(3))
      expect(await store.markSessionAuthenticated("u2", "mine", at(5))).toBe(false)
      expect(await store.markSessionAuthenticated("u1", "never", at(5))).toBe(false)
      expect(await store.markSessionAuthenticated("u1", "mine", at(5))).toBe(true)
      expect((await store.findSession("mine"))!.authenticatedAt).toEqual(at(5))
      expect((await store.listSessions("u1", at(0))).find((s) => s.id === "mine")!.authenticatedAt).toEqual(at(5))
    })

    it("revokes a session of its user only: true once, then false; another user's id stays", async () => {
      const store = sessionStore(await makeStore())
      await store.createSession(newSession({ id: "mine" }))
      await store.createSession(newSession({ id: "theirs", userId: "u2" }))
      expect(await store.revokeSession("u1", "theirs")).toBe(false)
      expect(await store.findSession("theirs")).not.toBeNull()
      expect(await store.revokeSession("u1", "mine")).toBe(true)
      expect(await store.findSession("mine")).toBeNull()
      expect(await store.revokeSession("u1", "mine")).toBe(false)
      expect(await store.revokeSession("u1", "never")).toBe(false)
      expect((await store.listSessions("u1", at(0))).map((s) => s.id)).toEqual([])
    })

    it("revokes every other session of a user, answering their ids; null keeps none; other users untouched", async () => {
      const store = sessionStore(await makeStore())
      for (const id of ["a", "b", "c"]) await store.createSession(newSession({ id }))
      await store.createSession(newSession({ id: "x", userId: "u2" }))
      expect((await store.revokeOtherSessions("u1", "b")).sort()).toEqual(["a", "c"])
      expect((await store.listSessions("u1", at(0))).map((s) => s.id)).toEqual(["b"])
      expect(await store.revokeOtherSessions("u1", "b")).toEqual([])
      expect(await store.revokeOtherSessions("u1", null)).toEqual(["b"])
      expect(await store.listSessions("u1", at(0))).toEqual([])
      expect((await store.listSessions("u2", at(0))).map((s) => s.id)).toEqual(["x"])
    })

    it("prunes sessions expired at now, at most `limit` at a time, and nothing else", async () => {
      const store = sessionStore(await makeStore())
      for (let i = 0; i < 5; i++) await store.createSession(newSession({ id: `gone${i}`, expiresAt: at(10) }))
      await store.createSession(newSession({ id: "live", expiresAt: at(11) }))
      expect(await store.pruneSessions(at(10), 3)).toBe(3)
      expect(await store.pruneSessions(at(10), 3)).toBe(2)
      expect(await store.pruneSessions(at(10), 3)).toBe(0)
      for (let i = 0; i < 5; i++) expect(await store.findSession(`gone${i}`)).toBeNull()
      expect(await store.findSession("live")).not.toBeNull()
    })
  })

  describe(`AccountStore contract, passkeys: ${name}`, () => {
    it("records a passkey and finds it by credential id with every field, to the millisecond", async () => {
      const store = passkeyStore(await makeStore())
      const full = newPasskey({ id: "cred-full", transports: ["usb", "nfc"], backedUp: true, deviceType: "multiDevice", lastUsedAt: at(5), counter: 4_000_000_000 })
      const bare = newPasskey({ id: "cred-bare", transports: [], backedUp: false, createdAt: at(3) })
      expect(await store.createPasskey(full)).toBe(true)
      expect(await store.createPasskey(bare)).toBe(true)
      expect(await store.findPasskey("cred-full")).toEqual(full)
      expect(await store.findPasskey("cred-bare")).toEqual(bare)
      expect(await store.findPasskey("cred-none")).toBeNull()
    })

    it("refuses a second passkey with a credential id that is taken, whoever holds it", async () => {
      const store = passkeyStore(await makeStore())
      expect(await store.createPasskey(newPasskey({ id: "dup" }))).toBe(true)
      expect(await store.createPasskey(newPasskey({ id: "dup", userId: "u2", name: "Thief" }))).toBe(false)
      expect(await store.findPasskey("dup")).toMatchObject({ userId: "u1", name: "Key" })
    })

    it("lists a user's passkeys oldest first, without other users', and hands out copies", async () => {
      const store = passkeyStore(await makeStore())
      await store.createPasskey(newPasskey({ id: "late", createdAt: at(20) }))
      await store.createPasskey(newPasskey({ id: "early", createdAt: at(10) }))
      await store.createPasskey(newPasskey({ id: "theirs", userId: "u2" }))
      const list = await store.listPasskeys("u1")
      expect(list.map((p) => p.id)).toEqual(["early", "late"])
      list[0]!.transports.push("changed")
      expect((await store.findPasskey("early"))!.transports).toEqual(["internal"])
      expect(await store.listPasskeys("nobody")).toEqual([])
    })

    it("renames and removes only the user's own passkey", async () => {
      const store = passkeyStore(await makeStore())
      await store.createPasskey(newPasskey({ id: "mine" }))
      expect(await store.renamePasskey("u2", "mine", "Stolen")).toBe(false)
      expect(await store.renamePasskey("u1", "mine", "Phone")).toBe(true)
      expect((await store.findPasskey("mine"))!.name).toBe("Phone")
      const user = (await store.createUser(newUser({ id: "u1", email: "keys-owner@example.com" })))!
      expect(await store.removePasskey("u2", "mine")).toBe("not_found")
      expect(await store.removePasskey(user.id, "mine")).toBe("ok")
      expect(await store.removePasskey(user.id, "mine")).toBe("not_found")
      expect(await store.findPasskey("mine")).toBeNull()
    })

    it("keeps the last passkey of a user without a password or linked account", async () => {
      const store = passkeyStore(await makeStore())
      const user = (await store.createUser(newUser({ email: "only-keys@example.com", passwordHash: null })))!
      await store.createPasskey(newPasskey({ id: "a", userId: user.id }))
      await store.createPasskey(newPasskey({ id: "b", userId: user.id }))
      expect(await store.removePasskey(user.id, "a")).toBe("ok")
      expect(await store.removePasskey(user.id, "b")).toBe("last_sign_in_method")
      expect(await store.findPasskey("b")).not.toBeNull()
      if (typeof store.linkAccount === "function") {
        await store.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "only-keys", tokens: {}, linkedAt: at(0) })
        expect(await store.removePasskey(user.id, "b")).toBe("ok")
      }
    })

    it("moves the signature counter only forward (or keeps 0 for an authenticator without one), marking the use", async () => {
      const store = passkeyStore(await makeStore())
      await store.createPasskey(newPasskey({ id: "zero", counter: 0 }))
      expect(await store.usePasskey("zero", 0, at(1))).toBe(true)
      expect(await store.usePasskey("zero", 0, at(2))).toBe(true)
      expect((await store.findPasskey("zero"))!.lastUsedAt).toEqual(at(2))
      expect(await store.usePasskey("zero", 5, at(3))).toBe(true)
      expect(await store.usePasskey("zero", 5, at(4))).toBe(false)
      expect(await store.usePasskey("zero", 3, at(5))).toBe(false)
      expect(await store.usePasskey("zero", 0, at(6))).toBe(false)
      expect(await store.findPasskey("zero")).toMatchObject({ counter: 5, lastUsedAt: at(3) })
      expect(await store.usePasskey("zero", 4_294_967_295, at(7))).toBe(true)
      expect(await store.usePasskey("none", 1, at(8))).toBe(false)
    })

    it("keeps passkey challenges as single-use tokens, a sign-in one without a user", async () => {
      const store = await makeStore()
      const hash = tokenHash()
      await store.createToken({ kind: "passkey-sign-in", tokenHash: hash, userId: "", expiresAt: at(300_000) })
      expect(await store.consumeToken("passkey-register", hash, at(0))).toEqual({ ok: false, reason: "unknown" })
      expect(await store.consumeToken("passkey-sign-in", hash, at(0))).toEqual({ ok: true, userId: "" })
      expect(await store.consumeToken("passkey-sign-in", hash, at(1))).toEqual({ ok: false, reason: "used" })
    })

    it("deletes a user's passkeys with the user, and counts a passkey as a way to sign in when unlinking", async () => {
      const store = await makeStore()
      if (typeof store.deleteUser !== "function" || typeof store.linkAccount !== "function") return
      const keys = passkeyStore(store)
      const user = (await store.createUser(newUser({ email: "keys@example.com", passwordHash: null })))!
      await store.linkAccount({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "1", tokens: {}, linkedAt: at(0) })
      expect(await store.unlinkProvider!(user.id, "github")).toBe("last_sign_in_method")
      await keys.createPasskey(newPasskey({ id: "k1", userId: user.id }))
      await keys.createPasskey(newPasskey({ id: "other" }))
      expect(await store.unlinkProvider!(user.id, "github")).toBe("ok")
      expect(await store.deleteUser(user.id)).toBe(true)
      expect(await keys.findPasskey("k1")).toBeNull()
      expect(await keys.findPasskey("other")).not.toBeNull()
    })
  })

  concurrencyContract(name, async () => [await makeStore()])
}

/**
 * What must hold under concurrency, for stores that share their data: one store, or several
 * instances of one (two pools on one PostgreSQL database, two clients of one SQLite file).
 * Calls are spread over the instances in turn. `makeStores` answers fresh, empty instances.
 */
export function concurrencyContract(name: string, makeStores: () => Promise<AccountStore[]>): void {
  describe(`AccountStore under concurrency: ${name}`, () => {
    const spread = async () => {
      const stores = await makeStores()
      return { stores, nth: (i: number) => stores[i % stores.length]! }
    }

    it("counts 60 concurrent hits on one key as 1..60, each count seen once, in one window", async () => {
      const { nth } = await spread()
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => nth(i).hit("burst", 60_000, at(0))))
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
      expect(new Set(results.map((r) => r.resetAt.getTime()))).toEqual(new Set([at(60_000).getTime()]))
      expect(await nth(0).hit("burst", 60_000, at(1))).toEqual({ count: 61, resetAt: at(60_000) })
    })

    it("lets at most `limit` of 60 concurrent attempts be evaluated and fail, when each counts first and a success gives its hit back", async () => {
      const { nth } = await spread()
      const limit = 5
      let failed = 0
      let succeeded = 0
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const store = nth(i)
          const { count } = await store.hit("guess", 60_000, at(0))
          if (count > limit) return // refused unread, as rate_limited
          // The check of the secret takes a while; others count meanwhile.
          await new Promise((resolve) => setTimeout(resolve, i % 3))
          if (i % 4 === 0) {
            succeeded++
            await store.hit("guess", 60_000, at(0), -1)
          } else {
            failed++
          }
        }),
      )
      // Each failure evaluated saw its own count, which no failure gives back: at most `limit`.
      expect(failed).toBeLessThanOrEqual(limit)
      expect(failed + succeeded).toBeGreaterThan(0)
      // Every hit counted, every refund subtracted, none lost.
      expect((await nth(1).hit("guess", 60_000, at(1), 0)).count).toBe(60 - succeeded)
    })

    it("gives one new address to exactly one of 10 users changing to it at once; the others answer taken", async () => {
      const { nth, stores } = await spread()
      if (typeof stores[0]!.changeEmail !== "function") return
      const users = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[0]!.createUser(newUser({ email: `user${i}@example.com` }))))
      const results = await Promise.all(users.map((user, i) => nth(i).changeEmail!(user!.id, "wanted@example.com", at(0))))
      expect(results.filter((r) => r === "changed")).toHaveLength(1)
      expect(results.filter((r) => r === "taken")).toHaveLength(9)
      const winner = users[results.indexOf("changed")]!
      expect((await nth(1).findUserByEmail("wanted@example.com"))!.id).toBe(winner.id)
    })

    it("lets one of 60 concurrent uses of a passkey with one counter value move it; a lower one never does", async () => {
      const { nth, stores } = await spread()
      const store = stores[0]!
      await store.createPasskey!(newPasskey({ id: "raced", counter: 7 }))
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => nth(i).usePasskey!("raced", i % 2 === 0 ? 8 : 6, at(i))))
      expect(results.filter(Boolean)).toHaveLength(1)
      expect((await store.findPasskey!("raced"))!.counter).toBe(8)
    })

    it("keeps one of a passwordless user's two passkeys however many removals of both race", async () => {
      const { nth, stores } = await spread()
      const store = stores[0]!
      const user = (await store.createUser(newUser({ email: "racing-keys@example.com", passwordHash: null })))!
      await store.createPasskey!(newPasskey({ id: "k1", userId: user.id }))
      await store.createPasskey!(newPasskey({ id: "k2", userId: user.id }))
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => nth(i).removePasskey!(user.id, i % 2 === 0 ? "k1" : "k2")))
      expect(results.filter((r) => r === "ok")).toHaveLength(1)
      expect(await store.listPasskeys!(user.id)).toHaveLength(1)
    })

    it("lets exactly one of 20 concurrent uses of a pending sign-up's link win; the others answer unknown", async () => {
      const { nth, stores } = await spread()
      const signup = newPending()
      await pendingStore(stores[0]!).savePendingSignup(signup)
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => pendingStore(nth(i)).consumePendingSignup(signup.tokenHash, at(0))),
      )
      expect(results.filter((r) => r.ok)).toEqual([{ ok: true, signup }])
      expect(results.filter((r) => !r.ok)).toEqual(Array(19).fill({ ok: false, reason: "unknown" }))
    })

    it("lets exactly one of 10 concurrent revokes of one session win, and one activity write of 10", async () => {
      const { nth, stores } = await spread()
      await sessionStore(stores[0]!).createSession(newSession({ id: "race", lastActiveAt: at(0) }))
      const touches = await Promise.all(
        Array.from({ length: 10 }, (_, i) => sessionStore(nth(i)).touchSession("race", at(400_000), { minIntervalMs: 300_000, expiresAt: at(2 * HOUR) })),
      )
      expect(touches.filter(Boolean)).toHaveLength(1)
      const revokes = await Promise.all(Array.from({ length: 10 }, (_, i) => sessionStore(nth(i)).revokeSession("u1", "race")))
      expect(revokes.filter(Boolean)).toHaveLength(1)
    })

    it("keeps one pending sign-up per address when 10 are saved at once, and only its link works", async () => {
      const { nth } = await spread()
      const signups = Array.from({ length: 10 }, (_, i) => newPending({ name: `n${i}` }))
      await Promise.all(signups.map((s, i) => pendingStore(nth(i)).savePendingSignup(s)))
      const kept = await pendingStore(nth(0)).findPendingSignup("ada@example.com")
      expect(signups).toContainEqual(kept)
      const uses = await Promise.all(signups.map((s, i) => pendingStore(nth(i)).consumePendingSignup(s.tokenHash, at(0))))
      expect(uses.filter((u) => u.ok)).toEqual([{ ok: true, signup: kept }])
    })
  })
}

/** The store's pending sign-up methods, optional in `AccountStore`, required here. */
function pendingStore(store: AccountStore): Required<Pick<AccountStore, "savePendingSignup" | "findPendingSignup" | "consumePendingSignup">> {
  const { savePendingSignup, findPendingSignup, consumePendingSignup } = store
  if (!savePendingSignup || !findPendingSignup || !consumePendingSignup) {
    throw new Error("This store has no pending sign-ups (savePendingSignup, findPendingSignup, consumePendingSignup).")
  }
  return {
    savePendingSignup: savePendingSignup.bind(store),
    findPendingSignup: findPendingSignup.bind(store),
    consumePendingSignup: consumePendingSignup.bind(store),
  }
}

function newPending(overrides: Partial<PendingSignup> = {}): PendingSignup {
  return {
    email: "ada@example.com",
    name: "Ada Lovelace",
    passwordHash: "scrypt$N=131072,r=8,p=1$c2FsdA$aGFzaA",
    tokenHash: tokenHash(),
    expiresAt: at(HOUR),
    createdAt: at(-5),
    ...overrides,
  }
}

/** The store's session methods, optional in `AccountStore`, required here. */
function sessionStore(store: AccountStore) {
  const names = SESSION_STORE_METHODS
  for (const name of names) if (typeof store[name] !== "function") throw new Error(`This store has no ${name}.`)
  return store as AccountStore & Required<Pick<AccountStore, (typeof names)[number]>>
}

function passkeyStore(store: AccountStore) {
  for (const name of PASSKEY_STORE_METHODS) if (typeof store[name] !== "function") throw new Error(`This store has no ${name}.`)
  return store as AccountStore & Required<Pick<AccountStore, (typeof PASSKEY_STORE_METHODS)[number]>>
}

function newPasskey(overrides: Partial<StoredPasskey> = {}): StoredPasskey {
  return {
    id: `cred-${randomBytes(8).toString("hex")}`,
    userId: "u1",
    publicKey: "pQECAyYgASFYIBs",
    counter: 0,
    transports: ["internal"],
    backedUp: false,
    deviceType: "singleDevice",
    name: "Key",
    createdAt: at(0),
    lastUsedAt: null,
    ...overrides,
  }
}

function newSession(overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    id: `s-${randomBytes(8).toString("hex")}`,
    userId: "u1",
    method: "password",
    ip: "203.0.113.9",
    browser: "Chrome 126",
    os: "macOS",
    deviceType: "desktop",
    createdAt: at(0),
    lastActiveAt: at(0),
    expiresAt: at(HOUR),
    ...overrides,
  }
}
