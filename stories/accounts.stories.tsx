import type { Decorator, Meta, StoryObj } from "@storybook/react-vite"
import { HttpResponse, http } from "msw"
import {
  AccountFormField,
  AccountFormFields,
  AccountFormFooter,
  AccountFormLink,
  AccountFormMessage,
  AccountFormSubmit,
  AccountFormTitle,
  type AccountPaths,
  AuthProvider,
  ChangePasswordForm,
  ForgotPasswordForm,
  LoginForm,
  ResetPasswordForm,
  SignUpForm,
  SignUpFormRoot,
  useAccountForm,
  VerifyEmail,
  VerifyEmailResend,
  VerifyEmailRoot,
  VerifyEmailStatus,
} from "next-auth-kit"
import { type AccountHandlers, accountHandlers, accountScenarios, authHandlers, mockUsers, providers } from "next-auth-kit/msw"
import { expect, fn, userEvent, waitFor } from "storybook/test"
import { messagesOf } from "../.storybook/locales"
// Translates the words it looks for in a test run in another language (see .storybook/translate.ts).
import { within } from "../.storybook/translate"

const navigation = () => (window as { __lastNavigation?: string }).__lastNavigation

const pages: NonNullable<AccountPaths["pages"]> = { signUp: "/signup", forgotPassword: "/forgot-password" }

/**
 * The provider of these stories: the shared config with `accounts.pages`, so the forms link to
 * each other, and the story's language. Navigation is recorded, not followed.
 */
const withAccounts: Decorator = (Story, { parameters, globals }) => (
  <AuthProvider
    config={{ loginPath: "/login", accounts: { pages: parameters.accountPages ?? pages } }}
    messages={messagesOf(globals)}
    navigate={(url) => {
      ;(window as { __lastNavigation?: string }).__lastNavigation = url
    }}
  >
    <Story />
  </AuthProvider>
)

const onSignUp = fn()

/** A token the mocks issued, for the stories that need a live link (set in `beforeEach`). */
let liveToken = ""

