/**
 * Two-factor sign-in in the playground, as a person uses it: set up from /account with an
 * authenticator app (the test computes the app's codes from the setup key it shows), sign in
 * with a code, recovery codes, and turning it off; refusals of reused and wrong codes. Turning
 * it on or off ends the user's other sessions; the browser that did it stays signed in.
 */
import type { Page } from "@playwright/test"
import { Secret, TOTP } from "otpauth"
import { createVerifiedAccount, emailTo, expect, expectNoViolations, signIn, test, uniqueEmail } from "./fixtures"

const PASSWORD = "quiet-meadow-5817"

/** The authenticator app's code for `secret`, `steps` periods of 30 s from now. */
const codeOf = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 })

/** From /login: email and password, which ask for the second step. */
async function passwordStep(page: Page, email: string) {
  await page.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(page, email, PASSWORD)
  const form = page.locator('[data-slot="login-form"]')
  await expect(form.getByLabel("Authentication code")).toBeFocused()
  return form
}

async function signOut(page: Page) {
  await page.context().clearCookies()
}

/** Whether `page`'s session still opens /dashboard (else the login page asks to sign in). */
async function expectSignedIn(page: Page, signedIn: boolean) {
  await page.goto("/dashboard")
  if (signedIn) {
    await expect(page).toHaveURL("/dashboard")
    await expect(page.getByText("Signed in as Test User.")).toBeVisible()
  } else {
    await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")
  }
}

