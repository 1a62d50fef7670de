import type { Meta, StoryObj } from "@storybook/react-vite"
import { LoginForm, LoginFormLink } from "next-auth-kit"
import { providerMarks } from "next-auth-kit/provider-marks"
import { delay, http } from "msw"
import { accountHandlers, authHandlers, type MockPasskeyAuthenticatorOptions, mockPasskeyAuthenticator, mockUsers, providers } from "next-auth-kit/msw"
import { expect, fn, userEvent, waitFor } from "storybook/test"

const navigation = () => (window as { __lastNavigation?: string }).__lastNavigation

/**
 * A complete sign-in form: credentials, OAuth buttons and an email link, as the providers
 * configure (fetched with `getProviders()` when not passed). It signs in with
 * `signIn(…, { redirect: false })`, shows next-auth's error codes as sentences in a live region
 * that takes focus, never says whether an account exists, blocks double submits, and then
 * sends the user to the sanitised `callbackUrl`.
 *
 * With passkeys on (`config.accounts.passkeys`), "Sign in with a passkey" (`LoginFormPasskey`)
 * and the browser's passkey autofill on the email field; the part is loaded on its own chunk.
 *
 * In these stories the mock users are `ada@example.com` and `grace@example.com`, password
 * `password`.
 */
const meta = {
  title: "Components/LoginForm",
  component: LoginForm,
  args: { onSuccess: fn(), onError: fn(), callbackUrl: "/dashboard" },
  parameters: { auth: "allProviders" },
} satisfies Meta<typeof LoginForm>

export default meta
type Story = StoryObj<typeof meta>

export const AllProviders: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("button", { name: "Continue with GitHub" })).toBeVisible()
    await expect(canvas.getByRole("button", { name: "Email me a sign-in link" })).toBeVisible()
  },
}

/** `marks={providerMarks}`: opt-in provider marks, hidden from assistive technology. */
export const WithProviderMarks: Story = {
  args: { marks: providerMarks },
  play: async ({ canvas }) => {
    const github = await canvas.findByRole("button", { name: "Continue with GitHub" })
    await expect(github.querySelector("svg")).toHaveAttribute("aria-hidden", "true")
  },
}

/** `footer`: links under the form, e.g. to reset a password or create an account. */
export const WithFooterLinks: Story = {
  args: {
    providers: [providers.credentials],
    footer: (
      <>
        <LoginFormLink href="#forgot-password">Forgot password?</LoginFormLink>
        <LoginFormLink href="#sign-up">Create account</LoginFormLink>
      </>
    ),
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("link", { name: "Forgot password?" })).toBeVisible()
    await expect(canvas.getByRole("link", { name: "Create account" })).toHaveAttribute("href", "#sign-up")
  },
}

export const CredentialsOnly: Story = {
  args: { providers: [providers.credentials] },
}

export const UsernameField: Story = {
  args: { providers: [providers.credentials], identifier: "username" },
}

export const LoadingProviders: Story = {
  name: "Loading providers (skeleton)",
  beforeEach: ({ msw }) => msw.use(...authHandlers({ delay: "infinite" })),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("status")).toHaveTextContent("Loading sign-in options…")
  },
}

export const SignInWithGoodCredentials: Story = {
  play: async ({ canvas, args }) => {
    await userEvent.type(await canvas.findByLabelText("Email", { selector: "[autocomplete=username]" }), "ada@example.com")
    await userEvent.type(canvas.getByLabelText("Password"), "password")
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledWith("/dashboard"))
    await expect(navigation()).toBe("/dashboard")
  },
}

export const CredentialsRejected: Story = {
  parameters: { auth: "credentialsRejected" },
  args: { providers: [providers.credentials] },
  play: async ({ canvas, args }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "ada@example.com")
    await userEvent.type(canvas.getByLabelText("Password"), "wrong")
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    const alert = await canvas.findByRole("alert")
    await expect(alert).toHaveTextContent("Those details did not match. Check them and try again.")
    await waitFor(() => expect(alert).toHaveFocus())
    await expect(args.onError).toHaveBeenCalledWith("CredentialsSignin")
  },
}

export const OAuthAccountNotLinked: Story = {
  name: "OAuth account not linked",
  args: { error: "OAuthAccountNotLinked" },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("alert")).toHaveTextContent(
      "This email already belongs to an account. Sign in the way you did before, then link this provider from your account page.",
    )
  },
}

export const EmailLinkSent: Story = {
  args: { providers: [providers.email] },
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "new@example.com")
    await userEvent.click(canvas.getByRole("button", { name: "Email me a sign-in link" }))
    await expect(await canvas.findByRole("heading", { name: "Check your inbox" })).toBeVisible()
    await expect(canvas.getByRole("status")).toHaveTextContent("new@example.com")
  },
}

export const OAuthButton: Story = {
  name: "OAuth button starts the provider's sign-in",
  args: { providers: [providers.github] },
  beforeEach: ({ msw }) => {
    // next-auth sends the browser to GitHub with the answer: hold it, so the story stays in
    // place, and record the request.
    const seen: string[] = []
    msw.events.on("request:start", ({ request }: { request: Request }) => void seen.push(new URL(request.url).pathname))
    ;(window as { __seen?: string[] }).__seen = seen
    msw.use(
      http.post("*/api/auth/signin/github", () => delay("infinite")),
      ...authHandlers({ providers: [providers.github] }),
    )
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Continue with GitHub" }))
    await waitFor(() => expect((window as { __seen?: string[] }).__seen).toContain("/api/auth/signin/github"))
    await expect(canvas.getByRole("button", { name: "Continue with GitHub" })).toBeDisabled()
  },
}

