/**
 * Passkeys, served for real (next-auth, encrypted cookies, the account endpoints), with a
 * software authenticator in place of the browser: adding one needs a recent authentication,
 * the list shows it, it can be renamed and removed; it signs in through next-auth's
 * Credentials provider without a two-factor code, and re-authenticates. Every response that
 * should not verify — another origin, another relying party, a challenge used before, a
 * credential nobody registered, another user's passkey, a counter that went backwards — is
 * refused with `PasskeyInvalid` (sign-in) or `passkey_invalid` (endpoints), and signs nobody in.
 */
import GitHubModule from "next-auth/providers/github"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { sealSecret } from "../../../src/core/accounts/features/two-factor"
import { type AccountEmail, type AccountStore, createAuthKit, memoryAccountStore } from "../../../src/server"
import { SECRET } from "../harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD } from "./helpers"
import { call, CHROME_MAC, postCredentials, type ServedKit, serveKit, signedIn, signInWithCredentials } from "./served-kit"
import { SoftwareAuthenticator } from "./software-authenticator"

const ORIGIN = BASE_URL
const RP_ID = new URL(BASE_URL).hostname
const HOUR_AGO = () => new Date(Date.now() - 60 * 60_000)
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
const GitHubProvider = ((GitHubModule as unknown as { default?: typeof GitHubModule }).default ?? GitHubModule) as typeof GitHubModule

function makeKit(store: AccountStore = memoryAccountStore(), accounts: Record<string, unknown> = {}, strategy: "jwt" | "database" = "jwt") {
  const outbox: AccountEmail[] = []
  const errors: unknown[] = []
  const kit = createAuthKit({
    loginPath: "/login",
    // next-auth refuses database sessions with Credentials providers alone: an OAuth provider beside them.
    authOptions: { secret: SECRET, session: { strategy }, providers: strategy === "database" ? [GitHubProvider({ clientId: "id", clientSecret: "secret" })] : [] },
    onError: (error) => void errors.push(error),
    accounts: {
      store,
      sendEmail: async (email: AccountEmail) => void outbox.push(email),
      baseUrl: BASE_URL,
      appName: "Acme",
      hasher: cheapHasher,
      sessionCheck: { cacheMs: 50 },
      mfa: { issuer: "Acme" },
      passkeys: {},
      ...accounts,
    },
  })
  return { kit, store, outbox, errors }
}

/** The session cookie a response re-issued (a credential change keeps the caller signed in), else the one sent. */
const renewed = (response: Response, cookie: string) =>
  response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token=")) ?? cookie

/**
 * Signs in through next-auth's credentials callback with a passkey's assertion, as the login
 * page would: the session cookie or `null`, and the error next-auth answered.
 */
async function passkeySignIn(served: ServedKit, assertion: unknown, userAgent = CHROME_MAC): Promise<{ cookie: string | null; error: string | null }> {
  const { response, cookie } = await postCredentials(served, { passkey: JSON.stringify(assertion) }, userAgent)
  const { url } = (await response.json()) as { url: string }
  return { cookie, error: new URL(url, served.auth).searchParams.get("error") }
}

