/**
 * The failure limits under a burst, through the whole engine: 60 concurrent guesses at one
 * limit — a password through next-auth's own credentials callback, a sign-in code, `mfa/disable`
 * from a stolen session, the current password of `change-password`, the password of
 * `reauthenticate` — spread over the app
 * instances that share one store. Each guess is counted before its secret is checked, so at
 * most the limit's number is ever evaluated; the rest answer "rate limited" unread. And one
 * passkey assertion sent 60 times at once signs in once: its challenge is taken once.
 */
import { Secret, TOTP } from "otpauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sealSecret } from "../../../src/core/accounts/features/two-factor"
import type { AccountStore, PasswordHasher } from "../../../src/server"
import { SECRET } from "../harness"
import { accountsAuthOptions, BASE_URL, cheapHasher, GOOD_PASSWORD, post, serveNextAuth, type Setup, setup, signIn, tokenFrom, verifiedUser } from "./helpers"
import { SoftwareAuthenticator } from "./software-authenticator"

const BURST = 60
/** The default limits these guesses meet: 10 per address in 15 minutes for each. */
const LIMIT = 10
const MFA = { issuer: "Acme" }
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

/** A hasher that counts the passwords it checks: a check is a guess evaluated. */
function countingHasher(): PasswordHasher & { verified: number } {
  const counting = {
    verified: 0,
    hash: (password: string) => cheapHasher.hash(password),
    verify: async (hash: string, password: string) => {
      counting.verified++
      return cheapHasher.verify(hash, password)
    },
    needsRehash: (hash: string) => cheapHasher.needsRehash?.(hash) ?? false,
  }
  return counting
}

/** A six-digit code that is none of the codes right within a step either side of now. */
function wrongCode(): string {
  const right = new Set([-30_000, 0, 30_000].map((offset) => TOTP.generate({ secret: Secret.fromBase32(TOTP_SECRET), timestamp: Date.now() + offset })))
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0")
    if (!right.has(code)) return code
  }
}

const tally = (answers: unknown[]) => {
  const counts: Record<string, number> = {}
  for (const answer of answers) counts[String(answer)] = (counts[String(answer)] ?? 0) + 1
  return counts
}

/**
 * @param makeStores fresh instances of one store (one for the memory store; two clients of one
 *   database for the SQL ones), each the store of an app instance of its own
 */
