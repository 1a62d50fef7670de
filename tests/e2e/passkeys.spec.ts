/**
 * Passkeys in the playground, as a person uses them, with Chromium's virtual authenticator
 * (DevTools protocol, docs/passkeys.md): on /account and /app/account a user adds a passkey
 * after a password sign-in, sees it listed, renames it, and from then on a passkey is all they
 * need to sign in, two-factor or not. Removed, it signs in no more. The servers are opened at
 * localhost (playwright.config.ts): WebAuthn takes no IP address as the relying party.
 */
import type { Page } from "@playwright/test"
import { createVerifiedAccount, emailTo, expect, sessionOf, signIn, signOut, test, turnOnTwoFactor, uniqueEmail } from "./fixtures"
import { sessionsOf } from "./sessions-flow"
import { virtualAuthenticator, withoutAutofill } from "./virtual-authenticator"

const PASSWORD = "willow-compass-6034"

/** On the account page of a fresh sign-in: "Add a passkey", and the card lists it. @returns its name */
async function addPasskey(page: Page): Promise<string> {
  const card = page.locator('[data-slot="passkeys-card"]')
  await expect(card.getByText("You have no passkeys yet.")).toBeVisible()
  await card.getByRole("button", { name: "Add a passkey" }).click()
  await expect(card.getByText("Your passkey is added.")).toBeVisible()
  await expect(card.getByRole("listitem")).toHaveCount(1)
  // Named after the browser and system it was made on.
  const name = await card.locator('[data-slot="passkeys-card-name"]').innerText()
  expect(name).toMatch(/ on Linux$/)
  await expect(card.getByRole("listitem")).toContainText("Never used")
  return name
}

/** From the login page, the passkey alone: "Sign in with a passkey", no email, no password. */
async function signInWithPasskey(page: Page, login: string, callbackUrl: string): Promise<void> {
  await page.goto(`${login}?callbackUrl=${encodeURIComponent(callbackUrl)}`)
  await page.locator('[data-slot="login-form"]').getByRole("button", { name: "Sign in with a passkey" }).click()
}

for (const router of [
  { name: "Pages Router", login: "/login", account: "/account" },
  { name: "App Router", login: "/app/login", account: "/app/account" },
]) {
  test.describe(`given the ${router.name}`, () => {
    test(`adds a passkey on ${router.account}, renames it, and signs in with it alone through "Sign in with a passkey"`, async ({ page, request }) => {
      const email = uniqueEmail("passkey")
      await createVerifiedAccount(request, { email, password: PASSWORD })
      const passkeys = await virtualAuthenticator(page)
      await withoutAutofill(page)

      // A password sign-in is fresh: adding asks for nothing more.
      await page.goto(`${router.login}?callbackUrl=${encodeURIComponent(router.account)}`)
      await signIn(page, email, PASSWORD)
      await expect(page).toHaveURL(router.account)
      const name = await addPasskey(page)
      const [credential] = await passkeys()
      expect(credential).toMatchObject({ isResidentCredential: true, rpId: "localhost" })
      await emailTo(request, email, "passkey-added")

      // Renamed in place; the new name is the server's, after a reload too.
      const card = page.locator('[data-slot="passkeys-card"]')
      await card.getByRole("button", { name: `Rename ${name}` }).click()
      await card.getByLabel("Passkey name").fill("Work laptop")
      await card.getByRole("button", { name: "Save" }).click()
      await expect(card.getByText("The passkey is now called Work laptop.")).toBeVisible()
      await page.reload()
      await expect(card.getByRole("listitem")).toHaveCount(1)
      await expect(card.locator('[data-slot="passkeys-card-name"]')).toHaveText("Work laptop")

      await signOut(page)
      await signInWithPasskey(page, router.login, router.account)
      await expect(page).toHaveURL(router.account)
      expect((await sessionOf(page)).user?.email).toBe(email)
      // The session says how it signed in, and the passkey when it was last used.
      expect((await sessionsOf(page)).find((session) => session.current)).toMatchObject({ method: "passkey" })
      await expect(page.locator('[data-slot="sessions-card"]').getByRole("listitem").filter({ hasText: "This device" })).toContainText(
        "Signed in with passkey",
      )
      await expect(card.getByRole("listitem")).toContainText("Last used")
      // The authenticator made no second passkey: the one it holds signed in.
      expect(await passkeys()).toHaveLength(1)
    })
  })
}

test("the email field's passkey autofill signs in without a two-factor code; removed, the passkey signs in no more", async ({ page, request, anotherBrowser }) => {
  const email = uniqueEmail("passkey-mfa")
  await createVerifiedAccount(request, { email, password: PASSWORD })
  const passkeys = await virtualAuthenticator(page)
  await page.goto("/login?callbackUrl=%2Faccount")
  await expect(page.locator('[data-slot="login-form"]').getByLabel("Email")).toHaveAttribute("autocomplete", "username webauthn")
  await signIn(page, email, PASSWORD)
  await expect(page).toHaveURL("/account")
  await turnOnTwoFactor(page)
  const name = await addPasskey(page)

  // The password now asks for a code (in another browser, which has no passkey)…
  const other = await anotherBrowser()
  await other.goto("/login?callbackUrl=%2Faccount")
  await signIn(other, email, PASSWORD)
  await expect(other.locator('[data-slot="login-form"]').getByLabel("Authentication code")).toBeVisible()
  // …and the passkey does not: it is both factors. The login page's autofill offers it, and
  // the virtual authenticator picks it: no click, no address, no code.
  await signOut(page)
  await page.goto("/login?callbackUrl=%2Faccount")
  await expect(page).toHaveURL("/account")
  expect((await sessionOf(page)).user?.email).toBe(email)
  expect((await sessionsOf(page)).find((session) => session.current)).toMatchObject({ method: "passkey" })

  // Removing is sensitive; the passkey sign-in just now is fresh enough.
  const card = page.locator('[data-slot="passkeys-card"]')
  await card.getByRole("button", { name: `Remove ${name}` }).click()
  await expect(card.getByText(`${name} is removed.`)).toBeVisible()
  await expect(card.getByText("You have no passkeys yet.")).toBeVisible()
  await emailTo(request, email, "passkey-removed")

  // The authenticator still holds it, but the server knows it no more: refused from the
  // autofill, then from the button.
  expect(await passkeys()).toHaveLength(1)
  await signOut(page)
  await page.goto("/login?callbackUrl=%2Faccount")
  const refused = page.locator('[data-slot="login-form"]').getByRole("alert")
  await expect(refused).toHaveText("This passkey was not accepted. Try again, or sign in another way.")
  const [before] = await passkeys()
  await page.locator('[data-slot="login-form"]').getByRole("button", { name: "Sign in with a passkey" }).click()
  // The authenticator signed once more, and the answer is the same.
  await expect.poll(async () => (await passkeys())[0]?.signCount).toBeGreaterThan(before!.signCount)
  await expect(refused).toHaveText("This passkey was not accepted. Try again, or sign in another way.")
  await expect(page).toHaveURL(/\/login\?/)
  expect(await sessionOf(page)).toEqual({})
})
