/**
 * Re-authentication, served for real (next-auth, encrypted cookies, the account endpoints): a
 * sign-in is fresh; ten minutes later the sensitive endpoints answer 403
 * `reauthentication_required` and change nothing, until `reauthenticate` proves the user again
 * (password or two-factor code). Freshness is in the session's record, so every instance agrees.
 */
import { encode } from "next-auth/jwt"
import { Secret, TOTP } from "otpauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccountEmail, type AccountStore, createAuthKit, memoryAccountStore } from "../../../src/server"
import { SECRET } from "../harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD, OTHER_PASSWORD } from "./helpers"
import { call, type ServedKit, serveKit, signedIn, signInWithCredentials } from "./served-kit"

const HOUR_AGO = () => new Date(Date.now() - 60 * 60_000)

function makeKit(store: AccountStore = memoryAccountStore(), accounts: Record<string, unknown> = {}) {
  const outbox: AccountEmail[] = []
  const kit = createAuthKit({
    loginPath: "/login",
    authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
    onError: () => {},
    accounts: { store, sendEmail: async (email: AccountEmail) => void outbox.push(email), baseUrl: BASE_URL, hasher: cheapHasher, sessionCheck: { cacheMs: 50 }, mfa: { issuer: "Acme" }, ...accounts },
  })
  return { kit, store, outbox }
}