describe("passkeys", () => {
  const s = makeKit()
  let served: ServedKit
  let n = 0
  beforeAll(async () => {
    served = await serveKit(s.kit)
  })
  afterAll(() => served.close())

  /** A confirmed account with a password, signed in; its cookie, id and session id. */
  async function signedInUser() {
    const email = `user${++n}@example.com`
    const user = (await s.store.createUser({ email, name: `User ${n}`, passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] }))!
    const cookie = await signInWithCredentials(served, { email, password: GOOD_PASSWORD })
    const [session] = await s.store.listSessions!(user.id, new Date())
    return { email, user, cookie, sessionId: session!.id }
  }
  const age = (userId: string, sessionId: string) => s.store.markSessionAuthenticated!(userId, sessionId, HOUR_AGO())

  /** Adds a passkey on a new software authenticator; answers it, the answer, and the caller's (re-issued) cookie. */
  async function addPasskey(cookie: string, name?: string) {
    const key = await SoftwareAuthenticator.create(ORIGIN)
    const options = await call(served, "POST", "passkeys/register-options", {}, cookie)
    expect(options.status).toBe(200)
    const answer = await call(served, "POST", "passkeys/register", { response: await key.register(options.body as never), ...(name ? { name } : {}) }, cookie)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return { key, answer, cookie: renewed(answer.response, cookie) }
  }
  const signInOptions = async () => {
    const options = await call(served, "POST", "passkeys/sign-in-options", {})
    expect(options.status).toBe(200)
    return options.body as { challenge: string; rpId: string }
  }

  describe("registering", () => {
    it("offers creation options for the relying party, naming the user by an opaque handle", async () => {
      const { user, cookie } = await signedInUser()
      const { status, body } = await call(served, "POST", "passkeys/register-options", {}, cookie)
      expect(status).toBe(200)
      expect(body).toMatchObject({
        rp: { id: RP_ID, name: "Acme" },
        user: { name: user.email, displayName: user.name },
        excludeCredentials: [],
        authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
        attestation: "none",
      })
      expect(body.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const handle = Buffer.from(body.user.id as string, "base64url").toString("utf8")
      expect(handle).not.toContain(user.email)
      expect(handle).not.toContain(user.id)
    })

    it("adds a passkey: listed, emailed, other sessions ended, the caller kept signed in; a second one excludes the first", async () => {
      const { user, cookie } = await signedInUser()
      const laptop = await signInWithCredentials(served, { email: user.email, password: GOOD_PASSWORD })
      const { key, answer, cookie: mine } = await addPasskey(cookie, "  My laptop  ")
      expect(answer.body).toEqual({ passkey: { id: key.id, name: "My laptop", createdAt: expect.any(String), lastUsedAt: null, backedUp: true } })
      expect(await signedIn(served, mine)).toBe(true)
      expect(await signedIn(served, laptop)).toBe(false)
      const list = await call(served, "GET", "passkeys", undefined, mine)
      expect(list).toMatchObject({ status: 200, body: { passkeys: [{ id: key.id, name: "My laptop", lastUsedAt: null, backedUp: true }] } })
      await s.kit.accounts.whenIdle()
      const email = s.outbox.filter((e) => e.kind === "passkey-added" && e.to === user.email)
      expect(email).toHaveLength(1)
      expect(email[0]!.subject).toContain("passkey was added")
      const again = await call(served, "POST", "passkeys/register-options", {}, mine)
      expect(again.body.excludeCredentials).toEqual([{ id: key.id, type: "public-key", transports: ["internal", "hybrid"] }])
      expect((await call(served, "GET", "linked-accounts", undefined, mine)).body).toMatchObject({ password: true, passkeys: 1 })
    })

    it("names a passkey by the browser and system it was made on when no name is given", async () => {
      const { cookie } = await signedInUser()
      const key = await SoftwareAuthenticator.create(ORIGIN)
      const options = await call(served, "POST", "passkeys/register-options", {}, cookie)
      const response = await fetch(`${served.api}/api/account/passkeys/register`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "user-agent": CHROME_MAC },
        body: JSON.stringify({ response: await key.register(options.body as never) }),
      })
      expect(((await response.json()) as { passkey: { name: string } }).passkey.name).toBe("Chrome 126 on macOS")
    })

    it("needs a recent authentication: 403 reauthentication_required for a session signed in an hour ago, nothing added", async () => {
      const { user, cookie, sessionId } = await signedInUser()
      const options = await call(served, "POST", "passkeys/register-options", {}, cookie)
      const key = await SoftwareAuthenticator.create(ORIGIN)
      const response = await key.register(options.body as never)
      await age(user.id, sessionId)
      expect(await call(served, "POST", "passkeys/register-options", {}, cookie)).toMatchObject({ status: 403, body: { error: "reauthentication_required" } })
      expect(await call(served, "POST", "passkeys/register", { response }, cookie)).toMatchObject({ status: 403, body: { error: "reauthentication_required" } })
      expect(await s.store.listPasskeys!(user.id)).toEqual([])
    })

    it("refuses a registration for another origin, another relying party, a used or a sign-in challenge, or no user verification", async () => {
      const { user, cookie } = await signedInUser()
      const attempt = async (tamper: Parameters<SoftwareAuthenticator["register"]>[1], options?: unknown) => {
        const key = await SoftwareAuthenticator.create(ORIGIN)
        const given = options ?? (await call(served, "POST", "passkeys/register-options", {}, cookie)).body
        return call(served, "POST", "passkeys/register", { response: await key.register(given as never, tamper) }, cookie)
      }
      for (const tamper of [{ origin: "https://evil.example" }, { rpId: "evil.example" }, { userVerified: false }, { type: "webauthn.get" }]) {
        expect(await attempt(tamper), JSON.stringify(tamper)).toMatchObject({ status: 400, body: { error: "passkey_invalid", message: expect.stringContaining("could not be verified") } })
      }
      expect((await attempt({}, await signInOptions())).body.error).toBe("passkey_invalid")
      // A challenge answered once is gone, even for the same authenticator.
      const options = (await call(served, "POST", "passkeys/register-options", {}, cookie)).body
      const key = await SoftwareAuthenticator.create(ORIGIN)
      const response = await key.register(options as never, { origin: "https://evil.example" })
      expect((await call(served, "POST", "passkeys/register", { response }, cookie)).status).toBe(400)
      expect((await call(served, "POST", "passkeys/register", { response: await key.register(options as never) }, cookie)).body.error).toBe("passkey_invalid")
      expect(await s.store.listPasskeys!(user.id)).toEqual([])
      expect(await call(served, "POST", "passkeys/register", {}, cookie)).toMatchObject({ status: 400, body: { fields: { response: "required" } } })
    })

    it("refuses another user's register-options challenge", async () => {
      const mallory = await signedInUser()
      const alice = await signedInUser()
      const options = (await call(served, "POST", "passkeys/register-options", {}, mallory.cookie)).body
      const key = await SoftwareAuthenticator.create(ORIGIN)
      expect((await call(served, "POST", "passkeys/register", { response: await key.register(options as never) }, alice.cookie)).body.error).toBe("passkey_invalid")
    })
  })

  describe("managing", () => {
    it("renames a passkey of the user; another user's or an unknown id is 404", async () => {
      const { cookie } = await signedInUser()
      const { key, cookie: mine } = await addPasskey(cookie)
      const other = await signedInUser()
      expect(await call(served, "POST", "passkeys/rename", { id: key.id, name: "Work phone" }, mine)).toMatchObject({ status: 200, body: { ok: true } })
      expect((await call(served, "GET", "passkeys", undefined, mine)).body.passkeys[0].name).toBe("Work phone")
      expect((await call(served, "POST", "passkeys/rename", { id: key.id, name: "Mine now" }, other.cookie)).status).toBe(404)
      expect((await call(served, "POST", "passkeys/rename", { id: "bm9wZQ", name: "x" }, mine)).status).toBe(404)
      expect(await call(served, "POST", "passkeys/rename", { id: key.id, name: "   " }, mine)).toMatchObject({ status: 400, body: { fields: { name: "required" } } })
      expect(await call(served, "POST", "passkeys/rename", { id: key.id, name: "x".repeat(101) }, mine)).toMatchObject({ status: 400, body: { fields: { name: "too_long" } } })
    })

    it("removes a passkey with a recent authentication only: emailed, other sessions ended, it signs in no more", async () => {
      const { user, cookie, sessionId } = await signedInUser()
      const { key, cookie: mine } = await addPasskey(cookie)
      const phone = await signInWithCredentials(served, { email: user.email, password: GOOD_PASSWORD })
      await age(user.id, sessionId)
      expect(await call(served, "POST", "passkeys/remove", { id: key.id }, mine)).toMatchObject({ status: 403, body: { error: "reauthentication_required" } })
      expect(await call(served, "POST", "reauthenticate", { password: GOOD_PASSWORD }, mine)).toMatchObject({ status: 200 })
      expect((await call(served, "POST", "passkeys/remove", { id: "bm9wZQ" }, mine)).status).toBe(404)
      const removed = await call(served, "POST", "passkeys/remove", { id: key.id }, mine)
      expect(removed).toMatchObject({ status: 200, body: { ok: true } })
      expect(await signedIn(served, renewed(removed.response, mine))).toBe(true)
      expect(await signedIn(served, phone)).toBe(false)
      expect((await call(served, "GET", "passkeys", undefined, renewed(removed.response, mine))).body.passkeys).toEqual([])
      await s.kit.accounts.whenIdle()
      expect(s.outbox.filter((e) => e.kind === "passkey-removed" && e.to === user.email)).toHaveLength(1)
      expect((await passkeySignIn(served, await key.assert(await signInOptions()))).error).toBe("PasskeyInvalid")
    })

    it("keeps the last passkey of a user without a password or linked account (409 last_sign_in_method)", async () => {
      const email = `passwordless${++n}@example.com`
      const user = (await s.store.createUser({ email, name: null, passwordHash: null, emailVerified: new Date(), roles: [] }))!
      const key = await SoftwareAuthenticator.create(ORIGIN)
      await s.store.createPasskey!(key.stored(user.id))
      const { cookie } = await passkeySignIn(served, await key.assert(await signInOptions()))
      expect(cookie).not.toBeNull()
      expect(await call(served, "POST", "passkeys/remove", { id: key.id }, cookie!)).toMatchObject({ status: 409, body: { error: "last_sign_in_method" } })
      expect(await s.store.listPasskeys!(user.id)).toHaveLength(1)
    })

    it("lets a passkey count as a way to sign in when unlinking the last provider", async () => {
      const email = `oauth${++n}@example.com`
      const user = (await s.store.createUser({ email, name: null, passwordHash: null, emailVerified: new Date(), roles: [] }))!
      await s.store.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: `gh-${n}`, tokens: {}, linkedAt: new Date() })
      expect(await s.store.unlinkProvider!(user.id, "github")).toBe("last_sign_in_method")
      const key = await SoftwareAuthenticator.create(ORIGIN)
      await s.store.createPasskey!(key.stored(user.id))
      expect(await s.store.unlinkProvider!(user.id, "github")).toBe("ok")
    })

    it("drops the passkeys of an address nobody had proven when its mailbox resets the password", async () => {
      const email = `unproven${++n}@example.com`
      const user = (await s.store.createUser({ email, name: null, passwordHash: null, emailVerified: null, roles: [] }))!
      const key = await SoftwareAuthenticator.create(ORIGIN)
      await s.store.createPasskey!(key.stored(user.id))
      expect((await call(served, "POST", "forgot-password", { email })).status).toBe(202)
      await s.kit.accounts.whenIdle()
      const link = s.outbox.filter((e) => e.kind === "reset-password" && e.to === email).at(-1)!
      const token = new URL(link.url).searchParams.get("token")!
      expect((await call(served, "POST", "reset-password", { token, password: "a new and long passphrase" })).status).toBe(200)
      expect(await s.store.listPasskeys!(user.id)).toEqual([])
      expect((await passkeySignIn(served, await key.assert(await signInOptions()))).error).toBe("PasskeyInvalid")
    })

    it("removes the passkeys with the account", async () => {
      const { user, cookie } = await signedInUser()
      const { key, cookie: mine } = await addPasskey(cookie)
      expect((await call(served, "POST", "delete-account", {}, mine)).status).toBe(200)
      expect(await s.store.findPasskey!(key.id)).toBeNull()
      expect(await s.store.listPasskeys!(user.id)).toEqual([])
    })

    it("answers 401 signed out, and serves sign-in options signed out", async () => {
      expect((await call(served, "GET", "passkeys")).status).toBe(401)
      expect((await call(served, "POST", "passkeys/register-options", {})).status).toBe(401)
      const options = await signInOptions()
      expect(options).toMatchObject({ rpId: RP_ID, allowCredentials: [], userVerification: "preferred", timeout: 300_000 })
      expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    })
  })

  describe("signing in", () => {
    it("signs in with a passkey through next-auth's credentials callback, without the code two-factor would ask", async () => {
      const { user, cookie } = await signedInUser()
      await s.store.setMfa!(user.id, { secret: await sealSecret({ secret: () => SECRET }, TOTP_SECRET, user.id), enabledAt: new Date() })
      const { key } = await addPasskey(cookie)
      // The password alone now asks for a code…
      await expect(signInWithCredentials(served, { email: user.email, password: GOOD_PASSWORD })).rejects.toThrow(/MfaRequired/)
      // …the passkey does not.
      const { cookie: session, error } = await passkeySignIn(served, await key.assert(await signInOptions()))
      expect(error).toBeNull()
      expect(await signedIn(served, session!)).toBe(true)
      const sessions = await call(served, "GET", "sessions", undefined, session!)
      expect(sessions.body.sessions.find((row: { current: boolean }) => row.current)).toMatchObject({ method: "passkey", browser: "Chrome 126", os: "macOS" })
      const [stored] = (await call(served, "GET", "passkeys", undefined, session!)).body.passkeys
      expect(stored.lastUsedAt).not.toBeNull()
      expect((await s.store.findPasskey!(key.id))!.counter).toBe(1)
      // A sign-in is fresh: a sensitive action goes through at once.
      expect((await call(served, "POST", "passkeys/register-options", {}, session!)).status).toBe(200)
    })

    it("refuses another origin, another relying party id, a replayed challenge, an unknown credential, another user handle, no user verification, a counter going backwards: PasskeyInvalid, no session", async () => {
      const { user, cookie } = await signedInUser()
      const { key } = await addPasskey(cookie)
      const before = (await s.store.listSessions!(user.id, new Date())).length

      expect((await passkeySignIn(served, await key.assert(await signInOptions(), { origin: "https://evil.example" }))).error).toBe("PasskeyInvalid")
      expect((await passkeySignIn(served, await key.assert(await signInOptions(), { rpId: "evil.example" }))).error).toBe("PasskeyInvalid")
      expect((await passkeySignIn(served, await key.assert(await signInOptions(), { userVerified: false }))).error).toBe("PasskeyInvalid")
      expect((await passkeySignIn(served, await key.assert({ challenge: "A".repeat(43), rpId: RP_ID }))).error).toBe("PasskeyInvalid")
      const named = await key.assert(await signInOptions())
      expect((await passkeySignIn(served, { ...named, response: { ...named.response, userHandle: "c29tZW9uZS1lbHNl" } })).error).toBe("PasskeyInvalid")
      const stranger = await SoftwareAuthenticator.create(ORIGIN)
      expect((await passkeySignIn(served, await stranger.assert(await signInOptions()))).error).toBe("PasskeyInvalid")

      // One good assertion signs in once; the same assertion again is a replay.
      const assertion = await key.assert(await signInOptions(), { counter: 10 })
      expect((await passkeySignIn(served, assertion)).cookie).not.toBeNull()
      const replay = await passkeySignIn(served, assertion)
      expect(replay).toEqual({ cookie: null, error: "PasskeyInvalid" })
      // A counter below the one last seen (a cloned authenticator), and one that did not move.
      expect((await passkeySignIn(served, await key.assert(await signInOptions(), { counter: 5 }))).error).toBe("PasskeyInvalid")
      expect((await passkeySignIn(served, await key.assert(await signInOptions(), { counter: 10 }))).error).toBe("PasskeyInvalid")
      expect((await s.store.findPasskey!(key.id))!.counter).toBe(10)
      // Both reach the app's onError (a copied key is the app's to act on); nothing else did.
      expect(s.errors).toEqual([
        expect.objectContaining({ code: "passkey_invalid", message: expect.stringMatching(new RegExp(`Passkey ${key.id} of user ${user.id} presented signature counter 5, not above the 10`)) }),
        expect.objectContaining({ code: "passkey_invalid", message: expect.stringContaining("presented signature counter 10, not above the 10") }),
      ])
      s.errors.length = 0 // heard; the file's last test checks that nothing else was reported
      expect((await s.store.listSessions!(user.id, new Date())).length).toBe(before + 1)
      // Garbage is refused the same way.
      for (const junk of ["not json", { id: key.id }, { id: key.id, rawId: key.id, response: { clientDataJSON: "%%%" } }]) {
        expect((await passkeySignIn(served, junk)).error).toBe("PasskeyInvalid")
      }
    })
  })

  describe("re-authenticating", () => {
    it("takes one of the user's passkeys, not another user's, to a fresh sign-in challenge", async () => {
      const alice = await signedInUser()
      const { key, cookie } = await addPasskey(alice.cookie)
      const bob = await signedInUser()
      const { key: bobKey } = await addPasskey(bob.cookie)
      await age(alice.user.id, alice.sessionId)
      expect((await call(served, "POST", "passkeys/register-options", {}, cookie)).status).toBe(403)
      expect(await call(served, "POST", "reauthenticate", { passkey: await bobKey.assert(await signInOptions()) }, cookie)).toMatchObject({
        status: 400,
        body: { error: "passkey_invalid" },
      })
      expect((await call(served, "POST", "reauthenticate", { passkey: await key.assert(await signInOptions(), { origin: "https://evil.example" }) }, cookie)).status).toBe(400)
      const assertion = await key.assert(await signInOptions())
      expect(await call(served, "POST", "reauthenticate", { passkey: assertion }, cookie)).toMatchObject({ status: 200, body: { ok: true } })
      expect((await call(served, "POST", "passkeys/register-options", {}, cookie)).status).toBe(200)
      await age(alice.user.id, alice.sessionId)
      expect((await call(served, "POST", "reauthenticate", { passkey: assertion }, cookie)).body.error).toBe("passkey_invalid")
    })
  })

  it("reported no failure along the way: every refusal above was an answer, not an error", async () => {
    await s.kit.accounts.whenIdle()
    expect(s.errors).toEqual([])
  })
})

