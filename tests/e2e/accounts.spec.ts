/**
 * The account lifecycle in the playground, as a person uses it: sign-up, the emailed links (read
 * from the dev outbox), reset and change of password, and what must not leak or be reusable.
 *
 * Every test has a client IP of its own (`X-Forwarded-For`, see `test` in ./fixtures) and new
 * addresses, so that rate limits and emails of one test never reach another, nor another run.
 */
import type { Page } from "@playwright/test"
import {
  createVerifiedAccount,
  emailsTo,
  emailTo,
  expect,
  expectNoViolations,
  expireLinks,
  signIn,
  test,
  uniqueEmail,
} from "./fixtures"

const PASSWORD = "violet-harbor-7341"
const NEW_PASSWORD = "amber-lantern-2209"
const TOKEN_LINK = /^http:\/\/127\.0\.0\.1:3100\/(verify-email|reset-password)\?token=[\w-]{43}$/

/** Signs `page` in as `email` through /login, landing on /dashboard. */
async function signedInOnDashboard(page: Page, email: string, password: string) {
  await page.goto("/login?callbackUrl=%2Fdashboard")
  await signIn(page, email, password)
  await expect(page).toHaveURL("/dashboard")
  return page
}

/**
 * The answer of the page's next request to an account endpoint, as `{ status, body }`. The
 * body only of an error: the forms never read a success's body, and Chromium then never
 * finishes loading it.
 */
function answerOf(page: Page, action: string) {
  return page
    .waitForResponse((response) => new URL(response.url()).pathname === `/api/account/${action}`)
    .then(async (response) => ({
      status: response.status(),
      body: response.ok() ? undefined : ((await response.json()) as Record<string, unknown>),
    }))
}

async function setNewPassword(page: Page, password: string, confirmation = password) {
  const main = page.getByRole("main")
  await main.getByLabel("New password", { exact: true }).fill(password)
  await main.getByLabel("Confirm new password", { exact: true }).fill(confirmation)
  await main.getByRole("button", { name: "Set a new password" }).click()
}

