/**
 * next-auth's error and check-your-email pages, replaced by the kit's (`pages.error`,
 * `pages.verifyRequest` in the playground's authOptions): what a user sees after an expired
 * email link or a refused sign-in, in both routers, never next-auth's built-in English page.
 */
import { expect, expectNoViolations, test } from "./fixtures"

test.describe("pages.error", () => {
  test("next-auth sends an expired email link to the kit's page, which says so and offers a new link", async ({ page }) => {
    await page.goto("/api/auth/error?error=Verification")
    await expect(page).toHaveURL("/auth/error?error=Verification")
    const main = page.getByRole("main")
    await expect(main.getByRole("heading", { level: 1, name: "This link has expired" })).toBeVisible()
    await expect(main.getByRole("alert")).toHaveText("This sign-in link is no longer valid. It may have been used already or expired.")
    await expect(main.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/login")
    await expectNoViolations(page)
  })

  test("every other code reads as a sentence with a way back, and an unknown one never shows itself", async ({ page }) => {
    await page.goto("/auth/error?error=OAuthAccountNotLinked")
    const main = page.getByRole("main")
    await expect(main.getByRole("heading", { level: 1, name: "Signing in did not work" })).toBeVisible()
    await expect(main.getByRole("alert")).toHaveText("This email already belongs to an account. Sign in the way you did before, then link this provider from your account page.")
    await expect(main.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")

    await page.goto(`/auth/error?error=${encodeURIComponent("<img src=x onerror=alert(1)>")}`)
    await expect(main.getByRole("alert")).toHaveText("Something went wrong while signing in. Please try again.")
    await expect(main).not.toContainText("onerror")
    await expect(page.locator("img")).toHaveCount(0)
  })

  test.describe("in the App Router, without JavaScript", () => {
    test.use({ javaScriptEnabled: false })

    test("the server's HTML already says what went wrong", async ({ page }) => {
      await page.goto("/app/auth/error?error=AccessDenied")
      const main = page.getByRole("main")
      await expect(main.getByRole("heading", { level: 1, name: "Signing in did not work" })).toBeVisible()
      await expect(main.getByRole("alert")).toHaveText("You do not have permission to sign in.")
    })
  })
})

test.describe("pages.verifyRequest", () => {
  test("next-auth sends the check-your-email step to the kit's page", async ({ page, baseURL }) => {
    await page.goto("/api/auth/verify-request?provider=email&type=email")
    await expect(page).toHaveURL((url) => url.origin === new URL(baseURL!).origin && url.pathname === "/auth/verify-request")
    const main = page.getByRole("main")
    await expect(main.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible()
    await expect(main).toContainText("We sent you a sign-in link. It may take a minute to arrive.")
    await expect(main.getByRole("link", { name: "Use another email" })).toHaveAttribute("href", "/login")
    await expectNoViolations(page)
  })

  test("has an App Router twin", async ({ page }) => {
    await page.goto("/app/auth/verify-request")
    await expect(page.getByRole("main").getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible()
  })
})
