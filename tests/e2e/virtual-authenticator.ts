/**
 * Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain) for the passkey
 * tests of the playground (tests/e2e) and of examples/accounts on the packed package
 * (tests/compat): no hardware, no prompt.
 */
import type { Page } from "@playwright/test"

/**
 * A platform authenticator for `page` (a passkey kept on "this device", unlocked with the
 * user's fingerprint): it answers the browser's prompts by itself, user verified.
 * @returns the passkeys it holds, as the DevTools protocol lists them
 */
export async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send("WebAuthn.enable")
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials
}

/**
 * A browser without passkey autofill (`isConditionalMediationAvailable()` false), from the next
 * page on: only the button signs in with a passkey. Where the autofill is on, Chromium's virtual
 * authenticator picks the passkey from it by itself, as soon as the login page asks.
 */
export async function withoutAutofill(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (window.PublicKeyCredential) Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false })
  })
}
