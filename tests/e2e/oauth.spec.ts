/**
 * OAuth on the playground through its own OpenID Connect provider ("Playground ID",
 * playground/oidc/server.mjs): a person only the provider knows, and a password user whose
 * address the provider knows too (next-auth's OAuthAccountNotLinked, linking while signed in,
 * unlinking), with the kit's store as next-auth's adapter. Linked accounts over the account API
 * and through the linked-accounts card on /account.
 */
import type { Page } from "@playwright/test"
import { continueWithProvider, expect, grace, katherine, sessionOf, signIn, signOut, test } from "./fixtures"

/** What LoginForm says to next-auth's OAuthAccountNotLinked. */
const NOT_LINKED = "This email already belongs to an account. Sign in the way you did before, then link this provider from your account page."

interface LinkedAccounts {
  accounts: { provider: string; linkedAt: string }[]
  password: boolean
  passkeys: number
}

async function linkedAccountsOf(page: Page): Promise<LinkedAccounts> {
  const response = await page.request.get("/api/account/linked-accounts")
  expect(response.status()).toBe(200)
  return response.json()
}

const unlink = (page: Page, provider: string) => page.request.post("/api/account/unlink", { data: { provider } })

/** The provider's sign-in of `person` ends on the login page with next-auth's OAuthAccountNotLinked. */
async function expectNotLinked(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.goto("/login")
  await continueWithProvider(page, person)
  await expect(page).toHaveURL(/\/login\?.*error=OAuthAccountNotLinked/)
  await expect(page.locator('[data-slot="login-form"]').getByRole("alert")).toContainText(NOT_LINKED)
  expect(await sessionOf(page)).toEqual({})
}

test.describe("given a person only the provider knows", () => {
  test("signs in with the provider, lands signed in as a user of the kit's store, and cannot unlink the only way in", async ({ page }) => {
    await page.goto("/login")
    await expect(page.getByRole("button", { name: "Continue with Playground ID" })).toBeVisible()
    await continueWithProvider(page, katherine)
    await expect(page).toHaveURL("/")
    expect((await sessionOf(page)).user).toMatchObject({ email: katherine.email, name: katherine.name })

    const linked = await linkedAccountsOf(page)
    expect(linked).toMatchObject({ password: false, passkeys: 0 })
    expect(linked.accounts.map((account) => account.provider)).toEqual(["oidc"])

    const response = await unlink(page, "oidc")
    expect(response.status()).toBe(409)
    expect(await response.json()).toMatchObject({ error: "last_sign_in_method" })
    expect((await linkedAccountsOf(page)).accounts.map((account) => account.provider)).toEqual(["oidc"])

    // The card says why, in the page.
    await page.goto("/account")
    const card = page.locator('[data-slot="linked-accounts-card"]')
    await card.getByRole("button", { name: "Unlink Playground ID" }).click()
    await expect(card.getByText("Playground ID is your only way to sign in, so it stays linked.")).toBeVisible()
    expect((await linkedAccountsOf(page)).accounts.map((account) => account.provider)).toEqual(["oidc"])
  })
})

test.describe("given a password user whose address the provider knows", () => {
  test("is told OAuthAccountNotLinked while signed out, links by signing in with the provider while signed in, then signs in with it until unlinking", async ({
    page,
  }) => {
    test.slow() // five sign-ins, two of them through the provider's page
    const person = grace

    await test.step("signed out, the provider's sign-in is not linked", async () => {
      await expectNotLinked(page, person)
    })

    await test.step("signed in with the password, the provider's sign-in links it", async () => {
      await page.goto("/login?callbackUrl=%2Fdashboard")
      await signIn(page, person.email, person.password)
      await expect(page).toHaveURL("/dashboard")
      expect((await linkedAccountsOf(page)).accounts).toEqual([])

      // "Link Playground ID" on the account page's card: the provider's sign-in while signed in.
      await page.goto("/account")
      await page.locator('[data-slot="linked-accounts-card"]').getByRole("button", { name: "Link Playground ID" }).click()
      await continueWithProvider(page, person, { clicked: true })
      await expect(page).toHaveURL("/account")
      await expect(page.locator('[data-slot="linked-accounts-card"]').getByRole("button", { name: "Unlink Playground ID" })).toBeVisible()
      expect((await sessionOf(page)).user?.email).toBe(person.email)
      const linked = await linkedAccountsOf(page)
      expect(linked.password).toBe(true)
      expect(linked.accounts.map((account) => account.provider)).toEqual(["oidc"])
    })

    await test.step("signed out, the provider signs the user in", async () => {
      await signOut(page)
      await page.goto("/login?callbackUrl=%2Fdashboard")
      await continueWithProvider(page, person)
      await expect(page).toHaveURL("/dashboard")
      expect((await sessionOf(page)).user?.email).toBe(person.email)
    })

    await test.step("unlinked, the provider's sign-in no longer reaches the user", async () => {
      await page.goto("/account")
      const card = page.locator('[data-slot="linked-accounts-card"]')
      await card.getByRole("button", { name: "Unlink Playground ID" }).click()
      await expect(card.getByText("Playground ID is unlinked.")).toBeVisible()
      await expect(card.getByRole("button", { name: "Link Playground ID" })).toBeVisible()
      expect((await linkedAccountsOf(page)).accounts).toEqual([])
      await signOut(page)
      await expectNotLinked(page, person)
    })
  })
})
