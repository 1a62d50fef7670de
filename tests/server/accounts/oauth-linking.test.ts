/**
 * OAuth through the kit's adapter, served for real: next-auth's OAuth flow against a small
 * provider on 127.0.0.1 (token and userinfo endpoints), the kit's handler, real cookies. A new
 * OAuth user lands in the kit's users table with the provider as a linked account; signing in
 * with a second provider while signed in links it; an address that has an account already is
 * next-auth's `OAuthAccountNotLinked`, as next-auth does it.
 */
import type { NextAuthOptions } from "next-auth"
import type { OAuthConfig } from "next-auth/providers/oauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccountEmail, createAuthKit, memoryAccountStore } from "../../../src/server"
import { CookieJar, SECRET, serveApi } from "../harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD, tokenFrom } from "./helpers"
import { call, type ServedKit, serveKit } from "./served-kit"

interface Profile {
  id: string
  email: string | null
  name: string
}
/** The provider's users, by the code the test "approves" with. */
const profiles = new Map<string, Profile>()

function provider(id: string): OAuthConfig<Profile> {
  return {
    id,
    name: id,
    type: "oauth",
    authorization: { url: `${idp.url}/authorize`, params: { scope: "read" } },
    token: `${idp.url}/token`,
    userinfo: `${idp.url}/userinfo`,
    clientId: "client",
    clientSecret: "secret",
    checks: ["state"],
    profile: (p) => ({ id: `${id}:${p.id}`, email: p.email, name: p.name, image: null }),
  }
}

const idp = await serveApi(async (req, res) => {
    const url = new URL(req.url!, "http://localhost")
    if (url.pathname === "/token") {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const code = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("code") ?? ""
      return res.status(200).json({ access_token: `at-${code}`, token_type: "bearer", scope: "read" })
    }
    if (url.pathname === "/userinfo") {
      const code = String(req.headers.authorization ?? "").replace(/^Bearer at-/i, "")
      const profile = profiles.get(code)
      return profile ? res.status(200).json(profile) : res.status(401).json({})
    }
    res.status(404).json({})
})
afterAll(() => idp.close())

function makeKit(authOptions: Partial<NextAuthOptions> = {}) {
  const store = memoryAccountStore()
  const errors: unknown[] = []
  const outbox: AccountEmail[] = []
  const kit = createAuthKit({
    authOptions: {
      secret: SECRET,
      providers: [provider("acme"), provider("globex")],
      logger: { error: (code, ...rest) => void errors.push([code, ...rest]), warn: () => {}, debug: () => {} },
      ...authOptions,
    },
    onError: (error: unknown) => void errors.push(error),
    accounts: { store, sendEmail: async (email: AccountEmail) => void outbox.push(email), baseUrl: BASE_URL, hasher: cheapHasher, sessionCheck: { cacheMs: 50 } },
  })
  return { kit, store, errors, outbox }
}