/** Uses `handlers` and asks them for a link, as the user's mailbox would receive it. */
async function issueToken(handlers: AccountHandlers, action: "signup" | "resend-verification" | "forgot-password", email: string) {
  const body = action === "signup" ? { email, password: "a long passphrase" } : { email }
  await fetch(`/api/account/${action}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
  liveToken = handlers.tokenFor(email, action === "forgot-password" ? "reset-password" : "verify-email") ?? ""
}

/**
 * The account lifecycle for the Credentials provider, against `createAccounts`' endpoints
 * (`/api/account/*`): `SignUpForm`, `VerifyEmail`, `ForgotPasswordForm`, `ResetPasswordForm`
 * and `ChangePasswordForm`, `LoginForm`'s links and its offer to send the confirmation link
 * again. Each form is also a root and parts (`SignUpFormRoot` with `AccountFormTitle`,
 * `AccountFormMessage`, `AccountFormFields`, `AccountFormField`, `AccountFormSubmit`,
 * `AccountFormFooter`; `VerifyEmailRoot` with `VerifyEmailStatus` and `VerifyEmailResend`):
 * the closed forms are their default assembly.
 *
 * Each form checks its fields before posting (required, email, 8–128 characters, the
 * confirmation), shows the server's field errors at their inputs (`aria-invalid`,
 * `aria-describedby`), sums up a failed submit in a live region that takes focus, says how long
 * to wait when rate limited, and never reveals whether an account exists. The stories run
 * against `accountScenarios` from `next-auth-kit/msw`, where Ada and Grace
 * (`ada@example.com`, `grace@example.com`) have accounts with the password `password`.
 */
const meta = {
  title: "Components/Accounts",
  decorators: [withAccounts],
  parameters: { withoutProvider: true },
  beforeEach: ({ msw }) => {
    liveToken = ""
    ;(window as { __lastNavigation?: string }).__lastNavigation = undefined
    msw.use(...accountScenarios.signedOut())
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

async function fillSignUp(canvas: ReturnType<typeof within>, password = "a long passphrase", email = "new@example.com") {
  await userEvent.type(canvas.getByLabelText("Name"), "Katherine")
  await userEvent.type(canvas.getByLabelText("Email"), email)
  await userEvent.type(canvas.getByLabelText("Password"), password)
}

// SignUpForm

/** `<SignUpForm />`: name (optional), email and a new password with its rules shown. */
export const SignUp: Story = {
  render: () => <SignUpForm />,
  play: async ({ canvas }) => {
    await expect(canvas.getByLabelText("Password")).toHaveAttribute("autocomplete", "new-password")
    await expect(canvas.getByText("At least 8 characters. Avoid common passwords.")).toBeVisible()
    await expect(canvas.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
  },
}

/** Checked before anything is posted: the summary takes focus, each field says what is wrong. */
export const SignUpFieldErrors: Story = {
  render: () => <SignUpForm />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "ada@")
    await userEvent.type(canvas.getByLabelText("Password"), "short")
    await userEvent.click(canvas.getByRole("button", { name: "Create account" }))
    await waitFor(() => expect(canvas.getByRole("alert")).toHaveFocus())
    await expect(canvas.getByRole("alert")).toHaveTextContent("Check the marked fields.")
    await expect(canvas.getByLabelText("Email")).toHaveAccessibleDescription("Enter an email address such as name@example.com.")
    await expect(canvas.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true")
    await expect(canvas.getByText("Use at least 8 characters.")).toBeVisible()
  },
}

/** The server's field codes land at their inputs: here `too_common` for a common password. */
export const SignUpCommonPassword: Story = {
  render: () => <SignUpForm />,
  play: async ({ canvas }) => {
    await fillSignUp(canvas, "password123")
    await userEvent.click(canvas.getByRole("button", { name: "Create account" }))
    await expect(await canvas.findByText("This password is too common. Choose another one.")).toBeVisible()
    await expect(canvas.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true")
  },
}

/** 202: the same sentence for a new and a taken address (its owner gets an email instead). */
export const SignUpSuccess: Story = {
  render: () => <SignUpForm onSuccess={onSignUp} />,
  play: async ({ canvas }) => {
    onSignUp.mockClear()
    await fillSignUp(canvas, "a long passphrase", "ada@example.com")
    await userEvent.click(canvas.getByRole("button", { name: "Create account" }))
    const done = await canvas.findByRole("status")
    await expect(done).toHaveTextContent("We sent an email to ada@example.com. Open the link in it to confirm your address.")
    await waitFor(() => expect(done).toHaveFocus())
    await expect(onSignUp).toHaveBeenCalledWith("ada@example.com")
  },
}

/** 429 with `Retry-After: 120`. */
export const SignUpRateLimited: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.rateLimited(120)),
  render: () => <SignUpForm />,
  play: async ({ canvas }) => {
    await fillSignUp(canvas)
    await userEvent.click(canvas.getByRole("button", { name: "Create account" }))
    await waitFor(() => expect(canvas.getByRole("alert")).toHaveTextContent("Too many attempts. Try again in 2 minutes."))
  },
}

/** 500 `internal_error`: a generic sentence, nothing from the server. */
export const SignUpServerError: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.serverError()),
  render: () => <SignUpForm />,
  play: async ({ canvas }) => {
    await fillSignUp(canvas)
    await userEvent.click(canvas.getByRole("button", { name: "Create account" }))
    await waitFor(() => expect(canvas.getByRole("alert")).toHaveTextContent("Something went wrong. Please try again."))
  },
}

/** While the request is on its way the button is disabled: a double click posts once. */
export const SignUpSubmitting: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.submitting()),
  render: () => <SignUpForm />,
  play: async ({ canvas }) => {
    await fillSignUp(canvas)
    await userEvent.dblClick(canvas.getByRole("button", { name: "Create account" }))
    await expect(await canvas.findByRole("button", { name: "Please wait…" })).toBeDisabled()
  },
}