test.describe("given a visitor without an account", () => {
  test("signs up, confirms the address from the outbox, signs in and lands where callbackUrl said", async ({ page, request }) => {
    const email = uniqueEmail("signup")
    await page.goto("/dashboard")
    await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")
    await page.locator('[data-slot="login-form"]').getByRole("link", { name: "Create account" }).click()
    await expect(page).toHaveURL("/signup")

    const main = page.getByRole("main")
    await expect(main.getByRole("heading", { level: 1, name: "Create account" })).toBeVisible()
    await main.getByLabel("Name", { exact: true }).fill("Sam Signup")
    await main.getByLabel("Email", { exact: true }).fill(email)
    await main.getByLabel("Password", { exact: true }).fill(PASSWORD)
    const answer = answerOf(page, "signup")
    await main.getByRole("button", { name: "Create account" }).click()
    expect((await answer).status).toBe(202)
    await expect(main.getByRole("status")).toHaveText(`We sent an email to ${email}. Open the link in it to confirm your address.`)

    const mail = await emailTo(request, email, "verify-email")
    expect(mail.url).toMatch(TOKEN_LINK)
    expect(mail.text).toContain(mail.url)
    await page.goto(mail.url)
    await expect(main.getByRole("status")).toContainText("Your email is confirmed. You can sign in now.")
    await expect(main.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")

    // Back to the page the visitor wanted first: the login page keeps it as callbackUrl.
    await page.goto("/dashboard")
    await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")
    await signIn(page, email, PASSWORD)
    await expect(page).toHaveURL("/dashboard")
    await expect(page.getByText("Signed in as Sam Signup.")).toBeVisible()
  })

  test("signs up by keyboard alone", async ({ page, request }) => {
    const email = uniqueEmail("keyboard")
    await page.goto("/signup")
    const main = page.getByRole("main")
    const name = main.getByLabel("Name", { exact: true })
    for (let i = 0; i < 30 && !(await name.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab")
    }
    await expect(name).toBeFocused()
    await page.keyboard.type("Kim Keyboard")
    await page.keyboard.press("Tab")
    await expect(main.getByLabel("Email", { exact: true })).toBeFocused()
    await page.keyboard.type(email)
    await page.keyboard.press("Tab")
    await expect(main.getByLabel("Password", { exact: true })).toBeFocused()
    await page.keyboard.type(PASSWORD)
    // The show/hide toggle comes next, then the button.
    await page.keyboard.press("Tab")
    await expect(main.getByRole("button", { name: "Show password" })).toBeFocused()
    await page.keyboard.press("Tab")
    await expect(main.getByRole("button", { name: "Create account" })).toBeFocused()
    await page.keyboard.press("Enter")
    // The answer takes the focus, so a screen reader reads it at once.
    const done = main.locator('[data-slot="sign-up-form-done"]')
    await expect(done).toBeFocused()
    await expect(done).toHaveText(`We sent an email to ${email}. Open the link in it to confirm your address.`)
    await emailTo(request, email, "verify-email")
  })

  test("an unconfirmed address gets EmailNotVerified on /login, and sends the link again", async ({ page, request }) => {
    const email = uniqueEmail("unverified")
    const signUp = await request.post("/api/account/signup", { data: { email, password: PASSWORD } })
    expect(signUp.status()).toBe(202)
    await emailTo(request, email, "verify-email")

    await page.goto("/login")
    const error = page.locator('[data-slot="login-form-error"]')
    // A wrong password says nothing about the account.
    await signIn(page, email, "not-the-password")
    await expect(error).toHaveText("Those details did not match. Check them and try again.")
    await expect(page.getByRole("button", { name: "Send the link again" })).toHaveCount(0)

    await signIn(page, email, PASSWORD)
    await expect(error).toContainText("Confirm your email address first: open the link we sent you.")
    await expect(page).toHaveURL("/login")
    await expectNoViolations(page)

    const answer = answerOf(page, "resend-verification")
    await error.getByRole("button", { name: "Send the link again" }).click()
    expect((await answer).status).toBe(202)
    await expect(error).toContainText("If the address needs it, we sent a new link. Check your inbox.")
    await expectNoViolations(page)

    // The newest of the two links confirms the address.
    const mail = await emailTo(request, email, "verify-email", { count: 2 })
    await page.goto(mail.url)
    await expect(page.getByRole("main").getByRole("status")).toContainText("Your email is confirmed.")
    await page.goto("/login?callbackUrl=%2Fdashboard")
    await signIn(page, email, PASSWORD)
    await expect(page).toHaveURL("/dashboard")
  })
})

test.describe("given an account whose password is forgotten", () => {
  test("resets it from the outbox: the old password fails, the new one works, the other browser is signed out", async ({
    page,
    request,
    anotherBrowser,
  }) => {
    const email = uniqueEmail("reset")
    await createVerifiedAccount(request, { email, password: PASSWORD })
    const other = await signedInOnDashboard(await anotherBrowser(), email, PASSWORD)

    await page.goto("/login")
    await page.locator('[data-slot="login-form"]').getByRole("link", { name: "Forgot password?" }).click()
    await expect(page).toHaveURL("/forgot-password")
    const main = page.getByRole("main")
    await main.getByLabel("Email", { exact: true }).fill(email)
    await main.getByRole("button", { name: "Email me a reset link" }).click()
    await expect(main.getByRole("status")).toHaveText(`If an account uses ${email}, we sent it a link to reset the password.`)

    const mail = await emailTo(request, email, "reset-password")
    expect(mail.url).toMatch(TOKEN_LINK)
    await page.goto(mail.url)
    await expect(main.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible()
    // The other browser is in use right up to the reset.
    await other.reload()
    await expect(other.getByText("Signed in as Test User.")).toBeVisible()
    const answer = answerOf(page, "reset-password")
    await setNewPassword(page, NEW_PASSWORD)
    expect((await answer).status).toBe(200)
    await expect(main.getByRole("status")).toContainText("Your password is changed, and you are signed out everywhere.")
    await emailTo(request, email, "password-changed")

    // The session signed in before the reset has ended, from its very next page load.
    await other.goto("/dashboard")
    await expect(other).toHaveURL("/login?callbackUrl=%2Fdashboard")

    await page.goto("/login?callbackUrl=%2Fdashboard")
    await signIn(page, email, PASSWORD)
    await expect(page.locator('[data-slot="login-form-error"]')).toHaveText("Those details did not match. Check them and try again.")
    await signIn(page, email, NEW_PASSWORD)
    await expect(page).toHaveURL("/dashboard")
  })

  test("a used link is refused, for verification and for reset", async ({ page, request }) => {
    const email = uniqueEmail("used")
    const main = page.getByRole("main")
    await request.post("/api/account/signup", { data: { email, password: PASSWORD } })
    const verify = await emailTo(request, email, "verify-email")
    await page.goto(verify.url)
    await expect(main.getByRole("status")).toContainText("Your email is confirmed.")

    let answer = answerOf(page, "verify-email")
    await page.goto(verify.url)
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "used" } })
    await expect(main.getByRole("status")).toHaveText("This link is invalid or has expired.")
    await expectNoViolations(page)

    await request.post("/api/account/forgot-password", { data: { email } })
    const reset = await emailTo(request, email, "reset-password")
    await page.goto(reset.url)
    await setNewPassword(page, NEW_PASSWORD)
    await expect(main.getByRole("status")).toContainText("Your password is changed")

    await page.goto(reset.url)
    answer = answerOf(page, "reset-password")
    await setNewPassword(page, "third-password-5150")
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "used" } })
    await expect(main.getByRole("alert")).toContainText("This link is invalid or has expired.")
    await expectNoViolations(page)

    // The second use changed nothing.
    await page.goto("/login")
    await signIn(page, email, NEW_PASSWORD)
    await expect(page).toHaveURL("/")
  })

  test("an expired link is refused, for verification and for reset, with a way to a new one", async ({ page, request }) => {
    const email = uniqueEmail("expired")
    const main = page.getByRole("main")
    await request.post("/api/account/signup", { data: { email, password: PASSWORD } })
    const verify = await emailTo(request, email, "verify-email")
    await expireLinks(email, "verify-email")
    let answer = answerOf(page, "verify-email")
    await page.goto(verify.url)
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "expired" } })
    await expect(main.getByRole("status")).toHaveText("This link is invalid or has expired.")

    // The page asks for a new link; it works.
    await main.getByLabel("Email", { exact: true }).fill(email)
    await main.getByRole("button", { name: "Send a new link" }).click()
    await expect(main.getByRole("status").last()).toHaveText("If the address needs it, we sent a new link. Check your inbox.")
    await expectNoViolations(page)
    const fresh = await emailTo(request, email, "verify-email", { count: 2 })
    await page.goto(fresh.url)
    await expect(main.getByRole("status")).toContainText("Your email is confirmed.")

    await request.post("/api/account/forgot-password", { data: { email } })
    const reset = await emailTo(request, email, "reset-password")
    await expireLinks(email, "reset-password")
    await page.goto(reset.url)
    answer = answerOf(page, "reset-password")
    await setNewPassword(page, NEW_PASSWORD)
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "expired" } })
    await expect(main.getByRole("alert")).toContainText("This link is invalid or has expired.")
    await main.getByRole("link", { name: "Request a new link" }).click()
    await expect(page).toHaveURL("/forgot-password")

    // The password is still the old one.
    await page.goto("/login")
    await signIn(page, email, PASSWORD)
    await expect(page).toHaveURL("/")
  })
})