export const SlowNetwork: Story = {
  parameters: { auth: "slowNetwork" },
  args: { providers: [providers.credentials] },
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "grace@example.com")
    await userEvent.type(canvas.getByLabelText("Password"), "password")
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    await expect(canvas.getByRole("button", { name: "Signing in…" })).toBeDisabled()
    await waitFor(() => expect(navigation()).toBe("/dashboard"), { timeout: 8000 })
  },
}

export const LongErrorText: Story = {
  args: {
    providers: [providers.credentials],
    error: "CredentialsSignin",
    messages: {
      errors: {
        CredentialsSignin:
          "Those details did not match any account we could verify right now. Check your email address and password, make sure Caps Lock is off, and try again — or use the link we can send you instead.",
      },
    },
  },
}

export const Unstyled: Story = {
  args: { providers: [providers.credentials, providers.github], unstyled: true },
}

export const German: Story = {
  globals: { locale: "de" },
  args: { providers: [providers.credentials, providers.github], error: "CredentialsSignin" },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Anmelden" })).toBeVisible()
    await expect(canvas.getByRole("alert")).toHaveTextContent("Diese Angaben passen nicht.")
  },
}

export const Dark: Story = {
  globals: { theme: "dark" },
  args: { providers: [providers.credentials, providers.github], error: "CredentialsSignin" },
}

// Passkeys on (`config.accounts.passkeys`): the account mocks with passkeys (the server's engine,
// with the mocks' WebAuthn check), Grace holding the "pk-mac01" passkey, and mockPasskeyAuthenticator
// in place of the browser's prompt, which a story could not answer.
const passkeysOn = { loginPath: "/login", accounts: { passkeys: true } }
/** The story's handlers and authenticator (`device`); the browser's own is back after it. */
const passkeyDevice =
  (device: MockPasskeyAuthenticatorOptions = { passkeys: [{ id: "pk-mac01" }] }): Story["beforeEach"] =>
  ({ msw }) => {
    msw.use(...accountHandlers({ passkeys: {}, users: [{ ...mockUsers.grace, roles: [...mockUsers.grace.roles], password: "password", passkeys: [{ id: "pk-mac01", name: "MacBook" }] }] }))
    const installed = mockPasskeyAuthenticator(device).install()
    ;(window as { __authenticator?: typeof installed }).__authenticator = installed
    return () => installed.uninstall()
  }
// A passkey is checked with Web Crypto, through a few requests: more than a second on a busy machine.
const SLOW = { timeout: 10_000 }

/**
 * Passkeys on: "Sign in with a passkey" under the password form, and the browser's passkey autofill
 * on the email field (`autocomplete="username webauthn"`). The passkey names its user: no
 * address to type, and no two-factor code.
 */
export const SignInWithAPasskey: Story = {
  parameters: { config: passkeysOn },
  args: { providers: [providers.credentials] },
  beforeEach: passkeyDevice({ passkeys: [{ id: "pk-mac01" }], conditionalMediation: false }),
  play: async ({ canvas, args }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in with a passkey" }))
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledWith("/dashboard"), SLOW)
    await expect(navigation()).toBe("/dashboard")
  },
}

/** The passkey autofill: picking Grace's passkey among the email field's suggestions signs in. */
export const PasskeyAutofill: Story = {
  parameters: { config: passkeysOn },
  args: { providers: [providers.credentials] },
  beforeEach: passkeyDevice(),
  play: async ({ canvas, args }) => {
    const field = await canvas.findByLabelText("Email")
    await waitFor(() => expect(field).toHaveAttribute("autocomplete", "username webauthn"))
    const authenticator = (window as { __authenticator?: { waiting: boolean; choose(): Promise<boolean> } }).__authenticator!
    await waitFor(() => expect(authenticator.waiting).toBe(true), SLOW)
    await expect(await authenticator.choose()).toBe(true)
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledWith("/dashboard"), SLOW)
  },
}

/** The user closed the browser's prompt (or it timed out): said under the button, nobody signed in. */
export const PasskeyPromptClosed: Story = {
  parameters: { config: passkeysOn },
  args: { providers: [providers.credentials] },
  beforeEach: passkeyDevice({ fail: "cancelled", conditionalMediation: false }),
  play: async ({ canvas, args }) => {
    const button = await canvas.findByRole("button", { name: "Sign in with a passkey" })
    await userEvent.click(button)
    await waitFor(() => expect(button).toHaveAccessibleDescription("The passkey prompt was closed or timed out. Try again, or sign in another way."), SLOW)
    await expect(args.onSuccess).not.toHaveBeenCalled()
  },
}

/** A passkey the server does not know (removed from the account, say): the form's error, in plain words. */
export const PasskeyNotAccepted: Story = {
  parameters: { config: passkeysOn },
  args: { providers: [providers.credentials] },
  beforeEach: passkeyDevice({ passkeys: [{ id: "pk-gone1" }], conditionalMediation: false }),
  play: async ({ canvas, args }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in with a passkey" }))
    const alert = await canvas.findByText("This passkey was not accepted. Try again, or sign in another way.", {}, SLOW)
    await expect(alert.closest("[role=alert]")).toHaveAttribute("data-error", "PasskeyInvalid")
    await expect(args.onError).toHaveBeenCalledWith("PasskeyInvalid")
  },
}