export const SignUpGerman: Story = {
  name: "SignUp (German)",
  globals: { locale: "de" },
  render: () => <SignUpForm />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Konto erstellen" }))
    await expect(canvas.getByRole("alert")).toHaveTextContent("Bitte prüfen Sie die markierten Felder.")
    await expect(canvas.getByLabelText("Passwort")).toHaveAccessibleDescription(
      "Mindestens 8 Zeichen. Keine gängigen Passwörter. Bitte füllen Sie dieses Feld aus.",
    )
  },
}

/** A part of the app's own, reading the form's state. */
function Terms() {
  const { state } = useAccountForm("Terms")
  return state === "success" ? null : (
    <p style={{ margin: 0, fontSize: "0.875rem" }}>
      By creating an account you accept the <a href="#terms">terms</a>.
    </p>
  )
}

/**
 * `SignUpForm` is the default assembly of `SignUpFormRoot` and the shared parts: here they are
 * reordered, with a part of the app's own, its own button (`asChild`) and its own footer link.
 */
export const SignUpComposed: Story = {
  name: "SignUp composed from parts",
  render: () => (
    <SignUpFormRoot askName={false} titleAs="h1" onSuccess={onSignUp}>
      <AccountFormTitle>Join Acme</AccountFormTitle>
      <AccountFormMessage />
      <AccountFormFields>
        <AccountFormField name="email" placeholder="you@acme.example" />
        <AccountFormField name="password" label="Choose a password" />
        <Terms />
        <AccountFormSubmit asChild>
          <button type="submit" style={{ fontWeight: 700 }}>
            Join Acme
          </button>
        </AccountFormSubmit>
      </AccountFormFields>
      <AccountFormFooter>
        <AccountFormLink href="/login">I already have an account</AccountFormLink>
      </AccountFormFooter>
    </SignUpFormRoot>
  ),
  play: async ({ canvas }) => {
    onSignUp.mockClear()
    await expect(canvas.getByRole("heading", { level: 1, name: "Join Acme" })).toBeVisible()
    await userEvent.type(canvas.getByLabelText("Email"), "new@example.com")
    await userEvent.type(canvas.getByLabelText("Choose a password"), "a long passphrase")
    await userEvent.click(canvas.getByRole("button", { name: "Join Acme" }))
    await expect(await canvas.findByRole("status")).toHaveTextContent("We sent an email to new@example.com. Open the link in it to confirm your address.")
    await expect(onSignUp).toHaveBeenCalledWith("new@example.com")
    await expect(canvas.getByRole("link", { name: "I already have an account" })).toHaveAttribute("href", "/login")
  },
}

// VerifyEmail

const CONFIRM = "Confirm email address"

/** Opening the link confirms nothing: the page asks for a click, and posts nothing until then. */
export const VerifyEmailButton: Story = {
  render: () => <VerifyEmail token="a-token-from-the-email" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Confirm your email" })).toBeVisible()
    await expect(canvas.getByRole("button", { name: CONFIRM })).toBeEnabled()
    await expect(canvas.getByRole("status")).toBeEmptyDOMElement()
  },
}

/** After the click: the token is on its way, the button waits. */
export const VerifyEmailVerifying: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.submitting()),
  render: () => <VerifyEmail token="a-token-that-is-being-checked" />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("Confirming your email…"))
    await expect(canvas.getByRole("button", { name: "Please wait…" })).toBeDisabled()
  },
}

/**
 * A live link of a sign-up, confirmed by the click: the account is created, and the server's
 * single-use grant signs this browser in and sends it on to the `callbackUrl`.
 */
export const VerifyEmailVerified: Story = {
  beforeEach: async ({ msw }) => {
    const handlers = accountScenarios.signedOut()
    msw.use(...handlers)
    await issueToken(handlers, "signup", "katherine@example.com")
  },
  render: () => <VerifyEmail token={liveToken} callbackUrl="/welcome" />,
  play: async ({ canvas }) => {
    await expect(navigation()).toBeUndefined()
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(navigation()).toBe("/welcome"))
  },
}

