/**
 * Account settings on the playground over its account API (`/api/account/*`), with the browser's
 * cookies: the profile shows in the session after next-auth's update(), and a deleted account
 * is signed out everywhere, emailed, and can no longer sign in.
 */
import { createVerifiedAccount, emailTo, expect, sessionOf, signIn, test, uniqueEmail } from "./fixtures"
import { browsers, expectSignedOut, signInOnDashboard } from "./sessions-flow"

const PASSWORD = "harbour-lantern-2291"

test("the profile's name and picture show in the session after update()", async ({ page, request }) => {
  const email = uniqueEmail("profile")
  await createVerifiedAccount(request, { email, password: PASSWORD, name: "Pat Before" })
  await page.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/dashboard")

  const changed = await page.request.post("/api/account/profile", { data: { name: "Pat After", image: "https://images.example.com/pat.png" } })
  expect(changed.status()).toBe(200)
  expect(await changed.json()).toEqual({ user: { email, name: "Pat After", image: "https://images.example.com/pat.png" } })
  const refused = await page.request.post("/api/account/profile", { data: { image: "javascript:alert(1)" } })
  expect(refused.status()).toBe(400)

  // next-auth's update(), as useSession().update() sends it.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string }
  const updated = await page.request.post("/api/auth/session", { data: { csrfToken, data: {} } })
  expect(updated.status()).toBe(200)
  expect((await updated.json()).user).toMatchObject({ name: "Pat After", image: "https://images.example.com/pat.png" })
  expect((await sessionOf(page)).user).toMatchObject({ name: "Pat After" })
})

test("deleting the account signs every browser out, emails the owner, and the password no longer signs in", async ({ browser, baseURL, request, page }) => {
  const email = uniqueEmail("delete")
  await createVerifiedAccount(request, { email, password: PASSWORD })
  const people = browsers(browser, baseURL!)
  try {
    const [a, b] = [await people.open(), await people.open()]
    await signInOnDashboard(a, email, PASSWORD)
    await signInOnDashboard(b, email, PASSWORD)
    const answer = await a.request.post("/api/account/delete-account", { data: {} })
    expect(answer.status()).toBe(200)
    expect(await answer.json()).toEqual({ ok: true })
    await expectSignedOut(a)
    await expectSignedOut(b)
    expect((await emailTo(request, email, "account-deleted")).subject).toContain("was deleted")

    await page.goto("/login?callbackUrl=%2Fdashboard")
    await signIn(page, email, PASSWORD)
    await expect(page).toHaveURL(/\/login/)
    expect(await sessionOf(page)).toEqual({})
  } finally {
    await people.close()
  }
})
