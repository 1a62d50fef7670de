/**
 * Account settings on the playground over its account API (`/api/account/*`), with the browser's
 * cookies: the profile shows in the session after next-auth's update(), and a deleted account
 * is signed out everywhere, emailed, and can no longer sign in. Then the same on the settings
 * page (`AccountSettings`): the profile card, the re-authentication prompt before turning
 * two-factor off, and deleting the account with the keyboard.
 */
import { ageSessions, createVerifiedAccount, emailTo, expect, expectNoViolations, sessionOf, signIn, test, turnOnTwoFactor, uniqueEmail } from "./fixtures"
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

// The settings page itself (AccountSettings on /account and /app/account), as a person uses it.

test("edits the profile on /account, and the session shows the new name", async ({ page, request }) => {
  const email = uniqueEmail("profile-ui")
  await createVerifiedAccount(request, { email, password: PASSWORD, name: "Sam Before" })
  await page.goto("/login?callbackUrl=%2Faccount")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/account")
  const profile = page.locator('[data-slot="profile-card"]')
  await expect(profile.getByLabel("Name")).toHaveValue("Sam Before")
  await profile.getByLabel("Name").fill("Sam After")
  await profile.getByLabel("Picture URL").fill("https://images.example.com/sam.png")
  await profile.getByRole("button", { name: "Save profile" }).click()
  await expect(profile.getByRole("status")).toHaveText("Your profile is saved.")
  // update() refreshed the session: the user menu says the new name (a session read racing the
  // update would re-issue the old cookie, so the test reads it only after).
  await expect(page.getByRole("button", { name: /Sam After/ })).toBeVisible()
  expect((await sessionOf(page)).user).toMatchObject({ name: "Sam After", image: "https://images.example.com/sam.png" })
  // A picture that is not https is refused at its field.
  await profile.getByLabel("Picture URL").fill("http://images.example.com/sam.png")
  await profile.getByRole("button", { name: "Save profile" }).click()
  await expect(profile.getByLabel("Picture URL")).toHaveAttribute("aria-invalid", "true")
  await expectNoViolations(page)
})

test("asks to re-authenticate before turning off two-factor, then turns it off", async ({ page, request }) => {
  const email = uniqueEmail("reauth")
  await createVerifiedAccount(request, { email, password: PASSWORD })
  await page.goto("/login?callbackUrl=%2Faccount")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/account")
  // Two-factor on (fresh after the sign-in), then the session grows old.
  await turnOnTwoFactor(page)
  await ageSessions(email)

  await page.reload()
  const twoFactor = page.locator('[data-slot="mfa-setup"]')
  await expect(twoFactor.getByText(/Two-factor authentication is on/)).toBeVisible()
  await twoFactor.getByLabel("Password").fill(PASSWORD)
  await twoFactor.getByRole("button", { name: "Turn off two-factor authentication" }).click()
  const prompt = page.getByRole("dialog", { name: "Confirm it's you" })
  await expect(prompt).toBeVisible()
  await expect(prompt.getByLabel("Password")).toBeFocused()
  await expectNoViolations(page)
  // A wrong password is said at its field; the right one goes on with turning two-factor off.
  await prompt.getByLabel("Password").fill("not-my-password")
  await prompt.getByRole("button", { name: "Continue" }).click()
  await expect(prompt.getByText("This is not your current password.")).toBeVisible()
  await prompt.getByLabel("Password").fill(PASSWORD)
  await prompt.getByRole("button", { name: "Continue" }).click()
  await expect(prompt).toBeHidden()
  await expect(twoFactor.getByText(/Two-factor authentication is off\./)).toBeVisible()
  expect((await emailTo(request, email, "mfa-disabled")).subject).toBeTruthy()
})

test("deletes the account from /app/account with the keyboard after typing the phrase", async ({ page, request }) => {
  const email = uniqueEmail("delete-ui")
  await createVerifiedAccount(request, { email, password: PASSWORD })
  await page.goto("/login?callbackUrl=%2Fapp%2Faccount")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/app/account")
  // The two-factor card comes from the settings the page fetched: the page is hydrated.
  await expect(page.locator('[data-slot="mfa-setup"]')).toBeVisible()
  const card = page.locator('[data-slot="delete-account-card"]')
  const field = card.getByLabel("To confirm, type “delete my account”")
  await field.focus()
  await page.keyboard.type("delete it")
  await page.keyboard.press("Enter")
  await expect(card.getByText("Type the phrase exactly as shown.")).toBeVisible()
  await field.fill("")
  await field.focus()
  await page.keyboard.type("Delete my account")
  await page.keyboard.press("Enter")
  await expect(page).toHaveURL("/app")
  expect(await sessionOf(page)).toEqual({})
  expect((await emailTo(request, email, "account-deleted")).subject).toContain("was deleted")
  await page.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL(/\/login/)
})

test("changes the email through the new address's link; the old address is told, and the new one signs in", async ({ page, request }) => {
  const email = uniqueEmail("old-address")
  const next = uniqueEmail("new-address")
  await createVerifiedAccount(request, { email, password: PASSWORD })
  await page.goto("/login?callbackUrl=%2Faccount")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/account")
  const card = page.locator('[data-slot="email-card"]')
  await expect(card.getByLabel("New email address")).toHaveAccessibleDescription(`You sign in with ${email}.`)
  await card.getByLabel("New email address").fill(next)
  await card.getByRole("button", { name: "Change email" }).click()
  await expect(card.getByRole("status")).toHaveText(`We sent a link to ${next}. Your address changes once you open it and confirm.`)
  expect((await emailTo(request, email, "email-change-requested")).text).toContain(next)

  // Opening the link changes nothing; the page's button does.
  const link = (await emailTo(request, next, "change-email")).url!
  await page.goto(link)
  await expect(page.getByRole("button", { name: "Confirm email address" })).toBeVisible()
  expect((await sessionOf(page)).user?.email).toBe(email)
  await page.getByRole("button", { name: "Confirm email address" }).click()
  await expect(page.getByText(`Your email address is now ${next}.`)).toBeVisible()
  expect((await emailTo(request, email, "email-changed")).subject).toBeTruthy()

  await page.context().clearCookies()
  await page.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL(/\/login/)
  await signIn(page, next, PASSWORD)
  await expect(page).toHaveURL("/dashboard")
})
