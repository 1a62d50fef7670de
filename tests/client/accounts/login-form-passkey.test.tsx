/**
 * `LoginForm`'s "Sign in with a passkey" and the passkey autofill of its identifier field, where
 * passkeys are on (`config.accounts.passkeys`): the browser's ceremony
 * (`@simplewebauthn/browser`) answers as an authenticator would, `sign-in-options` is answered
 * by hand, and the assertion goes to next-auth's credentials callback as `passkey`.
 */
import { screen, waitFor } from "@testing-library/react"
import { HttpResponse } from "msw"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { LoginForm } from "../../../src/client"
import { de } from "../../../src/client/locales/de"
import { authHandlers, providers } from "../../../src/msw"
import { expectNoAxeViolations, renderWithAuth } from "../helpers"
import { requests } from "../setup"
import { answer } from "./helpers"

const ceremony = vi.hoisted(() => ({ startAuthentication: vi.fn() }))
vi.mock("@simplewebauthn/browser", () => ceremony)

const assertion = { id: "pk-mac", rawId: "pk-mac", type: "public-key", response: { signature: "assertion-signature" } }
const original = (window as { PublicKeyCredential?: unknown }).PublicKeyCredential
const passkeysOn = { loginPath: "/login", accounts: { passkeys: true } }
// The part is a chunk of its own: its first import (a cold transform on a busy machine) can take seconds.
const LAZY = { timeout: 10_000 }
const closed = () => Object.assign(new Error("The operation either timed out or was not allowed."), { name: "NotAllowedError" })

/** A browser with WebAuthn, offering passkey autofill or not. */
function webAuthn({ autofill }: { autofill: boolean }) {
  const PublicKeyCredential = Object.assign(function PublicKeyCredential() {}, { isConditionalMediationAvailable: async () => autofill })
  ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = PublicKeyCredential
}

/** A credentials provider that signs in whoever brings the recorded assertion, and records what it got. */
function signsInWithThePasskey() {
  const got: Record<string, string>[] = []
  const handlers = authHandlers({
    credentials: (credentials) => {
      got.push(credentials)
      if (!credentials.passkey) return null
      if (!JSON.parse(credentials.passkey).response?.signature) throw new Error("PasskeyInvalid")
      return { id: "u1", name: "Grace Hopper", email: "grace@example.com" }
    },
  })
  return { handlers, got }
}

beforeEach(() => {
  webAuthn({ autofill: false })
  ceremony.startAuthentication.mockResolvedValue(assertion)
})

afterEach(() => {
  ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = original
  vi.clearAllMocks()
})

