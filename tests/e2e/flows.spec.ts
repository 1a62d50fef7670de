/** The playground in Chromium, as a person uses it. */
import AxeBuilder from "@axe-core/playwright"
import { expect, type Page, test } from "@playwright/test"
import { ada, cookieHeader, grace } from "./fixtures"

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email)
  await page.getByLabel("Password", { exact: true }).fill(password)
  await page.getByRole("button", { name: "Sign in", exact: true }).click()
}

async function signInWithCookie(page: Page, user: typeof ada) {
  const [name, ...value] = (await cookieHeader(user)).split("=")
  // The page's own origin (the baseURL of playwright.config.ts) is the cookie's.
  const url = new URL("/", test.info().project.use.baseURL).href
  await page.context().addCookies([{ name: name!, value: value.join("="), url }])
}

async function expectNoViolations(page: Page, { floatingMenu = false } = {}) {
  // An open menu floats at the end of <body>, outside the page's landmarks, as popups do; axe's
  // best-practice "region" rule does not apply to it. Every other rule still checks the menu.
  const builder = new AxeBuilder({ page })
  const { violations } = await (floatingMenu ? builder.disableRules(["region"]) : builder).analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([])
}

test("a signed-out visitor of /dashboard signs in and lands back on /dashboard", async ({ page }) => {
  await page.goto("/dashboard")
  await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")
  await signIn(page, ada.email, ada.password)
  await expect(page).toHaveURL("/dashboard")
  await expect(page.getByText(`Signed in as ${ada.name}.`)).toBeVisible()
})

test("wrong credentials show an inline error, answered 401, and stay on /login", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2Fdashboard")
  const answer = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"))
  await signIn(page, ada.email, "not-the-password")
  expect((await answer).status()).toBe(401)
  const error = page.locator('[data-slot="login-form-error"]')
  await expect(error).toContainText("Those details did not match. Check them and try again.")
  // The playground runs the kit's accounts: every refused password is offered the confirmation
  // link again, quietly (an unconfirmed address is refused exactly like a wrong password).
  await expect(error.getByRole("button", { name: "Didn't get the confirmation email? Send it again" })).toBeVisible()
  await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")
})

for (const [what, email, password] of [
  ["empty", "", ""],
  ["10 KB long", `${"a".repeat(10_000)}@example.com`, "p".repeat(10_000)],
  ["unicode", "ädä@exämple.com", "пароль🔑"],
] as const) {
  test(`${what} credentials get a clear inline error and a 4xx, never a 500`, async ({ page }) => {
    await page.goto("/login")
    const answer = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"))
    await signIn(page, email, password)
    const status = (await answer).status()
    expect(status).toBeGreaterThanOrEqual(400)
    expect(status).toBeLessThan(500)
    await expect(page.locator('[data-slot="login-form-error"]')).toContainText("did not match")
  })
}

test("sign-out ends the session", async ({ page }) => {
  await signInWithCookie(page, grace)
  await page.goto("/dashboard")
  await page.getByRole("button", { name: "Sign out" }).click()
  await expect(page).toHaveURL("/")
  await page.goto("/dashboard")
  await expect(page).toHaveURL("/login?callbackUrl=%2Fdashboard")
})

test("/client sends a signed-out visitor to /login from the browser, and shows a signed-in user", async ({ page }) => {
  await page.goto("/client")
  await expect(page).toHaveURL("/login?callbackUrl=%2Fclient")
  await signIn(page, grace.email, grace.password)
  await expect(page).toHaveURL("/client")
  await expect(page.getByText("Signed in as Grace Hopper (user).")).toBeVisible()
  await expect(page.getByText("You are not an admin.")).toBeVisible()
})

test("/members/x is filtered by the middleware", async ({ page }) => {
  await page.goto("/members/x")
  await expect(page).toHaveURL("/login?callbackUrl=%2Fmembers%2Fx")
})

test("Ada sees /admin and /app/admin; Grace gets the 404 page", async ({ page, browser, baseURL }) => {
  await signInWithCookie(page, ada)
  expect((await page.goto("/admin"))!.status()).toBe(200)
  expect((await page.goto("/app/admin"))!.status()).toBe(200)
  // Grace in a browser of her own: a request still in flight from Ada's page could otherwise
  // set Ada's (renewed) cookie again after it was cleared.
  const context = await browser.newContext({ baseURL })
  const asGrace = await context.newPage()
  await signInWithCookie(asGrace, grace)
  expect((await asGrace.goto("/admin"))!.status()).toBe(404)
  expect((await asGrace.goto("/app/admin"))!.status()).toBe(404)
  await context.close()
})

for (const hostile of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)"]) {
  test(`a hostile callbackUrl ${hostile} keeps the browser on the playground after sign-in`, async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(hostile)}`)
    await signIn(page, ada.email, ada.password)
    await expect(page).toHaveURL("/")
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin)
  })
}

test("/dashboard signed in: the first HTML has the name, no loading state, no /api/auth/session request", async ({ page }) => {
  await signInWithCookie(page, ada)
  const sessionRequests: string[] = []
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/auth/session") sessionRequests.push(request.method())
  })
  const response = await page.goto("/dashboard")
  const html = await response!.text()
  expect(html).toContain(ada.name)
  expect(html).toContain("Account menu for Ada Lovelace")
  expect(html).not.toMatch(/Loading|animate-pulse/)
  await page.waitForLoadState("networkidle")
  await expect(page.getByRole("button", { name: "Account menu for Ada Lovelace" })).toBeVisible()
  expect(sessionRequests).toEqual([])
})

test("the whole sign-in works by keyboard alone", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2Fdashboard")
  const email = page.getByLabel("Email")
  for (let i = 0; i < 20 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab")
  }
  await expect(email).toBeFocused()
  await page.keyboard.type(ada.email)
  await page.keyboard.press("Tab")
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused()
  await page.keyboard.type(ada.password)
  await page.keyboard.press("Enter")
  await expect(page).toHaveURL("/dashboard")
})

test.describe("accessibility (axe)", () => {
  test("/ has no violations, signed out with the dialog open, and signed in", async ({ page }) => {
    await page.goto("/")
    await page.getByRole("button", { name: "Sign in" }).click()
    await expect(page.getByRole("dialog", { name: "Sign in" })).toBeVisible()
    await expectNoViolations(page)
    await page.keyboard.press("Escape")
    await signInWithCookie(page, ada)
    await page.goto("/")
    await expect(page.getByText("Welcome back, Ada Lovelace.")).toBeVisible()
    await expectNoViolations(page)
  })

  test("/login has no violations, also with an error shown", async ({ page }) => {
    await page.goto("/login")
    await expectNoViolations(page)
    await page.goto("/login?error=CredentialsSignin")
    await expect(page.locator('[data-slot="login-form-error"]')).toBeVisible()
    await expectNoViolations(page)
  })

  test("/dashboard has no violations, with the user menu open", async ({ page }) => {
    await signInWithCookie(page, ada)
    await page.goto("/dashboard")
    await expectNoViolations(page)
    await page.getByRole("button", { name: "Account menu for Ada Lovelace" }).click()
    await expect(page.getByRole("menu")).toBeVisible()
    await expectNoViolations(page, { floatingMenu: true })
  })
})
