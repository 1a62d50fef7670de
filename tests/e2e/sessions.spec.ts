/**
 * Sessions and devices on the playground (jwt sessions): one person in several browsers, the
 * sessions list of each, and revoking over the account API (`/api/account/sessions*`).
 */
import { createVerifiedAccount, expect, test, uniqueEmail } from "./fixtures"
import { browsers, currentSessionId, expectSignedIn, expectSignedOut, revokeOtherFromTheCard, revokeOverHttp, sessionsOf, signInOnDashboard } from "./sessions-flow"

const PASSWORD = "copper-meadow-5812"

test.describe("given one person signed in in two browsers", () => {
  test("each lists both sessions and itself as current; revoking the other signs it out at its next request, and its old cookie stays signed out", async ({
    browser,
    baseURL,
    request,
  }) => {
    const email = uniqueEmail("sessions")
    await createVerifiedAccount(request, { email, password: PASSWORD })
    const people = browsers(browser, baseURL!)
    try {
      const a = await people.open()
      const b = await people.open()
      await signInOnDashboard(a, email, PASSWORD)
      await signInOnDashboard(b, email, PASSWORD)

      const [listA, listB] = [await sessionsOf(a), await sessionsOf(b)]
      expect(listA).toHaveLength(2)
      expect(listB.map((s) => s.id).sort()).toEqual(listA.map((s) => s.id).sort())
      const [idA, idB] = [await currentSessionId(a), await currentSessionId(b)]
      expect(idA).not.toBe(idB)
      expect(listA.find((s) => s.id === idB)).toMatchObject({ current: false, method: "password", ip: "127.0.0.1", deviceType: "desktop" })

      const cookiesOfB = await b.context().cookies()
      await revokeOverHttp(a, { id: idB }, [b], email)

      // The cookie B had before the revoke, replayed from another browser, revives nothing.
      const replay = await people.open(cookiesOfB)
      await expectSignedOut(replay)
    } finally {
      await people.close()
    }
  })

  test("an id that is not the person's is not found", async ({ browser, baseURL, request }) => {
    const email = uniqueEmail("sessions-other")
    await createVerifiedAccount(request, { email, password: PASSWORD })
    const people = browsers(browser, baseURL!)
    try {
      const a = await people.open()
      await signInOnDashboard(a, email, PASSWORD)
      const response = await a.request.post("/api/account/sessions/revoke", { data: { id: "not-a-session-of-yours" } })
      expect(response.status()).toBe(404)
      expect(await response.json()).toMatchObject({ error: "not_found" })
      await expectSignedIn(a, email)
    } finally {
      await people.close()
    }
  })

  test("revoking the others signs out every other browser and keeps this one", async ({ browser, baseURL, request }) => {
    const email = uniqueEmail("sessions-others")
    await createVerifiedAccount(request, { email, password: PASSWORD })
    const people = browsers(browser, baseURL!)
    try {
      const [a, b, c] = [await people.open(), await people.open(), await people.open()]
      for (const page of [a, b, c]) await signInOnDashboard(page, email, PASSWORD)
      expect(await sessionsOf(a)).toHaveLength(3)
      await revokeOverHttp(a, "others", [b, c], email)
    } finally {
      await people.close()
    }
  })

  test("in Chromium: /account's sessions card lists both, this one marked; signing the other out there ends it at its next request", async ({ browser, baseURL, request }) => {
    const email = uniqueEmail("sessions-card")
    await createVerifiedAccount(request, { email, password: PASSWORD })
    const people = browsers(browser, baseURL!)
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