describe("passkeys' configuration", () => {
  const saved = process.env.NEXTAUTH_URL
  // NEXTAUTH_URL changes next-auth's cookies too (https: __Secure- names): put back after each test.
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL
    else process.env.NEXTAUTH_URL = saved
  })
  const build = (accounts: Record<string, unknown>) => () => makeKit(memoryAccountStore(), accounts)

  it("takes the relying party from NEXTAUTH_URL, and refuses a missing or unusable origin at start-up with invalid_config", () => {
    delete process.env.NEXTAUTH_URL
    expect(build({ baseUrl: undefined })).toThrow(expect.objectContaining({ code: "invalid_config", message: expect.stringContaining("passkeys need the app's origin") }))
    process.env.NEXTAUTH_URL = "http://app.example.test"
    expect(build({ baseUrl: undefined })).toThrow(/https origin/)
    process.env.NEXTAUTH_URL = "http://localhost:3000/api/auth"
    expect(build({ baseUrl: undefined })).not.toThrow()
    process.env.NEXTAUTH_URL = "https://127.0.0.1"
    expect(build({ baseUrl: undefined })).toThrow(/not an IP address/)
    expect(build({ passkeys: { rpId: "other.example" } })).toThrow(/must be the host of the origin/)
    expect(build({ passkeys: { rpId: "example.test" } })).not.toThrow()
    expect(build({ passkeys: { origin: "not a url at all" } })).toThrow(/invalid_config|public URL/)
    expect(build({ store: { ...memoryAccountStore(), createPasskey: undefined } })).toThrow(/createPasskey/)
  })

  it("serves no passkey endpoint, and signs in no passkey, without the option", async () => {
    const plain = makeKit(memoryAccountStore(), { passkeys: undefined })
    const served = await serveKit(plain.kit)
    try {
      expect((await call(served, "POST", "passkeys/sign-in-options", {})).status).toBe(404)
      expect((await passkeySignIn(served, { id: "x" })).error).toBe("PasskeyInvalid")
    } finally {
      await served.close()
    }
  })

  it("signs in with a passkey under database sessions too: a session row, method passkey", async () => {
    const store = memoryAccountStore()
    const db = makeKit(store, {}, "database")
    const served = await serveKit(db.kit)
    try {
      const user = (await store.createUser({ email: "db@example.com", name: null, passwordHash: null, emailVerified: new Date(), roles: [] }))!
      const key = await SoftwareAuthenticator.create(ORIGIN)
      await store.createPasskey!(key.stored(user.id))
      const options = (await call(served, "POST", "passkeys/sign-in-options", {})).body
      const { cookie, error } = await passkeySignIn(served, await key.assert(options as never))
      expect(error).toBeNull()
      expect(await signedIn(served, cookie!)).toBe(true)
      expect(await store.listSessions!(user.id, new Date())).toEqual([expect.objectContaining({ method: "passkey", tokenHash: expect.any(String) })])
      expect((await call(served, "GET", "passkeys", undefined, cookie!)).body.passkeys).toHaveLength(1)
    } finally {
      await served.close()
    }
  })

  it("takes a parent domain as the relying party id", async () => {
    const parent = makeKit(memoryAccountStore(), { passkeys: { rpId: "example.test", rpName: "Acme Group" } })
    const served = await serveKit(parent.kit)
    try {
      const options = await call(served, "POST", "passkeys/sign-in-options", {})
      expect(options.body.rpId).toBe("example.test")
    } finally {
      await served.close()
    }
  })
})