/**
 * A live link of an account that 0.2 left unconfirmed: confirmed by the click, with no grant, so
 * the page says so and links to sign in.
 */
export const VerifyEmailConfirmedWithoutGrant: Story = {
  beforeEach: async ({ msw }) => {
    const handlers = accountScenarios.emailNotVerified()
    msw.use(...handlers)
    await issueToken(handlers, "resend-verification", "grace@example.com")
  },
  render: () => <VerifyEmail token={liveToken} />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("Your email is confirmed. You can sign in now."))
    await expect(canvas.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
  },
}

/**
 * A server that answers with a single-use sign-in grant: the page signs the browser in with it
 * (`signIn("credentials", { grant })`) and goes on to the `callbackUrl`.
 */
export const VerifyEmailSignsIn: Story = {
  name: "VerifyEmail signs in with a grant",
  beforeEach: ({ msw }) => {
    msw.use(
      http.post("*/api/account/verify-email", () => HttpResponse.json({ ok: true, grant: "a-single-use-grant" })),
      ...authHandlers({ credentials: (fields) => (fields.grant === "a-single-use-grant" ? mockUsers.ada : null) }),
    )
  },
  render: () => <VerifyEmail token="a-token-from-the-email" callbackUrl="/welcome" />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(navigation()).toBe("/welcome"))
    await expect(canvas.getByRole("status")).toHaveTextContent("Confirming your email…")
  },
}

/**
 * The link of an email change: the server answers the account's new address and no grant, so the
 * page says which address the account now has and signs nobody in.
 */
export const VerifyEmailEmailChanged: Story = {
  name: "VerifyEmail confirms a new address",
  beforeEach: ({ msw }) => {
    msw.use(http.post("*/api/account/verify-email", () => HttpResponse.json({ ok: true, email: "ada@new.example.com" })))
  },
  render: () => <VerifyEmail token="a-token-from-the-email" />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("Your email address is now ada@new.example.com."))
    await expect(canvas.queryByRole("link", { name: "Sign in" })).toBeNull()
  },
}

/** A used or expired link: a way to ask for a new one, answered neutrally. */
export const VerifyEmailInvalidToken: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.invalidToken("used")),
  render: () => <VerifyEmail token="a-used-token" />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("This link is invalid or has expired."))
    await userEvent.type(canvas.getByLabelText("Email"), "nobody@example.com")
    await userEvent.click(canvas.getByRole("button", { name: "Send a new link" }))
    await waitFor(() => expect(canvas.getAllByRole("status").at(-1)).toHaveTextContent("If the address needs it, we sent a new link."))
  },
}

/** No `?token=` in the URL and no `token` prop: the invalid state, without a button or a request. */
export const VerifyEmailMissingToken: Story = {
  render: () => <VerifyEmail />,
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("This link is invalid or has expired."))
    await expect(canvas.queryByRole("button", { name: CONFIRM })).toBeNull()
  },
}

export const VerifyEmailRateLimited: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.rateLimited(300)),
  render: () => <VerifyEmail token="any-token" />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("Too many attempts. Try again in 5 minutes."))
    await expect(canvas.getByRole("button", { name: CONFIRM })).toBeEnabled()
  },
}

/** `VerifyEmailRoot` and its parts, with the app's own words around the button. */
export const VerifyEmailComposed: Story = {
  name: "VerifyEmail composed from parts",
  beforeEach: async ({ msw }) => {
    const handlers = accountScenarios.emailNotVerified()
    msw.use(...handlers)
    await issueToken(handlers, "resend-verification", "grace@example.com")
  },
  render: () => (
    <VerifyEmailRoot token={liveToken} titleAs="h1">
      <AccountFormTitle>One last step</AccountFormTitle>
      <p style={{ margin: 0 }}>Confirm the address you signed up with, and you are in.</p>
      <VerifyEmailStatus />
      <AccountFormFields />
      <VerifyEmailResend />
    </VerifyEmailRoot>
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { level: 1, name: "One last step" })).toBeVisible()
    await userEvent.click(canvas.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("Your email is confirmed."))
  },
}

