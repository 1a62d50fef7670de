/**
 * The revoke flow of sessions.spec.ts against the second server of playwright.config.ts: the
 * same build and database under next-auth's database strategy (PLAYGROUND_SESSIONS=database),
 * where the session cookie is an opaque id of a row in the kit's store (its adapter).
 */
import { createVerifiedAccount, DATABASE_SESSIONS_URL, expect, test, uniqueEmail } from "./fixtures"
import { browsers, currentSessionId, expectSignedIn, expectSignedOut, revokeOtherFromTheCard, revokeOverHttp, sessionsOf, signInOnDashboard } from "./sessions-flow"

const PASSWORD = "walnut-signal-4470"

test.describe("given database sessions and one person signed in in two browsers", () => {
  test("revoking the other signs it out at its next request, its old cookie stays signed out, and revoking the others keeps this one", async ({
    browser,
    request,
  }) => {
    test.slow() // four browsers sign in
    const email = uniqueEmail("database-sessions")
    await createVerifiedAccount(request, { email, password: PASSWORD })
    const people = browsers(browser, DATABASE_SESSIONS_URL)
    try {
      const a = await people.open()
      const b = await people.open()
      await signInOnDashboard(a, email, PASSWORD)
      await signInOnDashboard(b, email, PASSWORD)

      // An opaque session id, not next-auth's encrypted JWT (five dot-separated parts).
      const cookiesOfB = await b.context().cookies()
      const token = cookiesOfB.find((cookie) => cookie.name === "next-auth.session-token")
      expect(token?.value).toMatch(/^[^.]+$/)

      const listA = await sessionsOf(a)
      expect(listA).toHaveLength(2)
      const [idA, idB] = [await currentSessionId(a), await currentSessionId(b)]
      expect(idA).not.toBe(idB)
      expect((await sessionsOf(b)).map((s) => s.id).sort()).toEqual(listA.map((s) => s.id).sort())

      await revokeOverHttp(a, { id: idB }, [b], email)

      const replay = await people.open(cookiesOfB)
      await expectSignedOut(replay)

      // Two more browsers, then revoke-others from the first.
      const [c, d] = [await people.open(), await people.open()]
      await signInOnDashboard(c, email, PASSWORD)
      await signInOnDashboard(d, email, PASSWORD)
      expect(await sessionsOf(a)).toHaveLength(3)
      await revokeOverHttp(a, "others", [c, d], email)
    } finally {
      await people.close()
    }
  })

  test("in Chromium: /account's sessions card lists both, this one marked; signing the other out there ends it at its next request", async ({ browser, request }) => {
    const email = uniqueEmail("db-card")
    await createVerifiedAccount(request, { email, password: PASSWORD })
    const people = browsers(browser, DATABASE_SESSIONS_URL)
    try {
      const [a, b] = [await people.open(), await people.open()]
      await signInOnDashboard(a, email, PASSWORD)
      await signInOnDashboard(b, email, PASSWORD)
      await revokeOtherFromTheCard(a)
      await expectSignedOut(b)
      await expectSignedIn(a, email)
    } finally {
      await people.close()
    }
  })
})