test.describe("no account enumeration", () => {
  test("forgot-password answers a known and an unknown address alike; only the known one gets an email", async ({ request }) => {
    const known = uniqueEmail("known")
    const unknown = uniqueEmail("unknown")
    await createVerifiedAccount(request, { email: known, password: PASSWORD })

    const forUnknown = await request.post("/api/account/forgot-password", { data: { email: unknown } })
    const forKnown = await request.post("/api/account/forgot-password", { data: { email: known } })
    const answer = async (response: typeof forKnown) => ({
      status: response.status(),
      body: await response.text(),
      type: response.headers()["content-type"],
      cache: response.headers()["cache-control"],
    })
    expect(await answer(forUnknown)).toEqual(await answer(forKnown))
    expect(forKnown.status()).toBe(202)
    expect(await forKnown.json()).toEqual({ ok: true })

    // The unknown address's request came first: by the time the known one's email is out, an
    // email to the unknown address would be too.
    await emailTo(request, known, "reset-password")
    expect(await emailsTo(request, unknown, "reset-password")).toEqual([])
  })

  test("sign-up answers a taken and a new address alike; the owner of the taken one is told by email", async ({ page, request }) => {
    const taken = uniqueEmail("taken")
    const fresh = uniqueEmail("fresh")
    await createVerifiedAccount(request, { email: taken, password: PASSWORD, name: "Olive Owner" })

    const forNew = await request.post("/api/account/signup", { data: { email: fresh, password: NEW_PASSWORD } })
    const forTaken = await request.post("/api/account/signup", { data: { email: taken, password: NEW_PASSWORD } })
    const answer = async (response: typeof forNew) => ({
      status: response.status(),
      body: await response.text(),
      type: response.headers()["content-type"],
      cache: response.headers()["cache-control"],
    })
    expect(await answer(forTaken)).toEqual(await answer(forNew))
    expect(forTaken.status()).toBe(202)

    // The form says the same for a taken address as for a new one.
    await page.goto("/signup")
    const main = page.getByRole("main")
    await main.getByLabel("Email", { exact: true }).fill(taken)
    await main.getByLabel("Password", { exact: true }).fill("someone-else-8080")
    await main.getByRole("button", { name: "Create account" }).click()
    await expect(main.getByRole("status")).toHaveText(`We sent an email to ${taken}. Open the link in it to confirm your address.`)

    await emailTo(request, fresh, "verify-email")
    const notice = await emailTo(request, taken, "signup-attempt", { count: 2 })
    expect(notice.subject).toBeTruthy()
    expect(notice.url).toBe("http://127.0.0.1:3100/login")
    // No new verification link for the taken address, and its password is the owner's still.
    expect(await emailsTo(request, taken, "verify-email")).toHaveLength(1)
    await page.goto("/login?callbackUrl=%2Fdashboard")
    await signIn(page, taken, PASSWORD)
    await expect(page.getByText("Signed in as Olive Owner.")).toBeVisible()
  })
})