// ForgotPasswordForm

export const ForgotPassword: Story = {
  render: () => <ForgotPasswordForm />,
  play: async ({ canvas }) => {
    await expect(canvas.getByLabelText("Email")).toHaveAttribute("autocomplete", "email")
  },
}

/** The same neutral sentence for a known and an unknown address. */
export const ForgotPasswordSent: Story = {
  render: () => <ForgotPasswordForm />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "nobody@example.com")
    await userEvent.click(canvas.getByRole("button", { name: "Email me a reset link" }))
    await expect(await canvas.findByRole("status")).toHaveTextContent(
      "If an account uses nobody@example.com, we sent it a link to reset the password.",
    )
  },
}

export const ForgotPasswordInvalidEmail: Story = {
  render: () => <ForgotPasswordForm />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "not-an-address")
    await userEvent.click(canvas.getByRole("button", { name: "Email me a reset link" }))
    await expect(canvas.getByLabelText("Email")).toHaveAccessibleDescription("Enter an email address such as name@example.com.")
  },
}

export const ForgotPasswordRateLimited: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.rateLimited(60)),
  render: () => <ForgotPasswordForm />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "ada@example.com")
    await userEvent.click(canvas.getByRole("button", { name: "Email me a reset link" }))
    await waitFor(() => expect(canvas.getByRole("alert")).toHaveTextContent("Too many attempts. Try again in 1 minute."))
  },
}

// ResetPasswordForm

export const ResetPassword: Story = {
  render: () => <ResetPasswordForm token="a-token" />,
}

/** The confirmation is checked here and never sent. */
export const ResetPasswordMismatch: Story = {
  render: () => <ResetPasswordForm token="a-token" />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("New password"), "a long passphrase")
    await userEvent.type(canvas.getByLabelText("Confirm new password"), "a long passfrase")
    await userEvent.click(canvas.getByRole("button", { name: "Set a new password" }))
    await expect(canvas.getByLabelText("Confirm new password")).toHaveAccessibleDescription("The passwords do not match.")
  },
}

/** A live reset link: the new password is set, every session ends, a link to sign in. */
export const ResetPasswordSuccess: Story = {
  beforeEach: async ({ msw }) => {
    const handlers = accountScenarios.signedOut()
    msw.use(...handlers)
    await issueToken(handlers, "forgot-password", "ada@example.com")
  },
  render: () => <ResetPasswordForm token={liveToken} />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("New password"), "a long passphrase")
    await userEvent.type(canvas.getByLabelText("Confirm new password"), "a long passphrase")
    await userEvent.click(canvas.getByRole("button", { name: "Set a new password" }))
    await expect(await canvas.findByRole("status")).toHaveTextContent("Your password is changed, and you are signed out everywhere.")
    await expect(canvas.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
  },
}

/** An expired link: a clear dead end, with a link to ask for a new one. */
export const ResetPasswordInvalidToken: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.invalidToken("expired")),
  render: () => <ResetPasswordForm token="an-expired-token" />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("New password"), "a long passphrase")
    await userEvent.type(canvas.getByLabelText("Confirm new password"), "a long passphrase")
    await userEvent.click(canvas.getByRole("button", { name: "Set a new password" }))
    await expect(await canvas.findByRole("alert")).toHaveTextContent("This link is invalid or has expired.")
    await expect(canvas.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/forgot-password")
  },
}

export const ResetPasswordGerman: Story = {
  name: "ResetPassword (German)",
  globals: { locale: "de" },
  render: () => <ResetPasswordForm token="a-token" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByLabelText("Neues Passwort")).toHaveAccessibleDescription("Mindestens 8 Zeichen. Keine gängigen Passwörter.")
  },
}

// ChangePasswordForm

/** Signed in as Grace, whose password is `password`. */
export const ChangePassword: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.signedInForChangePassword()),
  render: () => <ChangePasswordForm />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByLabelText("Current password")).toHaveAttribute("autocomplete", "current-password")
  },
}