describe("re-authentication before sensitive actions", () => {
  const s = makeKit()
  let served: ServedKit
  let n = 0
  beforeAll(async () => {
    served = await serveKit(s.kit)
  })
  afterAll(() => served.close())

  /** A confirmed account with a password, signed in; answers its cookie, id and session id. */
  async function signedInUser() {
    const email = `user${++n}@example.com`
    const user = (await s.store.createUser({ email, name: null, passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] }))!
    const cookie = await signInWithCredentials(served, { email, password: GOOD_PASSWORD })
    const [session] = await s.store.listSessions!(user.id, new Date())
    return { email, user, cookie, sessionId: session!.id }
  }
  const age = (userId: string, sessionId: string) => s.store.markSessionAuthenticated!(userId, sessionId, HOUR_AGO())

  it("lets a fresh sign-in change the password", async () => {
    const { cookie } = await signedInUser()
    expect((await call(served, "POST", "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }, cookie)).status).toBe(200)
  })

  it("refuses every sensitive action of a session signed in an hour ago with 403 reauthentication_required, changing nothing", async () => {
    const { user, cookie, sessionId } = await signedInUser()
    await age(user.id, sessionId)
    const other = await signInWithCredentials(served, { email: user.email, password: GOOD_PASSWORD })
    const sensitive: Array<[string, unknown]> = [
      ["change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }],
      ["mfa/setup", {}],
      ["mfa/enable", { code: "123456" }],
      ["mfa/disable", { password: GOOD_PASSWORD }],
      ["unlink", { provider: "github" }],
      ["sessions/revoke-others", {}],
    ]
    for (const [action, body] of sensitive) {
      expect(await call(served, "POST", action, body, cookie), action).toMatchObject({
        status: 403,
        body: { error: "reauthentication_required", message: expect.stringContaining("Confirm it is you") },
      })
    }
    expect((await s.store.findUserById(user.id))!.passwordHash).toBe(user.passwordHash)
    expect(await s.store.getMfa!(user.id)).toBeNull()
    expect(await signedIn(served, other)).toBe(true)
    // What is not sensitive still works.
    expect((await call(served, "GET", "sessions", undefined, cookie)).status).toBe(200)
  })

  it("reauthenticate with the password marks the session fresh; a wrong one is password mismatch", async () => {
    const { user, cookie, sessionId } = await signedInUser()
    await age(user.id, sessionId)
    expect(await call(served, "POST", "reauthenticate", {}, cookie)).toMatchObject({ status: 400, body: { fields: { password: "required", code: "required" } } })
    expect(await call(served, "POST", "reauthenticate", { password: OTHER_PASSWORD }, cookie)).toMatchObject({ status: 400, body: { fields: { password: "mismatch" } } })
    expect((await call(served, "POST", "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }, cookie)).status).toBe(403)
    expect(await call(served, "POST", "reauthenticate", { password: GOOD_PASSWORD }, cookie)).toMatchObject({ status: 200, body: { ok: true } })
    expect((await call(served, "POST", "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD }, cookie)).status).toBe(200)
  })

  it("marks only the caller's session: another session of the user stays stale", async () => {
    const { user, cookie, sessionId } = await signedInUser()
    const laptop = await signInWithCredentials(served, { email: user.email, password: GOOD_PASSWORD })
    for (const session of await s.store.listSessions!(user.id, new Date())) await age(user.id, session.id)
    expect((await call(served, "POST", "reauthenticate", { password: GOOD_PASSWORD }, cookie)).status).toBe(200)
    expect((await call(served, "POST", "mfa/setup", {}, laptop)).status).toBe(403)
    expect((await call(served, "POST", "mfa/setup", {}, cookie)).status).toBe(200)
    expect((await s.store.findSession!(sessionId))!.authenticatedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000)
  })

  it("takes a two-factor code (once) when two-factor is on", async () => {
    const { user, cookie, sessionId } = await signedInUser()
    const setup = await call(served, "POST", "mfa/setup", {}, cookie)
    const secret = Secret.fromBase32(setup.body.secret as string)
    const enabled = await call(served, "POST", "mfa/enable", { code: TOTP.generate({ secret }) }, cookie)
    expect(enabled.status).toBe(200)
    // Turning two-factor on re-issued this browser's cookie.
    const renewed = enabled.response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token=")) ?? cookie
    await age(user.id, sessionId)
    expect(await call(served, "POST", "reauthenticate", { code: "000000" === TOTP.generate({ secret }) ? "111111" : "000000" }, renewed)).toMatchObject({
      status: 400,
      body: { fields: { code: "invalid_code" } },
    })
    const recovery = (enabled.body.recoveryCodes as string[])[0]!
    expect((await call(served, "POST", "reauthenticate", { code: recovery }, renewed)).status).toBe(200)
    await age(user.id, sessionId)
    expect((await call(served, "POST", "reauthenticate", { code: recovery }, renewed)).status).toBe(400)
  })

  it("agrees across instances: a session made fresh on one is fresh on another of the same store", async () => {
    const other = makeKit(s.store)
    const servedOther = await serveKit(other.kit)
    try {
      const { user, cookie, sessionId } = await signedInUser()
      await age(user.id, sessionId)
      expect((await call(servedOther, "POST", "mfa/setup", {}, cookie)).status).toBe(403)
      expect((await call(served, "POST", "reauthenticate", { password: GOOD_PASSWORD }, cookie)).status).toBe(200)
      expect((await call(servedOther, "POST", "mfa/setup", {}, cookie)).status).toBe(200)
    } finally {
      await servedOther.close()
    }
  })

  it("never finds a session without a record fresh (a token without a session id), and cannot mark it", async () => {
    const { user } = await signedInUser()
    const legacy = `next-auth.session-token=${await encode({ token: { sub: user.id, email: user.email, cv: user.credentialVersion }, secret: SECRET })}`
    expect(await signedIn(served, legacy)).toBe(true)
    expect((await call(served, "POST", "mfa/setup", {}, legacy)).status).toBe(403)
    expect(await call(served, "POST", "reauthenticate", { password: GOOD_PASSWORD }, legacy)).toMatchObject({ status: 401, body: { error: "unauthenticated" } })
  })

  it("answers 401 signed out", async () => {
    expect((await call(served, "POST", "reauthenticate", { password: GOOD_PASSWORD })).status).toBe(401)
    expect((await call(served, "POST", "change-password", { currentPassword: GOOD_PASSWORD, newPassword: OTHER_PASSWORD })).status).toBe(401)
  })

  it("takes its window from reauthenticateAfterMs, and refuses a window that is not a positive number", async () => {
    const short = makeKit(s.store, { reauthenticateAfterMs: 1 })
    const servedShort = await serveKit(short.kit)
    try {
      const { cookie } = await signedInUser()
      await new Promise((resolve) => setTimeout(resolve, 5))
      expect((await call(servedShort, "POST", "mfa/setup", {}, cookie)).status).toBe(403)
      expect((await call(served, "POST", "mfa/setup", {}, cookie)).status).toBe(200)
    } finally {
      await servedShort.close()
    }
    expect(() => makeKit(memoryAccountStore(), { reauthenticateAfterMs: 0 })).toThrow(/reauthenticateAfterMs/)
  })
})
