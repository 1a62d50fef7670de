/**
 * The account lifecycle in the playground, as a person uses it: sign-up (pending until the
 * address is confirmed with the button of the emailed link, which then signs that browser in),
 * the emailed links (read from the dev outbox), reset and change of password, and what must not
 * leak or be reusable.
 *
 * Every test uses new addresses and starts with fresh rate-limit windows (see `test` in
 * ./fixtures), so that the limits and emails of one test never reach another, nor another run.
 */
import type { Page, Request } from "@playwright/test"
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
const WRONG_DETAILS = "Those details did not match. Check them and try again."
const RESEND_OFFER = "Didn't get the confirmation email? Send it again"
const RESENT = "If the address needs it, we sent a new link. Check your inbox."
const INVALID_LINK = "This link is invalid or has expired."

/** An emailed link of the playground: its own origin, the page, a 32-byte token. */
const tokenLink = (baseURL: string | undefined, page: "verify-email" | "reset-password") =>
  new RegExp(`^${new URL(baseURL!).origin.replace(/[.]/g, "\\.")}/${page}\\?token=[\\w-]{43}$`)

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

/** Every request the page sends to an account endpoint from now on: a list that fills itself. */
function requestsTo(page: Page, action: string): Request[] {
  const seen: Request[] = []
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/api/account/${action}`) seen.push(request)
  })
  return seen
}

/**
 * Opens a confirmation link and waits until the page is ready for a person: hydrated (the
 * page takes the token out of the address bar once it read it) and quiet (no request in
 * flight), so that anything the page would do by itself on load has been done.
 */
async function openConfirmationLink(page: Page, url: string) {
  await page.goto(url)
  await expect(page).toHaveURL("/verify-email")
  await page.waitForLoadState("networkidle")
  const main = page.getByRole("main")
  await expect(main.getByRole("heading", { level: 1, name: "Confirm your email" })).toBeVisible()
  return main.getByRole("button", { name: "Confirm email address" })
}

/** On the home page, signed in as `name` (the page greets the session's user). */
async function expectSignedInAtHome(page: Page, name: string) {
  await expect(page).toHaveURL("/")
  await expect(page.getByText(`Welcome back, ${name}.`)).toBeVisible()
}

/** The login form's refusal after a sign-in: the answer's status, the message, its code. */
async function refusalOf(page: Page, email: string, password: string) {
  await page.goto("/login")
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/callback/credentials")
  await signIn(page, email, password)
  const status = (await answer).status()
  const error = page.locator('[data-slot="login-form-error"]')
  await expect(error).toContainText(WRONG_DETAILS)
  await expect(page).toHaveURL("/login")
  return { status, text: await error.textContent(), code: await error.getAttribute("data-error") }
}

async function setNewPassword(page: Page, password: string, confirmation = password) {
  const main = page.getByRole("main")
  await main.getByLabel("New password", { exact: true }).fill(password)
  await main.getByLabel("Confirm new password", { exact: true }).fill(confirmation)
  await main.getByRole("button", { name: "Set a new password" }).click()
}

test.describe("given a visitor without an account", () => {
  test("signs up, opens the emailed link, which confirms nothing until its button is pressed, and is then signed in without the password", async ({
    page,
    request,
    baseURL,
    anotherBrowser,
  }) => {
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
    expect(mail.url).toMatch(tokenLink(baseURL, "verify-email"))
    expect(mail.text).toContain(mail.url)

    // A mail client's link scanner fetches the link: that confirms nothing.
    expect((await request.get(mail.url)).status()).toBe(200)
    // Opening the link shows the button and sends nothing by itself.
    const posts = requestsTo(page, "verify-email")
    const confirm = await openConfirmationLink(page, mail.url)
    await expect(confirm).toBeEnabled()
    expect(posts).toEqual([])
    await expect(main.getByRole("status")).toHaveText("")
    await expectNoViolations(page)

    // Not confirmed yet: the password signs nobody in, with the message a wrong one gets.
    const other = await anotherBrowser()
    await other.goto("/login?callbackUrl=%2Fdashboard")
    await signIn(other, email, PASSWORD)
    await expect(other.locator('[data-slot="login-form-error"]')).toContainText(WRONG_DETAILS)
    await expect(other).toHaveURL("/login?callbackUrl=%2Fdashboard")

    // The button confirms, and this browser is signed in without typing the password.
    const confirmed = answerOf(page, "verify-email")
    await confirm.click()
    expect((await confirmed).status).toBe(200)
    await expectSignedInAtHome(page, "Sam Signup")
    expect(posts).toHaveLength(1)
    await page.goto("/dashboard")
    await expect(page).toHaveURL("/dashboard")
    await expect(page.getByText("Signed in as Sam Signup.")).toBeVisible()

    // From now on the password works too, back to the page the other browser wanted.
    await signIn(other, email, PASSWORD)
    await expect(other).toHaveURL("/dashboard")
    await expect(other.getByText("Signed in as Sam Signup.")).toBeVisible()
  })

  test("signs up and confirms by keyboard alone", async ({ page, request }) => {
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

    const { url } = await emailTo(request, email, "verify-email")
    const confirm = await openConfirmationLink(page, url)
    for (let i = 0; i < 30 && !(await confirm.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab")
    }
    await expect(confirm).toBeFocused()
    await page.keyboard.press("Enter")
    await expectSignedInAtHome(page, "Kim Keyboard")
  })

  test("an unconfirmed address is refused exactly like a wrong password, and the offer sends the link again", async ({ page, request }) => {
    const pending = uniqueEmail("unconfirmed")
    const confirmed = uniqueEmail("confirmed")
    const unknown = uniqueEmail("nobody")
    const signUp = await request.post("/api/account/signup", { data: { email: pending, password: PASSWORD, name: "Una Unconfirmed" } })
    expect(signUp.status()).toBe(202)
    const first = await emailTo(request, pending, "verify-email")
    await createVerifiedAccount(request, { email: confirmed, password: PASSWORD })

    // The right password of an unconfirmed address, a wrong password of a confirmed one, and an
    // address nobody uses: the same answer, the same words, the same offer.
    const forPending = await refusalOf(page, pending, PASSWORD)
    expect(await refusalOf(page, confirmed, "not-the-password")).toEqual(forPending)
    expect(await refusalOf(page, unknown, PASSWORD)).toEqual(forPending)
    expect(forPending).toEqual({ status: 401, text: `${WRONG_DETAILS}${RESEND_OFFER}`, code: "CredentialsSignin" })

    const error = page.locator('[data-slot="login-form-error"]')
    await refusalOf(page, pending, PASSWORD)
    await expectNoViolations(page)
    const answer = answerOf(page, "resend-verification")
    await error.getByRole("button", { name: RESEND_OFFER }).click()
    expect((await answer).status).toBe(202)
    await expect(error).toContainText(RESENT)
    await expect(error.getByRole("button", { name: RESEND_OFFER })).toHaveCount(0)
    await expectNoViolations(page)

    // A new link, which replaces the first one: the first no longer confirms.
    const second = await emailTo(request, pending, "verify-email", { count: 2 })
    expect(second.url).not.toBe(first.url)
    const main = page.getByRole("main")
    let confirm = await openConfirmationLink(page, first.url)
    const refused = answerOf(page, "verify-email")
    await confirm.click()
    expect(await refused).toMatchObject({ status: 400, body: { error: "invalid_token" } })
    await expect(main.getByRole("status").first()).toHaveText(INVALID_LINK)

    // The new one confirms and signs this browser in.
    confirm = await openConfirmationLink(page, second.url)
    await confirm.click()
    await expectSignedInAtHome(page, "Una Unconfirmed")
    await page.goto("/dashboard")
    await expect(page.getByText("Signed in as Una Unconfirmed.")).toBeVisible()
  })
})

test.describe("given an account whose password is forgotten", () => {
  test("resets it from the outbox: the old password fails, the new one works, the other browser is signed out", async ({
    page,
    request,
    baseURL,
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
    expect(mail.url).toMatch(tokenLink(baseURL, "reset-password"))
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
    await expect(page.locator('[data-slot="login-form-error"]')).toContainText(WRONG_DETAILS)
    await signIn(page, email, NEW_PASSWORD)
    await expect(page).toHaveURL("/dashboard")
  })

  test("a used link is refused, for confirmation and for reset", async ({ page, request }) => {
    const email = uniqueEmail("used")
    const main = page.getByRole("main")
    await request.post("/api/account/signup", { data: { email, password: PASSWORD, name: "Uri Used" } })
    const verify = await emailTo(request, email, "verify-email")
    let confirm = await openConfirmationLink(page, verify.url)
    await confirm.click()
    await expectSignedInAtHome(page, "Uri Used")
    await page.context().clearCookies()

    // Used once: the button of the same link now says so, and offers a new link.
    confirm = await openConfirmationLink(page, verify.url)
    let answer = answerOf(page, "verify-email")
    await confirm.click()
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token" } })
    await expect(main.getByRole("status").first()).toHaveText(INVALID_LINK)
    await expect(main.getByRole("button", { name: "Send a new link" })).toBeVisible()
    await expectNoViolations(page)
    // …and it signed nobody in.
    await page.goto("/dashboard")
    await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")

    await request.post("/api/account/forgot-password", { data: { email } })
    const reset = await emailTo(request, email, "reset-password")
    await page.goto(reset.url)
    await setNewPassword(page, NEW_PASSWORD)
    await expect(main.getByRole("status")).toContainText("Your password is changed")

    await page.goto(reset.url)
    answer = answerOf(page, "reset-password")
    await setNewPassword(page, "third-password-5150")
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "used" } })
    await expect(main.getByRole("alert")).toContainText(INVALID_LINK)
    await expectNoViolations(page)

    // The second use changed nothing.
    await page.goto("/login")
    await signIn(page, email, NEW_PASSWORD)
    await expect(page).toHaveURL("/")
  })

  test("an expired link is refused, for confirmation and for reset, with a way to a new one", async ({ page, request }) => {
    const email = uniqueEmail("expired")
    const main = page.getByRole("main")
    await request.post("/api/account/signup", { data: { email, password: PASSWORD, name: "Eve Expired" } })
    const verify = await emailTo(request, email, "verify-email")
    await expireLinks(email, "verify-email")
    let confirm = await openConfirmationLink(page, verify.url)
    let answer = answerOf(page, "verify-email")
    await confirm.click()
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "expired" } })
    await expect(main.getByRole("status").first()).toHaveText(INVALID_LINK)
    // Still not an account: its password is refused, as a wrong one is.
    const login = await page.context().newPage()
    expect((await refusalOf(login, email, PASSWORD)).code).toBe("CredentialsSignin")
    await login.close()

    // The page asks for a new link; it works.
    await main.getByLabel("Email", { exact: true }).fill(email)
    await main.getByRole("button", { name: "Send a new link" }).click()
    await expect(main.getByRole("status").last()).toHaveText(RESENT)
    await expectNoViolations(page)
    const fresh = await emailTo(request, email, "verify-email", { count: 2 })
    confirm = await openConfirmationLink(page, fresh.url)
    await confirm.click()
    await expectSignedInAtHome(page, "Eve Expired")
    await page.context().clearCookies()

    await request.post("/api/account/forgot-password", { data: { email } })
    const reset = await emailTo(request, email, "reset-password")
    await expireLinks(email, "reset-password")
    await page.goto(reset.url)
    answer = answerOf(page, "reset-password")
    await setNewPassword(page, NEW_PASSWORD)
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "expired" } })
    await expect(main.getByRole("alert")).toContainText(INVALID_LINK)
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

  test("sign-up answers a taken and a new address alike; the owner of the taken one is told by email", async ({ page, request, baseURL }) => {
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
    expect(notice.url).toBe(new URL("/login", baseURL).href)
    // No new verification link for the taken address, and its password is the owner's still.
    expect(await emailsTo(request, taken, "verify-email")).toHaveLength(1)
    await page.goto("/login?callbackUrl=%2Fdashboard")
    await signIn(page, taken, PASSWORD)
    await expect(page.getByText("Signed in as Olive Owner.")).toBeVisible()
  })

  test("resend-verification answers a pending, a confirmed and an unknown address alike; only the pending one gets a link", async ({
    request,
  }) => {
    const pending = uniqueEmail("pending")
    const confirmed = uniqueEmail("confirmed")
    const unknown = uniqueEmail("unknown")
    expect((await request.post("/api/account/signup", { data: { email: pending, password: PASSWORD } })).status()).toBe(202)
    await emailTo(request, pending, "verify-email")
    await createVerifiedAccount(request, { email: confirmed, password: PASSWORD })

    const answer = async (email: string) => {
      const response = await request.post("/api/account/resend-verification", { data: { email } })
      return {
        status: response.status(),
        body: await response.text(),
        type: response.headers()["content-type"],
        cache: response.headers()["cache-control"],
      }
    }
    const forUnknown = await answer(unknown)
    const forConfirmed = await answer(confirmed)
    const forPending = await answer(pending)
    expect(forUnknown).toEqual(forPending)
    expect(forConfirmed).toEqual(forPending)
    expect(forPending).toMatchObject({ status: 202, body: JSON.stringify({ ok: true }) })

    // The pending address's request came last: by the time its new link is out, a link to the
    // other two would be too.
    await emailTo(request, pending, "verify-email", { count: 2 })
    expect(await emailsTo(request, confirmed, "verify-email")).toHaveLength(1)
    expect(await emailsTo(request, unknown, "verify-email")).toEqual([])
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

test("the limit per client IP counts the socket's address: a forged X-Forwarded-For does not get past it", async ({ request }) => {
  // Sign-up allows 5 an hour per IP (DEFAULT_RATE_LIMITS.signUp); the playground trusts no proxy.
  const forgedIp = (n: number) => ({ "X-Forwarded-For": `203.0.113.${n}` })
  for (let i = 1; i <= 5; i++) {
    const response = await request.post("/api/account/signup", {
      data: { email: uniqueEmail("forged"), password: PASSWORD },
      headers: forgedIp(i),
    })
    expect(response.status(), `sign-up ${i} of 5`).toBe(202)
  }
  const sixth = await request.post("/api/account/signup", { data: { email: uniqueEmail("forged"), password: PASSWORD }, headers: forgedIp(6) })
  expect(sixth.status()).toBe(429)
  expect(await sixth.json()).toMatchObject({ error: "rate_limited" })
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
    await expect(main.locator('[data-slot="change-password-form"]').getByRole("status")).toHaveText("Your password is changed.")
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
    await expect(main.getByRole("status").first()).toHaveText(INVALID_LINK)
    await expectNoViolations(page)
    const confirm = await openConfirmationLink(page, `/verify-email?token=${"x".repeat(43)}`)
    const answer = answerOf(page, "verify-email")
    await confirm.click()
    expect(await answer).toMatchObject({ status: 400, body: { error: "invalid_token", reason: "unknown" } })
    await expect(main.getByRole("status").first()).toHaveText(INVALID_LINK)
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
