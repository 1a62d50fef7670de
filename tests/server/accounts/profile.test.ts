/**
 * `profile`, served for real: the name and picture change in the store at once, and the session
 * shows them after next-auth's `update()` (its POST to /api/auth/session), not before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccountEmail, createAuthKit, memoryAccountStore } from "../../../src/server"
import { CookieJar, SECRET } from "../harness"
import { BASE_URL, cheapHasher, GOOD_PASSWORD } from "./helpers"
import { call, nextAuthSession, type ServedKit, serveKit, signInWithCredentials } from "./served-kit"

const store = memoryAccountStore()
const kit = createAuthKit({
  loginPath: "/login",
  authOptions: { secret: SECRET, session: { strategy: "jwt" as const }, providers: [] },
  onError: () => {},
  accounts: { store, sendEmail: async (_email: AccountEmail) => {}, baseUrl: BASE_URL, hasher: cheapHasher },
})

/** next-auth's `update()`: POST /api/auth/session with the CSRF token; answers the session. */
async function update(served: ServedKit, cookie: string) {
  const csrf = await fetch(`${served.auth}/api/auth/csrf`, { headers: { cookie } })
  const jar = new CookieJar().apply(csrf.headers.getSetCookie())
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await fetch(`${served.auth}/api/auth/session`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${jar.header()}` },
    body: new URLSearchParams({ csrfToken }),
  })
  expect(response.status).toBe(200)
  const renewed = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("next-auth.session-token="))
  return { session: (await response.json()) as { user?: { name?: string | null; image?: string | null } }, cookie: renewed ?? cookie }
}

describe("profile", () => {
  let served: ServedKit
  let cookie: string
  beforeAll(async () => {
    served = await serveKit(kit)
    await store.createUser({ email: "ada@example.com", name: "Ada", passwordHash: await cheapHasher.hash(GOOD_PASSWORD), emailVerified: new Date(), roles: [] })
    cookie = await signInWithCredentials(served, { email: "ada@example.com", password: GOOD_PASSWORD })
  })
  afterAll(() => served.close())

  it("changes the name and picture, answers the user, and the session shows them after update()", async () => {
    const answer = await call(served, "POST", "profile", { name: "  Ada\nLovelace ", image: "https://images.example.com/ada.png" }, cookie)
    expect(answer).toMatchObject({ status: 200, body: { user: { email: "ada@example.com", name: "Ada Lovelace", image: "https://images.example.com/ada.png" } } })
    expect(await store.findUserByEmail("ada@example.com")).toMatchObject({ name: "Ada Lovelace", image: "https://images.example.com/ada.png" })
    // The cookie carries the old name until the client asks next-auth to update it.
    expect((await nextAuthSession(served, cookie)).user).toMatchObject({ name: "Ada" })
    const updated = await update(served, cookie)
    expect(updated.session.user).toMatchObject({ name: "Ada Lovelace", image: "https://images.example.com/ada.png" })
    expect((await nextAuthSession(served, updated.cookie)).user).toMatchObject({ name: "Ada Lovelace", image: "https://images.example.com/ada.png" })
    cookie = updated.cookie
  })

  it("leaves out what is not sent, and clears the picture with null or an empty string", async () => {
    expect((await call(served, "POST", "profile", { image: "" }, cookie)).body).toMatchObject({ user: { name: "Ada Lovelace", image: null } })
    expect((await call(served, "POST", "profile", { name: null }, cookie)).body).toMatchObject({ user: { name: null, image: null } })
    expect((await call(served, "POST", "profile", {}, cookie)).body).toMatchObject({ user: { name: null, image: null } })
  })

  it("refuses a picture that is not an https URL (or has credentials, or is too long) and a name that is not text or too long, changing nothing", async () => {
    await call(served, "POST", "profile", { name: "Ada", image: "https://images.example.com/a.png" }, cookie)
    for (const image of ["http://images.example.com/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "https://user:pw@images.example.com/a.png", "/a.png", 42]) {
      expect(await call(served, "POST", "profile", { image }, cookie), String(image)).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { image: "invalid" } } })
    }
    expect((await call(served, "POST", "profile", { image: `https://images.example.com/${"a".repeat(2100)}` }, cookie)).body).toMatchObject({ fields: { image: "too_long" } })
    expect((await call(served, "POST", "profile", { name: 7 }, cookie)).body).toMatchObject({ fields: { name: "invalid" } })
    expect((await call(served, "POST", "profile", { name: "a".repeat(101), image: "https://images.example.com/b.png" }, cookie)).body).toMatchObject({ fields: { name: "too_long" } })
    expect(await store.findUserByEmail("ada@example.com")).toMatchObject({ name: "Ada", image: "https://images.example.com/a.png" })
  })

  it("answers 401 signed out and 405 to GET", async () => {
    expect((await call(served, "POST", "profile", { name: "Eve" })).status).toBe(401)
    expect((await call(served, "GET", "profile", undefined, cookie)).status).toBe(405)
  })
})