export function engineConcurrencyContract(name: string, makeStores: () => Promise<AccountStore[]>): void {
  describe(`60 concurrent guesses at one limit: ${name}`, () => {
    let instances: Array<Setup & { hasher: ReturnType<typeof countingHasher> }>
    let server: Awaited<ReturnType<typeof serveNextAuth>>
    const nth = (i: number) => instances[i % instances.length]!

    beforeAll(async () => {
      const stores = await makeStores()
      instances = stores.map((store) => {
        const hasher = countingHasher()
        return { ...setup({ store, hasher, mfa: MFA, passkeys: {} }), hasher }
      })
      // Each instance runs next-auth with its accounts (they read its session cookies).
      const [first] = instances.map((instance) => accountsAuthOptions(instance.accounts))
      server = await serveNextAuth(first!)
    })
    afterAll(() => server?.close())

    const evaluated = () => instances.reduce((sum, instance) => sum + instance.hasher.verified, 0)

    it("evaluates at most 10 of 60 wrong passwords for one address (half through next-auth's callback), the rest RateLimited", async () => {
      await verifiedUser(instances[0]!, "burst@example.com")
      const before = evaluated()
      const answers = await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          if (i % 2 === 0) {
            const { url, cookie } = await signIn(server.url, "burst@example.com", `wrong password ${i}`)
            return cookie ? "signed in" : new URL(url).searchParams.get("error")
          }
          return nth(i)
            .accounts.authorize({ email: "burst@example.com", password: `wrong password ${i}` })
            .then((user) => (user ? "signed in" : "CredentialsSignin"), (error: Error) => error.message)
        }),
      )
      expect(evaluated() - before).toBeLessThanOrEqual(LIMIT)
      const counts = tally(answers)
      expect(counts.CredentialsSignin).toBeLessThanOrEqual(LIMIT)
      expect(counts.RateLimited).toBeGreaterThanOrEqual(BURST - LIMIT)
      expect(counts["signed in"]).toBeUndefined()
      // The owner's right password is limited too until the window ends: nothing was given back.
      await expect(instances[0]!.accounts.authorize({ email: "burst@example.com", password: GOOD_PASSWORD })).rejects.toThrow("RateLimited")
    })

    describe("with two-factor on", () => {
      /** A verified user with two-factor on, and a session of theirs. */
      async function withTwoFactor(email: string) {
        const userId = await verifiedUser(instances[0]!, email)
        const { cookie } = await signIn(server.url, email, GOOD_PASSWORD)
        await instances[0]!.store.setMfa!(userId, { secret: await sealSecret({ secret: () => SECRET }, TOTP_SECRET, userId), enabledAt: new Date() })
        return { userId, cookie: cookie! }
      }

      it("evaluates at most 10 of 60 wrong sign-in codes, the rest RateLimited", async () => {
        await withTwoFactor("codes@example.com")
        const code = wrongCode()
        const answers = await Promise.all(
          Array.from({ length: BURST }, (_, i) =>
            nth(i)
              .accounts.authorize({ email: "codes@example.com", password: GOOD_PASSWORD, code })
              .then(() => "signed in", (error: Error) => error.message),
          ),
        )
        const counts = tally(answers)
        expect(counts.MfaInvalid).toBeLessThanOrEqual(LIMIT)
        expect(counts.MfaInvalid).toBeGreaterThan(0)
        expect(counts.RateLimited).toBe(BURST - counts.MfaInvalid!)
      })

      it("mfa/disable from a stolen session: at most 10 of 60 wrong codes evaluated, the rest 429, and two-factor stays on", async () => {
        const { userId, cookie } = await withTwoFactor("stolen@example.com")
        const code = wrongCode()
        const answers = await Promise.all(
          Array.from({ length: BURST }, (_, i) => post(nth(i).accounts, "mfa/disable", { code }, { headers: { cookie } }).then((a) => a.status)),
        )
        const counts = tally(answers)
        expect(counts["400"]).toBeLessThanOrEqual(LIMIT)
        expect(counts["400"]).toBeGreaterThan(0)
        expect(counts["429"]).toBe(BURST - counts["400"]!)
        expect((await instances[1 % instances.length]!.store.getMfa!(userId))?.enabledAt).toBeInstanceOf(Date)
      })
      it("mfa/enable: at most 10 of 60 wrong codes for a pending setup evaluated, the rest 429", async () => {
        await verifiedUser(instances[0]!, "enable@example.com")
        const { cookie } = await signIn(server.url, "enable@example.com", GOOD_PASSWORD)
        expect((await post(instances[0]!.accounts, "mfa/setup", {}, { headers: { cookie: cookie! } })).status).toBe(200)
        const answers = await Promise.all(
          Array.from({ length: BURST }, (_, i) => post(nth(i).accounts, "mfa/enable", { code: "000000" }, { headers: { cookie: cookie! } }).then((a) => a.status)),
        )
        const counts = tally(answers)
        expect(counts["400"]).toBeLessThanOrEqual(LIMIT)
        expect(counts["400"]).toBeGreaterThan(0)
        expect(counts["429"]).toBe(BURST - counts["400"]!)
      })
    })

    it("one passkey assertion sent 60 times at once through next-auth's callback on two instances: one sign-in, one session", async () => {
      const userId = await verifiedUser(instances[0]!, "passkey@example.com")
      const store = instances[0]!.store
      const key = await SoftwareAuthenticator.create(BASE_URL)
      await store.createPasskey!(key.stored(userId))
      const options = await post(instances[0]!.accounts, "passkeys/sign-in-options", {})
      expect(options.status).toBe(200)
      const passkey = JSON.stringify(await key.assert(options.body as never))
      // The other instance serves next-auth too: the requests alternate between the two.
      const second = await serveNextAuth(accountsAuthOptions(nth(1).accounts))
      try {
        const before = (await store.listSessions!(userId, new Date())).length
        const answers = await Promise.all(
          Array.from({ length: BURST }, async (_, i) => {
            const base = i % 2 === 0 ? server.url : second.url
            const csrf = await fetch(`${base}/api/auth/csrf`)
            const { csrfToken } = (await csrf.json()) as { csrfToken: string }
            const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")
            const response = await fetch(`${base}/api/auth/callback/credentials`, {
              method: "POST",
              redirect: "manual",
              // Each from an address of its own: the per-IP sign-in limit is not what is tested.
              headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": `198.51.100.${i + 1}` },
              body: new URLSearchParams({ csrfToken, passkey, json: "true" }),
            })
            const { url } = (await response.json()) as { url: string }
            const signedIn = response.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))
            return signedIn ? "signed in" : new URL(url, base).searchParams.get("error")
          }),
        )
        expect(tally(answers)).toEqual({ "signed in": 1, PasskeyInvalid: BURST - 1 })
        expect((await store.listSessions!(userId, new Date())).length).toBe(before + 1)
        expect((await store.findPasskey!(key.id))!.counter).toBe(1)
      } finally {
        await second.close()
      }
    })

    it("reset-password and verify-email: at most 10 of 60 wrong tokens from one IP evaluated, the rest 429", async () => {
      for (const [action, extra, ip] of [
        ["reset-password", { password: "a new and long passphrase" }, "192.0.2.10"],
        ["verify-email", {}, "192.0.2.11"],
      ] as const) {
        const answers = await Promise.all(
          Array.from({ length: BURST }, (_, i) =>
            post(nth(i).accounts, action, { token: `${String(i).padStart(2, "0")}${"x".repeat(41)}`, ...extra }, { headers: { "x-forwarded-for": ip } }).then(
              (a) => a.status,
            ),
          ),
        )
        const counts = tally(answers)
        expect(counts["400"], action).toBeLessThanOrEqual(LIMIT)
        expect(counts["400"], action).toBeGreaterThan(0)
        expect(counts["429"], action).toBe(BURST - counts["400"]!)
      }
    })

    it("change-password: at most 10 of 60 wrong current passwords evaluated, the rest 429, the password unchanged", async () => {
      await verifiedUser(instances[0]!, "change@example.com")
      const { cookie } = await signIn(server.url, "change@example.com", GOOD_PASSWORD)
      const before = evaluated()
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          post(nth(i).accounts, "change-password", { currentPassword: `wrong password ${i}`, newPassword: "a new and long passphrase" }, { headers: { cookie: cookie! } }).then(
            (a) => a.status,
          ),
        ),
      )
      const counts = tally(answers)
      expect(evaluated() - before).toBeLessThanOrEqual(LIMIT)
      expect(counts["400"]).toBeLessThanOrEqual(LIMIT)
      expect(counts["400"]).toBeGreaterThan(0)
      expect(counts["429"]).toBe(BURST - counts["400"]!)
      expect(await instances[0]!.accounts.authorize({ email: "change@example.com", password: GOOD_PASSWORD })).toMatchObject({ email: "change@example.com" })
    })

    it("reauthenticate from a stolen session: at most 10 of 60 wrong passwords evaluated, the rest 429, the session still not fresh", async () => {
      const userId = await verifiedUser(instances[0]!, "sudo@example.com")
      const { cookie } = await signIn(server.url, "sudo@example.com", GOOD_PASSWORD)
      // The sign-in was long ago: the session must prove itself again.
      const store = instances[0]!.store
      const [session] = await store.listSessions!(userId, new Date())
      await store.markSessionAuthenticated!(userId, session!.id, new Date(Date.now() - 60 * 60_000))
      const before = evaluated()
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) => post(nth(i).accounts, "reauthenticate", { password: `wrong password ${i}` }, { headers: { cookie: cookie! } }).then((a) => a.status)),
      )
      const counts = tally(answers)
      expect(evaluated() - before).toBeLessThanOrEqual(LIMIT)
      expect(counts["400"]).toBeLessThanOrEqual(LIMIT)
      expect(counts["400"]).toBeGreaterThan(0)
      expect(counts["429"]).toBe(BURST - counts["400"]!)
      const change = await post(instances[0]!.accounts, "change-password", { currentPassword: GOOD_PASSWORD, newPassword: "a new and long passphrase" }, { headers: { cookie: cookie! } })
      expect(change.body).toMatchObject({ error: "reauthentication_required" })
    })

    it("change-email: of 60 requests for one new address at once, at most 5 answer 202, the rest 429", async () => {
      await verifiedUser(instances[0]!, "mover@example.com")
      const { cookie } = await signIn(server.url, "mover@example.com", GOOD_PASSWORD)
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) => post(nth(i).accounts, "change-email", { email: "moved@example.com" }, { headers: { cookie: cookie! } }).then((a) => a.status)),
      )
      const counts = tally(answers)
      expect(counts["202"]).toBeGreaterThan(0)
      expect(counts["202"]).toBeLessThanOrEqual(5)
      expect(counts["429"]).toBe(BURST - counts["202"]!)
    })

    it("passkeys/register-options: of 60 at once from one user, at most 20 answer, the rest 429", async () => {
      await verifiedUser(instances[0]!, "keys@example.com")
      const { cookie } = await signIn(server.url, "keys@example.com", GOOD_PASSWORD)
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) => post(nth(i).accounts, "passkeys/register-options", {}, { headers: { cookie: cookie! } }).then((a) => a.status)),
      )
      const counts = tally(answers)
      expect(counts["200"]).toBeGreaterThan(0)
      expect(counts["200"]).toBeLessThanOrEqual(20)
      expect(counts["429"]).toBe(BURST - counts["200"]!)
    })

    describe("email changes confirmed at once", () => {
      /** A verified user, signed in just now, who asked for `address`: the token of the link sent there. */
      async function askedFor(email: string, address: string) {
        const userId = await verifiedUser(instances[0]!, email)
        const { cookie } = await signIn(server.url, email, GOOD_PASSWORD)
        expect((await post(instances[0]!.accounts, "change-email", { email: address }, { headers: { cookie: cookie! } })).status).toBe(202)
        await instances[0]!.accounts.whenIdle()
        return { userId, token: tokenFrom(instances[0]!.outbox, "change-email", address) }
      }
      // One IP per request: the token limit (per IP) is not what this is about.
      const confirm = (i: number, token: string) =>
        post(nth(i).accounts, "verify-email", { token }, { headers: { "x-forwarded-for": `198.51.100.${i + 1}` } })

      it("two users' links for one new address: exactly one change, the other link refused", async () => {
        const a = await askedFor("first@example.com", "shared@example.com")
        const b = await askedFor("second@example.com", "shared@example.com")
        const answers = await Promise.all([confirm(0, a.token), confirm(1, b.token)])
        expect(answers.map((x) => x.status).sort()).toEqual([200, 400])
        expect(answers.find((x) => x.status === 400)!.body).toMatchObject({ error: "invalid_token", reason: "used" })
        const winner = answers[0]!.status === 200 ? a : b
        const loser = winner === a ? b : a
        const store = instances[1 % instances.length]!.store
        expect((await store.findUserByEmail("shared@example.com"))!.id).toBe(winner.userId)
        expect((await store.findUserById(loser.userId))!.email).not.toBe("shared@example.com")
      })

      it("30 concurrent confirmations of one link: one 200, 29 invalid_token, one email-changed notice", async () => {
        const { userId, token } = await askedFor("thirty@example.com", "thirty@new.example.com")
        const sent = instances.reduce((sum, instance) => sum + instance.outbox.length, 0)
        const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => confirm(i, token)))
        const counts = tally(answers.map((x) => x.status))
        expect(counts).toEqual({ 200: 1, 400: 29 })
        for (const x of answers.filter((x) => x.status === 400)) expect(x.body).toMatchObject({ error: "invalid_token", reason: "used" })
        expect((await instances[0]!.store.findUserById(userId))!.email).toBe("thirty@new.example.com")
        await Promise.all(instances.map((instance) => instance.accounts.whenIdle()))
        const notices = instances.flatMap((instance) => instance.outbox).filter((e) => e.kind === "email-changed" && e.to === "thirty@example.com")
        expect(notices).toHaveLength(1)
        expect(instances.reduce((sum, instance) => sum + instance.outbox.length, 0) - sent).toBe(1)
      })
    })
  })
}