test("forgot-password past the limit for an address says so in the form", async ({ page, request }) => {
  const email = uniqueEmail("limited")
  // The limit per address is 5 an hour (DEFAULT_RATE_LIMITS.email).
  for (let i = 0; i < 5; i++) {
    expect((await request.post("/api/account/forgot-password", { data: { email } })).status()).toBe(202)
  }
  await page.goto("/forgot-password")
  const main = page.getByRole("main")
  await main.getByLabel("Email", { exact: true }).fill(email)
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/account/forgot-password")
  await main.getByRole("button", { name: "Email me a reset link" }).click()
  const limited = await response
  expect(limited.status()).toBe(429)
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(3000)
  expect(await limited.json()).toMatchObject({ error: "rate_limited" })
  const alert = main.locator('[data-slot="forgot-password-form-error"]')
  await expect(alert).toHaveText("Too many attempts. Try again in 60 minutes.")
  await expect(alert).toHaveAttribute("role", "alert")
  await expect(alert).toBeFocused()
  await expectNoViolations(page)
})

test.describe("given a signed-in user on /account", () => {
  test("a signed-out visitor is sent to /login and back", async ({ page }) => {
    await page.goto("/account")
    await expect(page).toHaveURL("/login?callbackUrl=%2Faccount")
  })

  test("changes the password: this browser stays signed in, the other one is signed out", async ({ page, request, anotherBrowser }) => {
    const email = uniqueEmail("change")
    await createVerifiedAccount(request, { email, password: PASSWORD, name: "Cleo Change" })
    const other = await signedInOnDashboard(await anotherBrowser(), email, PASSWORD)

    await page.goto("/login?callbackUrl=%2Faccount")
    await signIn(page, email, PASSWORD)
    await expect(page).toHaveURL("/account")
    const main = page.getByRole("main")
    await expect(main.getByRole("heading", { level: 2, name: "Change password" })).toBeVisible()
    await expectNoViolations(page)

    const current = main.getByLabel("Current password", { exact: true })
    const fill = async (currentPassword: string, password: string, confirmation = password) => {
      await current.fill(currentPassword)
      await main.getByLabel("New password", { exact: true }).fill(password)
      await main.getByLabel("Confirm new password", { exact: true }).fill(confirmation)
      await main.getByRole("button", { name: "Change password" }).click()
    }

    // Checked in the browser first: nothing is posted.
    await fill(PASSWORD, NEW_PASSWORD, "something-else-1")
    await expect(main.getByLabel("Confirm new password", { exact: true })).toHaveAccessibleDescription("The passwords do not match.")
    await expectNoViolations(page)

    let answer = answerOf(page, "change-password")
    await fill("not-my-password", NEW_PASSWORD)
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { currentPassword: "mismatch" } } })
    await expect(current).toHaveAttribute("aria-invalid", "true")
    await expect(current).toHaveAccessibleDescription("This is not your current password.")
    await expectNoViolations(page)

    // The other browser is in use right up to the change.
    await other.reload()
    await expect(other.getByText("Signed in as Cleo Change.")).toBeVisible()
    answer = answerOf(page, "change-password")
    await fill(PASSWORD, NEW_PASSWORD)
    expect((await answer).status).toBe(200)
    await expect(main.getByRole("status")).toHaveText("Your password is changed.")
    // The other browser's very next page load: signed out.
    await other.goto("/dashboard")
    await expect(other).toHaveURL("/login?callbackUrl=%2Fdashboard")
    await expectNoViolations(page)

    // This browser got a new cookie and stays signed in; the other signs in with the new password.
    await page.goto("/dashboard")
    await expect(page.getByText("Signed in as Cleo Change.")).toBeVisible()
    await signIn(other, email, NEW_PASSWORD)
    await expect(other).toHaveURL("/dashboard")
  })
})

