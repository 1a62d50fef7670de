/**
 * The kit's store as next-auth v4's adapter: the behaviours of next-auth's own adapter test suite
 * (packages/adapter-test of next-auth's v4 branch, `runBasicTests`), written as our own cases,
 * and the kit's additions (hashes at rest, normalised emails, atomic single use, deleting a user
 * with everything of theirs, the last-sign-in-method guard under 60 concurrent unlinks).
 *
 * @example
 * ```ts
 * adapterContract("memory", async () => { const s = memoryAccountStore(); return [s, s] })
 * ```
 */
import { createHash, randomUUID } from "node:crypto"
import type { Adapter } from "next-auth/adapters"
import { describe, expect, it } from "vitest"
import { accountAdapter } from "../../../src/core/accounts/adapter"
import type { AccountStore, LinkedAccount } from "../../../src/core/accounts/store"
import { AuthKitError } from "../../../src/core/errors"

/** Two instances of one store (two app instances); the first one is the one the adapter runs on. */
export type StoresFactory = () => Promise<AccountStore[]>

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")
const ONE_WEEK_FROM_NOW = new Date(Date.now() + 7 * 86_400_000)
ONE_WEEK_FROM_NOW.setMilliseconds(0)
const FIFTEEN_MINUTES_FROM_NOW = new Date(Date.now() + 15 * 60_000)
FIFTEEN_MINUTES_FROM_NOW.setMilliseconds(0)
const ONE_MONTH = 1000 * 60 * 60 * 24 * 30
const ONE_MONTH_FROM_NOW = new Date(Date.now() + ONE_MONTH)
ONE_MONTH_FROM_NOW.setMilliseconds(0)

/** What next-auth's suite reads "from the database" directly, here from the store. */
function database(store: AccountStore) {
  return {
    async user(id: string) {
      const user = await store.findUserById(id)
      return user && { id: user.id, email: user.email, emailVerified: user.emailVerified, name: user.name, image: user.image, roles: user.roles, credentialVersion: user.credentialVersion }
    },
    async session(sessionToken: string) {
      const row = await store.findSessionByToken!(sha256(sessionToken))
      return row && { id: row.id, sessionToken, userId: row.userId, expires: row.expiresAt }
    },
    async account({ provider, providerAccountId }: { provider: string; providerAccountId: string }) {
      const row = await store.findAccount!(provider, providerAccountId)
      return row && { provider: row.provider, providerAccountId: row.providerAccountId, type: row.type, userId: row.userId, ...row.tokens }
    },
  }
}