/** Signs in with a provider as the holder of `profile`; answers the final redirect and the browser's cookies. */
async function oauthSignIn(auth: string, providerId: string, profile: Profile, jar = new CookieJar()) {
  const csrf = await fetch(`${auth}/api/auth/csrf`, { headers: { cookie: jar.header() } })
  jar.apply(csrf.headers.getSetCookie())
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const start = await fetch(`${auth}/api/auth/signin/${providerId}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  })
  jar.apply(start.headers.getSetCookie())
  const authorize = new URL(((await start.json()) as { url: string }).url)
  const code = `${providerId}-${profile.id}-${Math.random().toString(36).slice(2)}`
  profiles.set(code, profile)
  const callback = await fetch(`${auth}/api/auth/callback/${providerId}?code=${code}&state=${authorize.searchParams.get("state")}`, {
    redirect: "manual",
    headers: { cookie: jar.header() },
  })
  jar.apply(callback.headers.getSetCookie())
  return { location: callback.headers.get("location") ?? "", jar }
}

for (const strategy of ["jwt", "database"] as const) {
  describe(`OAuth sign-in through the kit's adapter (${strategy} strategy)`, () => {
    const s = makeKit({ session: { strategy } })
    let served: ServedKit
    let auth: string
    beforeAll(async () => {
      served = await serveKit(s.kit)
      auth = served.auth
    })
    afterAll(() => served.close())
    const post = (action: string, body: unknown) => call(served, "POST", action, body)

    it("creates the user (no password, normalised email) with the provider linked, and a recorded session", async () => {
      const { location, jar } = await oauthSignIn(auth, "acme", { id: "1", email: "Ada@Example.com", name: "Ada" })
      expect(location).not.toContain("error")
      const user = (await s.store.findUserByEmail("ada@example.com"))!
      expect(user).toMatchObject({ name: "Ada", passwordHash: null })
      expect(await s.store.listAccounts!(user.id)).toMatchObject([{ provider: "acme", providerAccountId: "acme:1", type: "oauth", tokens: { access_token: expect.stringMatching(/^at-/) } }])
      const sessions = await s.store.listSessions!(user.id, new Date())
      expect(sessions).toHaveLength(1)
      expect(sessions[0]!.method).toBe("acme")
      const session = (await (await fetch(`${auth}/api/auth/session`, { headers: { cookie: jar.header() } })).json()) as { user?: { email?: string } }
      expect(session.user?.email).toBe("ada@example.com")
    })

    it("links a second provider when the user signs in with it while signed in", async () => {
      const { jar } = await oauthSignIn(auth, "acme", { id: "2", email: "grace@example.com", name: "Grace" })
      const { location } = await oauthSignIn(auth, "globex", { id: "77", email: "grace.h@globex.example", name: "Grace H" }, jar)
      expect(location).not.toContain("error")
      const user = (await s.store.findUserByEmail("grace@example.com"))!
      expect((await s.store.listAccounts!(user.id)).map((a) => a.provider).sort()).toEqual(["acme", "globex"])
      expect(await s.store.findUserByEmail("grace.h@globex.example")).toBeNull()
    })

    it("answers OAuthAccountNotLinked for an address that has an account of another way to sign in", async () => {
      await oauthSignIn(auth, "acme", { id: "3", email: "alan@example.com", name: "Alan" })
      const { location } = await oauthSignIn(auth, "globex", { id: "3", email: "alan@example.com", name: "Alan" })
      expect(location).toContain("error=OAuthAccountNotLinked")
    })

    it("drops a provider's link and its sessions when the mailbox's holder first proves the address (reset link)", async () => {
      // Someone signs in through a provider that vouches for an address it never checked.
      const { jar: intruder } = await oauthSignIn(auth, "acme", { id: "5", email: "victim@example.com", name: "Not the victim" })
      const sessionOf = async (jar: CookieJar) =>
        ((await (await fetch(`${auth}/api/auth/session`, { headers: { cookie: jar.header() } })).json()) as { user?: { email?: string } }).user
      expect((await sessionOf(intruder))?.email).toBe("victim@example.com")
      const user = (await s.store.findUserByEmail("victim@example.com"))!
      expect(user.emailVerified).toBeNull()

      // The mailbox's holder resets the password through the emailed link.
      expect((await post("forgot-password", { email: "victim@example.com" })).status).toBe(202)
      await expect.poll(() => s.outbox.some((e) => e.kind === "reset-password" && e.to === "victim@example.com")).toBe(true)
      const reset = await post("reset-password", { token: tokenFrom(s.outbox, "reset-password", "victim@example.com"), password: GOOD_PASSWORD })
      expect(reset.status).toBe(200)

      expect(await s.store.listAccounts!(user.id)).toEqual([])
      expect((await s.store.findUserById(user.id))!.emailVerified).toBeInstanceOf(Date)
      await expect.poll(() => sessionOf(intruder), { timeout: 2000 }).toBeUndefined()
      // The provider's account no longer leads in: the address belongs to a password account now.
      const again = await oauthSignIn(auth, "acme", { id: "5", email: "victim@example.com", name: "Not the victim" })
      expect(again.location).toContain("error=OAuthAccountNotLinked")
    })

    it("keeps a provider's link when the address was proven before (a reset of a confirmed account)", async () => {
      await oauthSignIn(auth, "acme", { id: "6", email: "kept@example.com", name: "Kept" })
      const user = (await s.store.findUserByEmail("kept@example.com"))!
      await s.store.updateUser(user.id, { emailVerified: new Date() })
      await post("forgot-password", { email: "kept@example.com" })
      await expect.poll(() => s.outbox.some((e) => e.kind === "reset-password" && e.to === "kept@example.com")).toBe(true)
      const reset = await post("reset-password", { token: tokenFrom(s.outbox, "reset-password", "kept@example.com"), password: GOOD_PASSWORD })
      expect(reset.status).toBe(200)
      expect((await s.store.listAccounts!(user.id)).map((a) => a.provider)).toEqual(["acme"])
    })

    it("refuses a profile without an email address", async () => {
      const { location } = await oauthSignIn(auth, "acme", { id: "4", email: null, name: "Nobody" })
      expect(location).toContain("error")
      // next-auth logs the adapter's error (code, then metadata holding the error).
      const logged = s.errors.map((e) => (Array.isArray(e) ? e.map((part) => (part instanceof Error ? part.message : JSON.stringify(part, (_k, v) => (v instanceof Error ? v.message : v)))).join(" ") : String(e)))
      expect(logged.some((line) => line.includes("no email address"))).toBe(true)
    })
  })
}