test("sets up two-factor, signs in with codes and recovery codes once each, and turns it off", async ({ page, request, anotherBrowser }) => {
  test.setTimeout(60_000)
  const email = uniqueEmail("mfa")
  await createVerifiedAccount(request, { email, password: PASSWORD })
  // Another browser of the same user, signed in before two-factor is turned on.
  const other = await anotherBrowser()
  await other.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(other, email, PASSWORD)
  await expect(other).toHaveURL("/dashboard")
  await page.goto("/login?callbackUrl=%2Faccount")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/account")

  // Set up: the QR code is an image the server drew, with a text alternative and the key.
  const setup = page.locator('[data-slot="mfa-setup"]')
  await expect(setup.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible()
  await setup.getByRole("button", { name: "Set up two-factor authentication" }).click()
  const qr = setup.getByRole("img", { name: /QR code for your authenticator app/ })
  await expect(qr).toHaveAttribute("src", /^data:image\/svg\+xml/)
  const secret = (await setup.locator('[data-slot="mfa-setup-key-value"]').innerText()).replace(/\s+/g, "")
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await expectNoViolations(page)

  const codeField = setup.getByLabel("6-digit code")
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code")
  await expect(codeField).toHaveAttribute("inputmode", "numeric")
  await codeField.fill(codeOf(secret) === "000000" ? "111111" : "000000")
  await setup.getByRole("button", { name: "Turn on" }).click()
  await expect(setup.getByText("That code did not match.", { exact: false })).toBeVisible()
  await expect(codeField).toHaveAttribute("aria-invalid", "true")
  // The other browser is in use right up to the change (a wrong code changes nothing).
  await expectSignedIn(other, true)
  // Pasted with a space, as apps show it.
  const first = codeOf(secret)
  await codeField.fill(`${first.slice(0, 3)} ${first.slice(3)}`)
  await setup.getByRole("button", { name: "Turn on" }).click()

  // The recovery codes: shown once, "Done" only once the user says they are saved.
  const list = setup.getByRole("list", { name: "Save your recovery codes" })
  await expect(list.getByRole("listitem")).toHaveCount(10)
  const recovery = await list.getByRole("listitem").allInnerTexts()
  for (const code of recovery) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/)
  await expect(setup.getByRole("link", { name: "Download" })).toHaveAttribute("download", "recovery-codes.txt")
  const done = setup.getByRole("button", { name: "Done" })
  await expect(done).toBeDisabled()
  await expectNoViolations(page)
  await setup.getByLabel("I have saved my recovery codes").check()
  await done.click()
  await expect(setup).toContainText("Two-factor authentication is on.")
  await emailTo(request, email, "mfa-enabled")

  // Turning it on ended the other browser's session, from its very next page load; this
  // browser got a new cookie and stays signed in.
  await expectSignedIn(other, false)
  await expectSignedIn(page, true)
  await page.reload()
  await expect(page.getByText("Signed in as Test User.")).toBeVisible()

  // A wrong password says nothing of two-factor.
  await signOut(page)
  await page.goto("/login")
  await signIn(page, email, "not-the-password-1")
  let form = page.locator('[data-slot="login-form"]')
  await expect(form.getByRole("alert")).toContainText("Those details did not match")
  await expect(form.getByLabel("Authentication code")).toHaveCount(0)

  // The right one asks for the code, not the password again.
  form = await passwordStep(page, email)
  await expect(form.getByLabel("Authentication code")).toHaveAttribute("autocomplete", "one-time-code")
  await expect(form.getByLabel("Password", { exact: true })).toHaveCount(0)
  await expectNoViolations(page)
  await form.getByLabel("Authentication code").fill("000000" === codeOf(secret, 1) ? "111111" : "000000")
  await form.getByRole("button", { name: "Sign in" }).click()
  await expect(form.getByRole("alert")).toContainText("That code did not work")
  // The next period's code (the one that turned it on is used up).
  const next = codeOf(secret, 1)
  await form.getByLabel("Authentication code").fill(next)
  await form.getByRole("button", { name: "Sign in" }).click()
  await expect(page).toHaveURL("/dashboard")

  // The same code again: refused.
  await signOut(page)
  form = await passwordStep(page, email)
  await form.getByLabel("Authentication code").fill(next)
  await form.getByRole("button", { name: "Sign in" }).click()
  await expect(form.getByRole("alert")).toContainText("That code did not work")

  // A recovery code works once.
  await form.getByRole("button", { name: "Use a recovery code" }).click()
  await form.getByLabel("Recovery code").fill(recovery[0]!.toUpperCase())
  await form.getByRole("button", { name: "Sign in" }).click()
  await expect(page).toHaveURL("/dashboard")
  await signOut(page)
  form = await passwordStep(page, email)
  await form.getByRole("button", { name: "Use a recovery code" }).click()
  await form.getByLabel("Recovery code").fill(recovery[0]!)
  await form.getByRole("button", { name: "Sign in" }).click()
  await expect(form.getByRole("alert")).toContainText("That code did not work")
  await form.getByLabel("Recovery code").fill(recovery[1]!)
  await form.getByRole("button", { name: "Sign in" }).click()
  await expect(page).toHaveURL("/dashboard")

  // The other browser signs in again, with a recovery code.
  const otherForm = await passwordStep(other, email)
  await otherForm.getByRole("button", { name: "Use a recovery code" }).click()
  await otherForm.getByLabel("Recovery code").fill(recovery[2]!)
  await otherForm.getByRole("button", { name: "Sign in" }).click()
  await expect(other).toHaveURL("/dashboard")

  // Off, with the password; then the password alone signs in.
  await page.goto("/account")
  await expect(setup).toContainText("Two-factor authentication is on.")
  await setup.getByLabel("Password", { exact: true }).fill(PASSWORD)
  await setup.getByRole("button", { name: "Turn off two-factor authentication" }).click()
  await expect(setup).toContainText("Two-factor authentication is off.")
  await emailTo(request, email, "mfa-disabled")
  // Turning it off ends the other sessions too; this one stays.
  await expectSignedIn(other, false)
  await expectSignedIn(page, true)
  await signIn(other, email, PASSWORD)
  await expect(other).toHaveURL("/dashboard")
  await signOut(page)
  await page.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/dashboard")
})

test("answers the two-factor endpoints 401 without a session", async ({ request }) => {
  for (const action of ["mfa/setup", "mfa/enable", "mfa/disable"]) {
    expect((await request.post(`/api/account/${action}`, { data: {} })).status()).toBe(401)
  }
})
