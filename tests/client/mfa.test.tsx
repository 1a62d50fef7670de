/**
 * Two-factor in the browser components, against the account mocks (`next-auth-kit/msw`, whose
 * answers are held to the real server's by tests/msw/accounts-contract.test.ts): the code step of
 * LoginForm, and MfaSetup from setup to recovery codes to turning it off.
 */
import { screen, waitFor, within } from "@testing-library/react"
import { Secret, TOTP } from "otpauth"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { LoginForm, LoginFormCredentials, LoginFormError, LoginFormRoot, MfaSetup } from "../../src/client"
import { de } from "../../src/client/locales/de"
import { type AccountHandlers, accountScenarios, MOCK_RECOVERY_CODES, mockUsers, providers } from "../../src/msw"
import { expectNoAxeViolations, renderWithAuth } from "./helpers"
import { server } from "./setup"

let handlers: AccountHandlers
const use = (next: AccountHandlers) => {
  handlers = next
  server.use(...next)
}
const ADA = mockUsers.ada.email!
const REQUIRED = "Fill in this field."

async function toCodeStep(user: ReturnType<typeof renderWithAuth>["user"]) {
  await user.type(screen.getByLabelText("Email"), ADA)
  await user.type(screen.getByLabelText("Password", { selector: "input" }), "password")
  await user.click(screen.getByRole("button", { name: "Sign in" }))
  const field = await screen.findByLabelText("Authentication code")
  await waitFor(() => expect(field).toHaveFocus())
  return field
}

describe("LoginForm with two-factor on", () => {
  beforeEach(() => use(accountScenarios.mfaRequired()))

  it("asks for the app's code after the right password, then signs in with both", async () => {
    const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} callbackUrl="/dashboard" />, { session: null })
    const field = await toCodeStep(user)
    expect(field).toHaveAttribute("autocomplete", "one-time-code")
    expect(field).toHaveAttribute("inputmode", "numeric")
    expect(field).toHaveAttribute("name", "code")
    expect(screen.queryByLabelText("Password", { selector: "input" })).toBeNull()
    expect(screen.getByText("Enter the 6-digit code from your authenticator app.")).toBeInTheDocument()
    expect(screen.queryByRole("alert", { name: /./ })).toBeNull()
    expect(document.querySelector('[data-slot="login-form"]')).toHaveAttribute("data-state", "mfa")
    await expectNoAxeViolations()
    const code = handlers.totpFor(ADA)!
    // Pasted as apps show it, with a space.
    await user.type(field, `${code.slice(0, 3)} ${code.slice(3)}`)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/dashboard"))
    expect(handlers.auth!.current).toMatchObject({ user: { email: ADA } })
  })

  it("says a wrong code did not work, ties it to the field and keeps the step", async () => {
    const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    const field = await toCodeStep(user)
    await user.type(field, handlers.totpFor(ADA) === "000000" ? "111111" : "000000")
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    expect(await screen.findByRole("alert")).toHaveTextContent("That code did not work.")
    expect(screen.getByLabelText("Authentication code")).toHaveAttribute("aria-invalid", "true")
    expect(screen.getByLabelText("Authentication code").getAttribute("aria-describedby")).toMatch(/-error$/)
    expect(navigate).not.toHaveBeenCalled()
  })

  it("switches to a recovery code, which works once", async () => {
    const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    await toCodeStep(user)
    await user.click(screen.getByRole("button", { name: "Use a recovery code" }))
    const field = screen.getByLabelText("Recovery code")
    await waitFor(() => expect(field).toHaveFocus())
    expect(field).toHaveAttribute("inputmode", "text")
    expect(screen.getByText("Enter one of your recovery codes. Each one works once.")).toBeInTheDocument()
    await user.type(field, ` ${MOCK_RECOVERY_CODES[0]!.toUpperCase()} `)
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(navigate).toHaveBeenCalled())
    expect(handlers.recoveryCodesFor(ADA)).not.toContain(MOCK_RECOVERY_CODES[0])
  })

  it("goes back to the password with Back, forgetting the first step", async () => {
    const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    await toCodeStep(user)
    await user.click(screen.getByRole("button", { name: "Back" }))
    expect(screen.getByLabelText("Password", { selector: "input" })).toBeInTheDocument()
    expect(screen.queryByLabelText("Authentication code")).toBeNull()
  })

  it("works in a form built from parts, and in German", async () => {
    const { user } = renderWithAuth(
      <LoginFormRoot providers={[providers.credentials]}>
        <LoginFormError />
        <LoginFormCredentials />
      </LoginFormRoot>,
      { session: null, messages: de },
    )
    await user.type(screen.getByLabelText("E-Mail"), ADA)
    await user.type(screen.getByLabelText("Passwort", { selector: "input" }), "password")
    await user.click(screen.getByRole("button", { name: "Anmelden" }))
    expect(await screen.findByLabelText("Bestätigungscode")).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Wiederherstellungscode verwenden" })).toBeInTheDocument()
  })

  it("never mentions a second step after a wrong password", async () => {
    const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    await user.type(screen.getByLabelText("Email"), ADA)
    await user.type(screen.getByLabelText("Password", { selector: "input" }), "wrong")
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    expect(await screen.findByRole("alert")).toHaveTextContent("Those details did not match.")
    expect(screen.queryByLabelText("Authentication code")).toBeNull()
  })
})