export function adapterContract(name: string, makeStores: StoresFactory): void {
  describe(`next-auth's adapter suite on the kit's adapter: ${name}`, () => {
    let store: AccountStore
    let adapter: Required<Adapter>
    let db: ReturnType<typeof database>

    let user: any = { email: "fill@murray.com", image: "https://www.fillmurray.com/460/300", name: "Fill Murray", emailVerified: new Date() }
    const session: any = { sessionToken: randomUUID(), expires: ONE_WEEK_FROM_NOW }
    const account: any = {
      provider: "github",
      providerAccountId: randomUUID(),
      type: "oauth",
      access_token: randomUUID(),
      expires_at: ONE_MONTH / 1000,
      id_token: randomUUID(),
      refresh_token: randomUUID(),
      token_type: "bearer",
      scope: "user",
      session_state: randomUUID(),
    }

    it("has the required (User, Account, Session) methods and the optional ones", async () => {
      store = (await makeStores())[0]!
      adapter = accountAdapter(store) as Required<Adapter>
      db = database(store)
      for (const method of [
        "createUser", "getUser", "getUserByEmail", "getUserByAccount", "updateUser", "linkAccount",
        "createSession", "getSessionAndUser", "updateSession", "deleteSession",
        "createVerificationToken", "useVerificationToken", "unlinkAccount", "deleteUser",
      ]) {
        expect(adapter).toHaveProperty(method)
      }
    })

    it("createUser", async () => {
      const { id } = await adapter.createUser(user)
      const dbUser = await db.user(id)
      // The kit's users carry their roles (none for a user the adapter created) and credential version too.
      expect(dbUser).toEqual({ ...user, id, roles: [], credentialVersion: 0 })
      user = dbUser
      session.userId = dbUser!.id
      account.userId = dbUser!.id
    })

    it("getUser", async () => {
      expect(await adapter.getUser(randomUUID())).toBeNull()
      expect(await adapter.getUser(user.id)).toEqual(user)
    })

    it("getUserByEmail", async () => {
      expect(await adapter.getUserByEmail("non-existent-email")).toBeNull()
      expect(await adapter.getUserByEmail(user.email)).toEqual(user)
    })

    it("createSession", async () => {
      const { sessionToken } = await adapter.createSession(session)
      const dbSession = await db.session(sessionToken)
      expect(dbSession).toEqual({ ...session, id: dbSession!.id })
      session.userId = dbSession!.userId
      session.id = dbSession!.id
    })

    it("getSessionAndUser", async () => {
      expect(await adapter.getSessionAndUser("invalid-token")).toBeNull()
      const sessionAndUser = await adapter.getSessionAndUser(session.sessionToken)
      if (!sessionAndUser) throw new Error("Session and User was not found")
      expect({ ...sessionAndUser.session, id: session.id }).toEqual(session)
      expect(sessionAndUser.user).toEqual(user)
    })

    it("updateUser", async () => {
      const newName = "Updated Name"
      const returnedUser = await adapter.updateUser({ id: user.id, name: newName })
      expect(returnedUser.name).toBe(newName)
      const dbUser = await db.user(user.id)
      expect(dbUser!.name).toBe(newName)
      user.name = newName
    })

    it("updateSession", async () => {
      let dbSession = await db.session(session.sessionToken)
      expect(dbSession!.expires.valueOf()).not.toBe(ONE_MONTH_FROM_NOW.valueOf())
      await adapter.updateSession({ sessionToken: session.sessionToken, expires: ONE_MONTH_FROM_NOW })
      dbSession = await db.session(session.sessionToken)
      expect(dbSession!.expires.valueOf()).toBe(ONE_MONTH_FROM_NOW.valueOf())
    })

    it("linkAccount", async () => {
      await adapter.linkAccount(account)
      const dbAccount = await db.account({ provider: account.provider, providerAccountId: account.providerAccountId })
      expect(dbAccount).toEqual(account)
    })

    it("getUserByAccount", async () => {
      expect(await adapter.getUserByAccount({ provider: "invalid-provider", providerAccountId: "invalid-provider-account-id" })).toBeNull()
      expect(await adapter.getUserByAccount({ provider: account.provider, providerAccountId: account.providerAccountId })).toEqual(user)
    })

    it("deleteSession", async () => {
      await adapter.deleteSession(session.sessionToken)
      expect(await db.session(session.sessionToken)).toBeNull()
    })

    it("createVerificationToken", async () => {
      const identifier = "info@example.com"
      const hashedToken = sha256(randomUUID())
      const verificationToken = { token: hashedToken, identifier, expires: FIFTEEN_MINUTES_FROM_NOW }
      await adapter.createVerificationToken(verificationToken)
      // Kept by its hash only: the token itself finds nothing.
      expect(await store.useVerificationToken!(identifier, hashedToken)).toBeNull()
      expect(await store.useVerificationToken!(identifier, sha256(hashedToken))).toEqual({
        identifier,
        tokenHash: sha256(hashedToken),
        expiresAt: FIFTEEN_MINUTES_FROM_NOW,
      })
    })

    it("useVerificationToken", async () => {
      const identifier = "info@example.com"
      const hashedToken = sha256(randomUUID())
      const verificationToken = { token: hashedToken, identifier, expires: FIFTEEN_MINUTES_FROM_NOW }
      await adapter.createVerificationToken(verificationToken)
      const dbVerificationToken1 = await adapter.useVerificationToken({ identifier, token: hashedToken })
      if (!dbVerificationToken1) throw new Error("Verification Token was not found")
      expect(dbVerificationToken1).toEqual(verificationToken)
      expect(await adapter.useVerificationToken({ identifier, token: hashedToken })).toBeNull()
    })

    it("unlinkAccount", async () => {
      let dbAccount = await db.account({ provider: account.provider, providerAccountId: account.providerAccountId })
      expect(dbAccount).toEqual(account)
      await adapter.unlinkAccount({ provider: account.provider, providerAccountId: account.providerAccountId })
      dbAccount = await db.account({ provider: account.provider, providerAccountId: account.providerAccountId })
      expect(dbAccount).toBeNull()
    })

    it("deleteUser", async () => {
      expect(await db.user(user.id)).toEqual(user)
      delete session.id
      await adapter.createSession(session)
      await adapter.linkAccount(account)
      await adapter.deleteUser(user.id)
      expect(await db.user(user.id)).toBeNull()
      expect(await db.session(session.sessionToken)).toBeNull()
      expect(await db.account({ provider: account.provider, providerAccountId: account.providerAccountId })).toBeNull()
    })
  })

  describe(`the kit's adapter, beyond next-auth's suite: ${name}`, () => {
    const github = (userId: string, providerAccountId = randomUUID()): LinkedAccount => ({
      userId,
      type: "oauth",
      provider: "github",
      providerAccountId,
      tokens: {},
      linkedAt: new Date(),
    })

    it("normalises emails (trimmed, lower-cased) and refuses a profile without one", async () => {
      const [store] = await makeStores()
      const adapter = accountAdapter(store!, { defaultRoles: ["user"] }) as Required<Adapter>
      const created = await adapter.createUser({ email: "  Ada@Example.COM ", name: "Ada", emailVerified: null } as never)
      expect(created).toMatchObject({ email: "ada@example.com", name: "Ada", image: null, roles: ["user"] })
      expect((await adapter.getUserByEmail(" ADA@example.com"))?.id).toBe(created.id)
      // An OAuth user has no password: authorize treats them as a wrong password.
      expect((await store!.findUserById(created.id))?.passwordHash).toBeNull()
      for (const email of [undefined, null, "", "   "]) {
        const error = await Promise.resolve(adapter.createUser({ email, name: "Nobody", emailVerified: null } as never)).then(() => null, (e: unknown) => e)
        expect(error).toBeInstanceOf(AuthKitError)
        expect(error).toMatchObject({ code: "invalid_input", message: expect.stringContaining("no email address") })
      }
      // A taken address (a race with another sign-up): an error, never a second user.
      await expect(Promise.resolve(adapter.createUser({ email: "ada@example.com", emailVerified: null } as never))).rejects.toThrow(AuthKitError)
    })

    it("keeps a hash of the session token, shows the database session in the sessions list with its method and device", async () => {
      const [store] = await makeStores()
      const user = (await store!.createUser({ email: "ada@example.com", name: null, passwordHash: null, emailVerified: null, roles: [] }))!
      const adapter = accountAdapter(store!, {
        sessionDetails: ({ userId }) => (userId === user.id ? { method: "oauth", ip: "203.0.113.9", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0" } : undefined),
      }) as Required<Adapter>
      const token = randomUUID()
      await adapter.createSession({ sessionToken: token, userId: user.id, expires: ONE_WEEK_FROM_NOW })
      const [listed] = await store!.listSessions!(user.id, new Date())
      expect(listed).toMatchObject({ userId: user.id, method: "oauth", ip: "203.0.113.9", browser: "Firefox 128", os: "Windows 10", tokenHash: sha256(token), expiresAt: ONE_WEEK_FROM_NOW })
      expect(listed!.id).not.toBe(token)
      expect(JSON.stringify(listed)).not.toContain(token)
      // Revoking it from the sessions list ends it for next-auth.
      expect(await store!.revokeSession!(user.id, listed!.id)).toBe(true)
      expect(await adapter.getSessionAndUser(token)).toBeNull()
    })

    it("uses a verification token once, however many try at once on two instances", async () => {
      const stores = await makeStores()
      const adapters = stores.map((s) => accountAdapter(s) as Required<Adapter>)
      const token = sha256(randomUUID())
      await adapters[0]!.createVerificationToken({ identifier: "ada@example.com", token, expires: FIFTEEN_MINUTES_FROM_NOW })
      const used = await Promise.all(
        Array.from({ length: 20 }, (_, i) => adapters[i % adapters.length]!.useVerificationToken({ identifier: "ada@example.com", token })),
      )
      expect(used.filter(Boolean)).toHaveLength(1)
      // Another identifier's token of the same value is another token.
      expect(await adapters[0]!.useVerificationToken({ identifier: "bob@example.com", token })).toBeNull()
    })

    it("answers an expired verification token (next-auth checks the expiry) and takes it", async () => {
      const [store] = await makeStores()
      const adapter = accountAdapter(store!) as Required<Adapter>
      const expires = new Date(Date.now() - 60_000)
      expires.setMilliseconds(0)
      await adapter.createVerificationToken({ identifier: "ada@example.com", token: "t", expires })
      expect(await adapter.useVerificationToken({ identifier: "ada@example.com", token: "t" })).toEqual({ identifier: "ada@example.com", token: "t", expires })
      expect(await adapter.useVerificationToken({ identifier: "ada@example.com", token: "t" })).toBeNull()
    })

    it("refuses a second link of one provider account, to anyone", async () => {
      const [store] = await makeStores()
      const id = randomUUID()
      expect(await store!.linkAccount!(github("u1", id))).toBe(true)
      expect(await store!.linkAccount!(github("u2", id))).toBe(false)
      expect((await store!.findAccount!("github", id))?.userId).toBe("u1")
      const adapter = accountAdapter(store!) as Required<Adapter>
      await expect(Promise.resolve(adapter.linkAccount({ userId: "u2", type: "oauth", provider: "github", providerAccountId: id }))).rejects.toThrow(AuthKitError)
    })

    it("deletes a user with their accounts, sessions, tokens, two-factor state and verification tokens, and nobody else's", async () => {
      const [store] = await makeStores()
      const ada = (await store!.createUser({ email: "ada@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] }))!
      const bob = (await store!.createUser({ email: "bob@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] }))!
      for (const user of [ada, bob]) {
        await store!.linkAccount!(github(user.id))
        await store!.createSession!({ id: `s-${user.id}`, userId: user.id, method: "oauth", ip: null, browser: null, os: null, deviceType: null, createdAt: new Date(), lastActiveAt: new Date(), expiresAt: ONE_WEEK_FROM_NOW, tokenHash: sha256(user.id) })
        await store!.createToken({ kind: "reset-password", tokenHash: sha256(`t-${user.id}`), userId: user.id, expiresAt: ONE_WEEK_FROM_NOW })
        await store!.setMfa(user.id, { secret: "v1.a.b", enabledAt: new Date() })
        await store!.createVerificationToken!({ identifier: user.email, tokenHash: sha256(`v-${user.id}`), expiresAt: ONE_WEEK_FROM_NOW })
      }
      expect(await store!.deleteUser!(ada.id)).toBe(true)
      expect(await store!.deleteUser!(ada.id)).toBe(false)
      expect(await store!.findUserById(ada.id)).toBeNull()
      expect(await store!.findUserByEmail("ada@example.com")).toBeNull()
      expect(await store!.listAccounts!(ada.id)).toEqual([])
      expect(await store!.findSession!(`s-${ada.id}`)).toBeNull()
      expect(await store!.consumeToken("reset-password", sha256(`t-${ada.id}`), new Date())).toEqual({ ok: false, reason: "unknown" })
      expect(await store!.getMfa(ada.id)).toBeNull()
      expect(await store!.useVerificationToken!("ada@example.com", sha256(`v-${ada.id}`))).toBeNull()
      // Bob keeps everything.
      expect(await store!.listAccounts!(bob.id)).toHaveLength(1)
      expect(await store!.findSession!(`s-${bob.id}`)).not.toBeNull()
      expect((await store!.consumeToken("reset-password", sha256(`t-${bob.id}`), new Date())).ok).toBe(true)
      expect(await store!.getMfa(bob.id)).not.toBeNull()
      expect(await store!.useVerificationToken!("bob@example.com", sha256(`v-${bob.id}`))).not.toBeNull()
      // The address can sign up again.
      expect(await store!.createUser({ email: "ada@example.com", name: null, passwordHash: null, emailVerified: null, roles: [] })).not.toBeNull()
    })

    it("unlinks a provider only while another way to sign in remains", async () => {
      const [store] = await makeStores()
      const oauthOnly = (await store!.createUser({ email: "o@example.com", name: null, passwordHash: null, emailVerified: null, roles: [] }))!
      const withPassword = (await store!.createUser({ email: "p@example.com", name: null, passwordHash: "h", emailVerified: null, roles: [] }))!
      await store!.linkAccount!(github(oauthOnly.id))
      await store!.linkAccount!({ ...github(oauthOnly.id), provider: "google" })
      await store!.linkAccount!(github(withPassword.id))
      expect(await store!.unlinkProvider!(oauthOnly.id, "gitlab")).toBe("not_found")
      expect(await store!.unlinkProvider!(withPassword.id, "google")).toBe("not_found")
      expect(await store!.unlinkProvider!(oauthOnly.id, "github")).toBe("ok")
      expect(await store!.unlinkProvider!(oauthOnly.id, "google")).toBe("last_sign_in_method")
      expect((await store!.listAccounts!(oauthOnly.id)).map((a) => a.provider)).toEqual(["google"])
      expect(await store!.unlinkProvider!(withPassword.id, "github")).toBe("ok")
      expect(await store!.listAccounts!(withPassword.id)).toEqual([])
    })

    it("never leaves a user without a way to sign in under 60 concurrent unlinks on two instances", async () => {
      const stores = await makeStores()
      const store = stores[0]!
      for (let round = 0; round < 3; round++) {
        const user = (await store.createUser({ email: `r${round}@example.com`, name: null, passwordHash: null, emailVerified: null, roles: [] }))!
        const providers = ["github", "google", "gitlab"].slice(0, 2 + (round % 2))
        for (const provider of providers) await store.linkAccount!({ ...github(user.id), provider })
        const results = await Promise.all(
          Array.from({ length: 60 }, (_, i) => stores[i % stores.length]!.unlinkProvider!(user.id, providers[i % providers.length]!)),
        )
        const left = await store.listAccounts!(user.id)
        expect(left).toHaveLength(1)
        expect(results.filter((r) => r === "ok")).toHaveLength(providers.length - 1)
        expect(results.every((r) => ["ok", "not_found", "last_sign_in_method"].includes(r))).toBe(true)
      }
    }, 30_000)

    it("is unavailable, with a clear invalid_config, on a store without the slice", () => {
      const bare = { findUserByEmail: async () => null } as unknown as AccountStore
      expect(() => accountAdapter(bare)).toThrow(expect.objectContaining({ code: "invalid_config", message: expect.stringContaining("linkAccount") }))
    })
  })
}