describe("LoginForm with passkeys on", () => {
  it("signs in with a passkey: a single-use challenge, the browser's prompt, then the credentials callback with the assertion", async () => {
    const options = answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "request-challenge", rpId: "localhost" }))
    const { handlers, got } = signsInWithThePasskey()
    const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} callbackUrl="/dashboard" />, { session: null, config: passkeysOn, handlers })

    const button = await screen.findByRole("button", { name: "Sign in with a passkey" }, LAZY)
    await expectNoAxeViolations()
    await user.click(button)

    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/dashboard"))
    expect(options).toHaveLength(1)
    expect(ceremony.startAuthentication).toHaveBeenCalledWith({ optionsJSON: { challenge: "request-challenge", rpId: "localhost" }, useBrowserAutofill: false })
    expect(got).toHaveLength(1)
    expect(JSON.parse(got[0]!.passkey!)).toEqual(assertion)
    expect(got[0]!.password).toBeUndefined()
  })

  it("offers passkeys in the identifier field's autofill where the browser can, and signs in with the one picked there", async () => {
    webAuthn({ autofill: true })
    answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "autofill-challenge" }))
    const { handlers, got } = signsInWithThePasskey()
    const { navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} callbackUrl="/dashboard" />, { session: null, config: passkeysOn, handlers })

    const field = await screen.findByLabelText("Email")
    await waitFor(() => expect(field).toHaveAttribute("autocomplete", "username webauthn"))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/dashboard"))
    expect(ceremony.startAuthentication).toHaveBeenCalledWith({ optionsJSON: { challenge: "autofill-challenge" }, useBrowserAutofill: true })
    expect(JSON.parse(got[0]!.passkey!)).toEqual(assertion)
  })

  it("says under the button that the prompt was closed, signs nobody in, and lets the user try again", async () => {
    answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "c" }))
    ceremony.startAuthentication.mockRejectedValueOnce(closed())
    const { handlers, got } = signsInWithThePasskey()
    const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, handlers })

    const button = await screen.findByRole("button", { name: "Sign in with a passkey" }, LAZY)
    await user.click(button)
    const alert = await screen.findByText("The passkey prompt was closed or timed out. Try again, or sign in another way.")
    expect(alert).toHaveAttribute("role", "alert")
    expect(alert).toHaveAttribute("data-slot", "login-form-passkey-error")
    expect(button).toHaveAccessibleDescription("The passkey prompt was closed or timed out. Try again, or sign in another way.")
    expect(button).toBeEnabled()
    expect(got).toEqual([])
    expect(navigate).not.toHaveBeenCalled()
    await expectNoAxeViolations()

    await user.click(button)
    await waitFor(() => expect(navigate).toHaveBeenCalled())
    expect(alert).not.toBeVisible()
  })

  it.each([
    ["aborted", "AbortError"],
    ["failed", "SecurityError"],
  ])("keeps an autofill that %s quiet, and does not ask again by itself", async (_, name) => {
    webAuthn({ autofill: true })
    const options = answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "c" }))
    ceremony.startAuthentication.mockRejectedValue(Object.assign(new Error(name), { name }))
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, handlers: signsInWithThePasskey().handlers })
    await waitFor(() => expect(ceremony.startAuthentication).toHaveBeenCalled())
    const button = await screen.findByRole("button", { name: "Sign in with a passkey" }, LAZY)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.queryByRole("alert")).toBeNull()
    expect(button).not.toHaveAccessibleDescription()
    expect(options).toHaveLength(1)
  })

  it("offers passkeys in the autofill again after the button's prompt was closed", async () => {
    webAuthn({ autofill: true })
    answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "c" }))
    // The autofill waits (until the button's ceremony aborts it); the button's prompt is closed.
    let abortAutofill!: (error: Error) => void
    ceremony.startAuthentication.mockImplementationOnce(() => new Promise((_, reject) => (abortAutofill = reject)))
    ceremony.startAuthentication.mockImplementationOnce(async () => {
      abortAutofill(Object.assign(new Error("aborted"), { name: "AbortError" }))
      throw closed()
    })
    ceremony.startAuthentication.mockImplementation(() => new Promise(() => {}))
    const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, handlers: signsInWithThePasskey().handlers })
    await waitFor(() => expect(ceremony.startAuthentication).toHaveBeenCalledTimes(1))
    const button = await screen.findByRole("button", { name: "Sign in with a passkey" }, LAZY)
    await user.click(button)
    await screen.findByText(/prompt was closed/)
    // The aborted autofill said nothing; a new one waits in the field, and the button works again.
    await waitFor(() => expect(ceremony.startAuthentication).toHaveBeenCalledTimes(3))
    expect(ceremony.startAuthentication.mock.calls.map(([options]) => options.useBrowserAutofill)).toEqual([true, false, true])
    expect(button).toBeEnabled()
  })

  it("does not ask the autofill again by itself after the passkey it gave was refused (an authenticator answering at once would loop)", async () => {
    webAuthn({ autofill: true })
    const options = answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "c" }))
    ceremony.startAuthentication.mockResolvedValue({ ...assertion, response: {} })
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, handlers: signsInWithThePasskey().handlers })
    await screen.findByText("This passkey was not accepted. Try again, or sign in another way.")
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(ceremony.startAuthentication).toHaveBeenCalledTimes(1)
    expect(options).toHaveLength(1)
  })

  it("says to wait when passkey sign-ins from this network are over their limit", async () => {
    answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ error: "rate_limited" }, { status: 429, headers: { "Retry-After": "60" } }))
    const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, handlers: signsInWithThePasskey().handlers })
    const button = await screen.findByRole("button", { name: "Sign in with a passkey" }, LAZY)
    await user.click(button)
    await waitFor(() => expect(button).toHaveAccessibleDescription("Too many attempts. Wait a few minutes, then try again."))
    expect(ceremony.startAuthentication).not.toHaveBeenCalled()
  })

  it("signs nobody in when the form is gone before the browser answers", async () => {
    answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "c" }))
    let pick!: (value: unknown) => void
    ceremony.startAuthentication.mockImplementation(() => new Promise((resolve) => (pick = resolve)))
    const { handlers, got } = signsInWithThePasskey()
    const { user, unmount, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, handlers })
    await user.click(await screen.findByRole("button", { name: "Sign in with a passkey" }, LAZY))
    await waitFor(() => expect(ceremony.startAuthentication).toHaveBeenCalled())
    unmount()
    pick(assertion)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(got).toEqual([])
    expect(navigate).not.toHaveBeenCalled()
  })

  it("shows the form's error when the server refuses the passkey, in plain words", async () => {
    answer("api/account/passkeys/sign-in-options", () => HttpResponse.json({ challenge: "c" }))
    ceremony.startAuthentication.mockResolvedValue({ ...assertion, response: {} })
    const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, handlers: signsInWithThePasskey().handlers })
    await user.click(await screen.findByRole("button", { name: "Sign in with a passkey" }, LAZY))
    const error = await screen.findByText("This passkey was not accepted. Try again, or sign in another way.")
    expect(error.closest("[role=alert]")).toHaveAttribute("data-error", "PasskeyInvalid")
    expect(navigate).not.toHaveBeenCalled()
  })

  it("speaks the provider's language", async () => {
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn, messages: de })
    expect(await screen.findByRole("button", { name: "Mit einem Passkey anmelden" })).toBeInTheDocument()
  })
})

describe("LoginForm without the passkey button", () => {
  it("has none, and asks nothing, when passkeys are off", async () => {
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    expect(await screen.findByLabelText("Email")).toHaveAttribute("autocomplete", "username")
    expect(screen.queryByRole("button", { name: /passkey/ })).toBeNull()
    expect(requests.filter((request) => request.includes("passkeys"))).toEqual([])
  })

  it("has none in a browser without WebAuthn", async () => {
    ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = undefined
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config: passkeysOn })
    const field = await screen.findByLabelText("Email")
    // The lazy part has loaded and decided: the rest of the form is there, no button.
    await screen.findByRole("button", { name: "Sign in" })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.queryByRole("button", { name: /passkey/ })).toBeNull()
    // The field still asks for passkeys, which a browser without WebAuthn ignores.
    expect(field).toHaveAttribute("autocomplete", "username webauthn")
    expect(requests.filter((request) => request.includes("passkeys"))).toEqual([])
  })

  it("has none without a credentials provider (the assertion signs in through it)", async () => {
    renderWithAuth(<LoginForm providers={[providers.github]} />, { session: null, config: passkeysOn })
    await screen.findByRole("button", { name: "Continue with GitHub" })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.queryByRole("button", { name: /passkey/ })).toBeNull()
  })
})