describe("MfaSetup", () => {
  const codeOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate()
  afterEach(() => vi.restoreAllMocks())

  it("sets up with a QR code and key, turns on with a code, and shows the recovery codes until confirmed", async () => {
    use(accountScenarios.signedInForMfa())
    const onEnabled = vi.fn()
    const { user } = renderWithAuth(<MfaSetup onEnabled={onEnabled} />, { session: null })
    const root = document.querySelector('[data-slot="mfa-setup"]')!
    expect(root).toHaveAttribute("data-state", "off")
    expect(screen.getByRole("heading", { name: "Two-factor authentication" })).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "Set up two-factor authentication" }))

    const qr = await screen.findByRole("img", { name: /QR code for your authenticator app/ })
    expect(root).toHaveAttribute("data-state", "scan")
    expect(qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/)
    const secret = handlers.account("grace@example.com")!.mfa!.secret
    const key = document.querySelector('[data-slot="mfa-setup-key-value"]')!
    expect(key.textContent!.replace(/\s/g, "")).toBe(secret)
    expect(key.textContent).toMatch(/^[A-Z2-7]{4} /)
    await expectNoAxeViolations()

    const field = screen.getByLabelText("6-digit code")
    expect(field).toHaveAttribute("autocomplete", "one-time-code")
    await user.click(screen.getByRole("button", { name: "Turn on" }))
    expect(await screen.findByText(REQUIRED)).toBeInTheDocument()
    await user.type(field, codeOf(secret) === "000000" ? "111111" : "000000")
    await user.click(screen.getByRole("button", { name: "Turn on" }))
    expect(await screen.findByText(/That code did not match/)).toBeInTheDocument()
    expect(field).toHaveAttribute("aria-invalid", "true")
    await user.clear(field)
    await user.type(field, codeOf(secret))
    await user.click(screen.getByRole("button", { name: "Turn on" }))

    const list = await screen.findByRole("list", { name: "Save your recovery codes" })
    expect(root).toHaveAttribute("data-state", "codes")
    const codes = within(list).getAllByRole("listitem").map((item) => item.textContent)
    expect(codes).toHaveLength(10)
    expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute("download", "recovery-codes.txt")
    expect(decodeURIComponent(screen.getByRole("link", { name: "Download" }).getAttribute("href")!)).toContain(codes.join("\n"))
    await user.click(screen.getByRole("button", { name: "Copy" }))
    // user-event's clipboard stands in for the browser's.
    expect(await navigator.clipboard.readText()).toBe(codes.join("\n"))
    expect(await screen.findByRole("button", { name: "Copied" })).toBeInTheDocument()
    const done = screen.getByRole("button", { name: "Done" })
    expect(done).toBeDisabled()
    await expectNoAxeViolations()
    await user.click(screen.getByLabelText("I have saved my recovery codes"))
    await user.click(done)
    expect(onEnabled).toHaveBeenCalledOnce()
    expect(root).toHaveAttribute("data-state", "on")
    expect(root).toHaveTextContent("Two-factor authentication is on.")
    expect(handlers.account("grace@example.com")!.mfa).toEqual({ secret, enabled: true })
  })

  it("turns two-factor off with the password, and says a wrong one was wrong", async () => {
    use(accountScenarios.signedInForMfa(mockUsers.grace, { enabled: true }))
    const onDisabled = vi.fn()
    const { user } = renderWithAuth(<MfaSetup enabled onDisabled={onDisabled} />, { session: null })
    const password = screen.getByLabelText("Password", { selector: "input" })
    await user.type(password, "not it")
    await user.click(screen.getByRole("button", { name: "Turn off two-factor authentication" }))
    expect(await screen.findByText("This is not your current password.")).toBeInTheDocument()
    await user.clear(password)
    await user.type(password, "password")
    await user.click(screen.getByRole("button", { name: "Turn off two-factor authentication" }))
    await waitFor(() => expect(onDisabled).toHaveBeenCalledOnce())
    expect(document.querySelector('[data-slot="mfa-setup"]')).toHaveTextContent("Two-factor authentication is off.")
    expect(handlers.account("grace@example.com")!.mfa).toBeNull()
  })

  it("says so when two-factor was turned on elsewhere meanwhile", async () => {
    use(accountScenarios.signedInForMfa(mockUsers.grace, { enabled: true }))
    const { user } = renderWithAuth(<MfaSetup />, { session: null })
    await user.click(screen.getByRole("button", { name: "Set up two-factor authentication" }))
    expect(await screen.findByText(/Two-factor authentication is already on\./)).toBeInTheDocument()
    expect(screen.getByLabelText("Password", { selector: "input" })).toBeInTheDocument()
  })

  it("takes no focus when the page loads", () => {
    use(accountScenarios.signedInForMfa())
    renderWithAuth(<MfaSetup />, { session: null })
    expect(document.body).toHaveFocus()
  })
})