export const ChangePasswordWrongCurrent: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.signedInForChangePassword()),
  render: () => <ChangePasswordForm />,
  play: async ({ canvas }) => {
    await userEvent.type(await canvas.findByLabelText("Current password"), "not my password")
    await userEvent.type(canvas.getByLabelText("New password"), "a long passphrase")
    await userEvent.type(canvas.getByLabelText("Confirm new password"), "a long passphrase")
    await userEvent.click(canvas.getByRole("button", { name: "Change password" }))
    await expect(await canvas.findByText("This is not your current password.")).toBeVisible()
  },
}

export const ChangePasswordSuccess: Story = {
  beforeEach: ({ msw }) => msw.use(...accountScenarios.signedInForChangePassword()),
  render: () => <ChangePasswordForm />,
  play: async ({ canvas }) => {
    await userEvent.type(await canvas.findByLabelText("Current password"), "password")
    await userEvent.type(canvas.getByLabelText("New password"), "a long passphrase")
    await userEvent.type(canvas.getByLabelText("Confirm new password"), "a long passphrase")
    await userEvent.click(canvas.getByRole("button", { name: "Change password" }))
    await expect(await canvas.findByRole("status")).toHaveTextContent("Your password is changed.")
  },
}

/** Signed out (or a 401): a prompt to sign in again, coming back here afterwards. */
export const ChangePasswordSignedOut: Story = {
  render: () => <ChangePasswordForm />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Your session has ended. Sign in again to continue.")
    await expect(canvas.getByRole("link", { name: "Sign in" }).getAttribute("href")).toMatch(/^\/login\?callbackUrl=/)
  },
}

// LoginForm

/** With `config.accounts.pages`, `LoginForm` links to the sign-up and forgot-password pages. */
export const LoginFormWithAccountLinks: Story = {
  render: () => <LoginForm providers={[providers.credentials]} />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("link", { name: "Forgot password?" })).toHaveAttribute("href", "/forgot-password")
    await expect(canvas.getByRole("link", { name: "Create account" })).toHaveAttribute("href", "/signup")
  },
}

/**
 * A refused password: an unconfirmed address is refused exactly as a wrong one
 * (`CredentialsSignin`), so the error quietly offers to send the confirmation link again, and
 * says the same for any address.
 */
export const LoginFormResendConfirmation: Story = {
  render: () => <LoginForm providers={[providers.credentials]} redirectOnSuccess={false} />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "nobody@example.com")
    await userEvent.type(canvas.getByLabelText("Password"), "not the password")
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    const alert = await canvas.findByRole("alert")
    await waitFor(() => expect(alert).toHaveTextContent("Those details did not match."))
    await userEvent.click(within(alert).getByRole("button", { name: "Didn't get the confirmation email? Send it again" }))
    await waitFor(() => expect(alert).toHaveTextContent("If the address needs it, we sent a new link."))
    await expect(navigation()).toBeUndefined()
  },
}

/**
 * A 0.2 server, whose `authorize` answers an unconfirmed address with `EmailNotVerified` (0.3's
 * answers `CredentialsSignin`): the error offers to send the link again, neutrally.
 */
export const LoginFormEmailNotVerified: Story = {
  beforeEach: ({ msw }) =>
    msw.use(
      ...accountHandlers({
        auth: {
          credentials: () => {
            throw new Error("EmailNotVerified")
          },
        },
      }),
    ),
  render: () => <LoginForm providers={[providers.credentials]} redirectOnSuccess={false} />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "grace@example.com")
    await userEvent.type(canvas.getByLabelText("Password"), "password")
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    const alert = await canvas.findByRole("alert")
    await waitFor(() => expect(alert).toHaveTextContent("Confirm your email address first"))
    await userEvent.click(within(alert).getByRole("button", { name: "Send the link again" }))
    await waitFor(() => expect(alert).toHaveTextContent("If the address needs it, we sent a new link."))
    await expect(navigation()).toBeUndefined()
  },
}
