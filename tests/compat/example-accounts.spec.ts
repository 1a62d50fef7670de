/**
 * examples/accounts on the packed package, built and served by scripts/compat.mjs, in Chromium:
 * the account page needs a session; a new user signs up, confirms with the link the app's mailer
 * printed (read from the server's log), lands signed in on the account page (whose sessions card
 * lists this browser as "This device"), signs out and signs in again with the password; another
 * adds a passkey (Chromium's virtual authenticator) and signs in with it alone, through the login
 * form's passkey part, a chunk of its own in the app's build. The database is the default
 * `file:.data/app.db`, whose folder did not exist before the first request.
 */
import { readFileSync } from "node:fs"
import { expect, type Page, test } from "@playwright/test"
import { virtualAuthenticator, withoutAutofill } from "../e2e/virtual-authenticator"

const email = `new-${Date.now()}@example.com`
const password = "a long and unusual passphrase"

/** The newest link to `path` in an email to `to` that the app printed, waiting for it to arrive. */
async function linkFor(to: string, path: string): Promise<string> {
  let link: string | undefined
  await expect
    .poll(
      () => {
        const log = readFileSync(process.env.COMPAT_SERVER_LOG!, "utf8")
        const emails = log.split("[email] To: ").filter((email) => email.startsWith(`${to}\n`))
        link = emails.at(-1)?.match(new RegExp(`https?://\\S+${path}\\?token=[\\w-]+`))?.[0]
        return link
      },
      // The email goes out after the answer, once the hash of the password is done.
      { timeout: 30_000 },
    )
    .toBeDefined()
  return link!
}

test("signed out, the account page redirects to the login page", async ({ request }) => {
  const response = await request.get("/account", { maxRedirects: 0 })
  expect(response.status()).toBe(307)
  expect(response.headers().location).toContain("/login?callbackUrl=%2Faccount")
})

/** Signs `email` up from the account page's login redirect and confirms it: signed in on /account. */
async function signUp(page: Page, email: string) {
  await page.goto("/account")
  await page.getByRole("link", { name: "Create account" }).click()
  await expect(page).toHaveURL(/\/signup/)
  await page.getByLabel("Name", { exact: true }).fill("Sam Example")
  await page.getByLabel("Email", { exact: true }).fill(email)
  await page.getByLabel("Password", { exact: true }).fill(password)
  await page.getByRole("button", { name: "Create account" }).click()
  await expect(page.getByText(`We sent an email to ${email}.`)).toBeVisible()

  // Pending until confirmed: the password does not sign in yet.
  const link = await linkFor(email, "/verify-email")
  await page.goto(link)
  await page.getByRole("button", { name: "Confirm email address" }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Signed in as ${email}`)
}

test("sign up, confirm by the emailed link, signed in; then sign out and in with the password", async ({ page }) => {
  await signUp(page, email)
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible()
  // The sessions card lists this browser's session, recorded by the sign-in with the grant.
  await expect(page.getByRole("heading", { name: "Where you are signed in" })).toBeVisible()
  await expect(page.getByText("This device")).toBeVisible()
  await expect(page.getByRole("heading", { name: "Linked accounts" })).toBeVisible()

  await page.context().clearCookies()
  await page.goto("/account")
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
  await page.getByLabel("Email", { exact: true }).fill(email)
  await page.getByLabel("Password", { exact: true }).fill(password)
  await page.getByRole("button", { name: "Sign in", exact: true }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Signed in as ${email}`)
})

test("adds a passkey on the account page, then signs in with it alone", async ({ page }) => {
  await virtualAuthenticator(page)
  // The button, not the autofill (which the virtual authenticator would answer by itself).
  await withoutAutofill(page)
  const passkeyUser = `passkey-${Date.now()}@example.com`
  await signUp(page, passkeyUser)
  // Signed in a moment ago: fresh enough to add one without confirming again.
  await page.getByRole("button", { name: "Add a passkey" }).click()
  await expect(page.getByText("Never used")).toBeVisible()

  await page.context().clearCookies()
  await page.goto("/account")
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/)
  await page.getByRole("button", { name: "Sign in with a passkey" }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Signed in as ${passkeyUser}`)
})

test("the API answers JSON errors: a malformed body, an unknown action", async ({ request }) => {
  const malformed = await request.post("/api/account/signup", { headers: { "content-type": "application/json" }, data: "{" })
  expect(malformed.status()).toBe(400)
  expect(((await malformed.json()) as { error: string }).error).toBe("invalid_input")
  const unknown = await request.post("/api/account/nothing-here", { data: {} })
  expect(unknown.status()).toBe(404)
})