test.describe("accessibility (axe) of the account pages", () => {
  test("/signup, with the browser's and the server's field errors", async ({ page }) => {
    await page.goto("/signup")
    const main = page.getByRole("main")
    await expect(main.getByRole("heading", { level: 1, name: "Create account" })).toBeVisible()
    await expectNoViolations(page)

    await main.getByRole("button", { name: "Create account" }).click()
    await expect(main.locator('[data-slot="sign-up-form-error"]')).toHaveText("Check the marked fields.")
    await expect(main.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true")
    await expectNoViolations(page)

    const password = main.getByLabel("Password", { exact: true })
    await main.getByLabel("Email", { exact: true }).fill(uniqueEmail("common"))
    await password.fill("password123")
    const answer = answerOf(page, "signup")
    await main.getByRole("button", { name: "Create account" }).click()
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_input", fields: { password: "too_common" } } })
    await expect(password).toHaveAttribute("aria-invalid", "true")
    await expect(password).toHaveAccessibleDescription(/too common/)
    await expectNoViolations(page)
  })

  test("/forgot-password, empty, with a field error, and done", async ({ page }) => {
    await page.goto("/forgot-password")
    const main = page.getByRole("main")
    await expect(main.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible()
    await expectNoViolations(page)
    await main.getByLabel("Email", { exact: true }).fill("not-an-address")
    await main.getByRole("button", { name: "Email me a reset link" }).click()
    await expect(main.getByLabel("Email", { exact: true })).toHaveAccessibleDescription(/Enter an email address/)
    await expectNoViolations(page)
    await main.getByLabel("Email", { exact: true }).fill(uniqueEmail("nobody"))
    await main.getByRole("button", { name: "Email me a reset link" }).click()
    await expect(main.getByRole("status")).toContainText("we sent it a link")
    await expectNoViolations(page)
  })

  test("/verify-email without a token and with an unknown one", async ({ page }) => {
    const main = page.getByRole("main")
    await page.goto("/verify-email")
    await expect(main.getByRole("status")).toHaveText("This link is invalid or has expired.")
    await expectNoViolations(page)
    const answer = answerOf(page, "verify-email")
    await page.goto(`/verify-email?token=${"x".repeat(43)}`)
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "unknown" } })
    await expect(main.getByRole("status")).toHaveText("This link is invalid or has expired.")
    await expectNoViolations(page)
  })

  test("/reset-password without a token, with a mismatch, and with an unknown token", async ({ page }) => {
    const main = page.getByRole("main")
    await page.goto("/reset-password")
    await expect(main.getByRole("alert")).toContainText("This link is invalid or has expired.")
    await expectNoViolations(page)

    await page.goto(`/reset-password?token=${"x".repeat(43)}`)
    await expect(main.getByRole("heading", { level: 1, name: "Set a new password" })).toBeVisible()
    await expectNoViolations(page)
    await setNewPassword(page, NEW_PASSWORD, "does-not-match-1")
    await expect(main.getByLabel("Confirm new password", { exact: true })).toHaveAccessibleDescription("The passwords do not match.")
    await expectNoViolations(page)

    const answer = answerOf(page, "reset-password")
    await setNewPassword(page, NEW_PASSWORD)
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "unknown" } })
    await expect(main.getByRole("alert")).toContainText("This link is invalid or has expired.")
    await expectNoViolations(page)
  })

  test("/dev/outbox", async ({ page, request }) => {
    const email = uniqueEmail("outbox")
    await request.post("/api/account/signup", { data: { email, password: PASSWORD } })
    const { url } = await emailTo(request, email, "verify-email")
    await page.goto("/dev/outbox")
    await expect(page.getByRole("heading", { level: 1, name: "Dev outbox" })).toBeVisible()
    // Newest first, its link clickable.
    await expect(page.getByRole("listitem").first()).toContainText(email)
    await expect(page.getByRole("link", { name: url })).toHaveAttribute("href", url)
    await expectNoViolations(page)
  })
})
