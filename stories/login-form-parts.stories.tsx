import type { Meta, StoryObj } from "@storybook/react-vite"
import {
  LoginFormCheckInbox,
  LoginFormCredentials,
  LoginFormDivider,
  LoginFormEmailLink,
  LoginFormError,
  LoginFormField,
  LoginFormFooter,
  LoginFormIdentifierField,
  LoginFormLink,
  LoginFormOAuthButtons,
  LoginFormPasswordField,
  LoginFormRoot,
  LoginFormSkeleton,
  LoginFormSubmit,
  LoginFormTitle,
  useSignIn,
} from "next-auth-kit"
import { providerMarks } from "next-auth-kit/provider-marks"
import { delay, http } from "msw"
import { authHandlers, providers } from "next-auth-kit/msw"
import { expect, fn, userEvent, waitFor } from "storybook/test"

const navigation = () => (window as { __lastNavigation?: string }).__lastNavigation
const received = () => (window as { __received?: Array<Record<string, string>> }).__received ?? []

/**
 * `LoginForm` is an assembly of parts that share a context: `LoginFormRoot` runs the sign-in
 * (`useSignIn`) and fetches the providers; the parts (`LoginFormTitle`, `LoginFormError`,
 * `LoginFormCredentials` with its fields and submit, `LoginFormDivider`,
 * `LoginFormOAuthButtons`, `LoginFormEmailLink`, `LoginFormCheckInbox`, `LoginFormFooter`
 * with `LoginFormLink`s) go in any order. Every named input inside `LoginFormCredentials` is
 * sent to `signIn("credentials", …)`, so a field of your own reaches `authorize`.
 *
 * ```tsx
 * <LoginFormRoot callbackUrl="/dashboard" titleAs="h1">
 *   <LoginFormTitle>Sign in to Acme</LoginFormTitle>
 *   <LoginFormOAuthButtons marks={providerMarks} />
 *   <LoginFormDivider />
 *   <LoginFormError />
 *   <LoginFormCredentials>
 *     <LoginFormField name="companyCode" label="Company code" autoComplete="organization" />
 *     <LoginFormIdentifierField />
 *     <LoginFormPasswordField />
 *     <LoginFormSubmit />
 *   </LoginFormCredentials>
 *   <LoginFormEmailLink />
 *   <LoginFormCheckInbox />
 *   <LoginFormFooter>
 *     <LoginFormLink href="/forgot-password">Forgot password?</LoginFormLink>
 *     <LoginFormLink href="/sign-up">Create account</LoginFormLink>
 *   </LoginFormFooter>
 * </LoginFormRoot>
 * ```
 */
const meta = {
  title: "Components/LoginForm parts",
  component: LoginFormRoot,
  args: { onSuccess: fn(), onError: fn(), callbackUrl: "/dashboard" },
  parameters: { auth: "allProviders" },
} satisfies Meta<typeof LoginFormRoot>

export default meta
type Story = StoryObj<typeof meta>

export const CustomAssembly: Story = {
  name: "Custom assembly: OAuth first, a company code, footer links",
  args: { titleAs: "h1" },
  beforeEach: ({ msw }) => {
    // Records what next-auth posted to /callback/credentials, and accepts Ada from ACME.
    const seen: Array<Record<string, string>> = []
    ;(window as { __received?: typeof seen }).__received = seen
    msw.use(
      ...authHandlers({
        providers: [providers.credentials, providers.github, providers.google, providers.email],
        credentials: (fields) => {
          seen.push(fields)
          return fields.companyCode === "ACME" && fields.password === "password"
            ? { name: "Ada Lovelace", email: fields.email ?? "", roles: ["admin"] }
            : null
        },
      }),
    )
  },
  render: (args) => (
    <LoginFormRoot {...args}>
      <LoginFormTitle>Sign in to Acme</LoginFormTitle>
      <LoginFormSkeleton />
      <LoginFormOAuthButtons marks={providerMarks} />
      <LoginFormDivider />
      <LoginFormError />
      <LoginFormCredentials>
        <LoginFormField name="companyCode" label="Company code" autoComplete="organization" autoCapitalize="characters" />
        <LoginFormIdentifierField />
        <LoginFormPasswordField />
        <LoginFormSubmit />
      </LoginFormCredentials>
      <LoginFormEmailLink />
      <LoginFormCheckInbox />
      <LoginFormFooter>
        <LoginFormLink href="#forgot-password">Forgot password?</LoginFormLink>
        <LoginFormLink href="#sign-up">Create account</LoginFormLink>
      </LoginFormFooter>
    </LoginFormRoot>
  ),
  play: async ({ canvas, args }) => {
    const heading = canvas.getByRole("heading", { level: 1, name: "Sign in to Acme" })
    const github = await canvas.findByRole("button", { name: "Continue with GitHub" })
    await expect(github.querySelector("svg")).toHaveAttribute("aria-hidden", "true")
    const company = canvas.getByLabelText("Company code")
    // The team's order: heading, OAuth, then the credentials form with the company code first.
    await expect(heading.compareDocumentPosition(github) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    await expect(github.compareDocumentPosition(company) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    await expect(canvas.getByRole("link", { name: "Create account" })).toBeVisible()

    await userEvent.type(company, "ACME")
    await userEvent.type(canvas.getByLabelText("Email", { selector: "[autocomplete=username]" }), "ada@example.com")
    await userEvent.type(canvas.getByLabelText("Password"), "password")
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledWith("/dashboard"))
    await expect(navigation()).toBe("/dashboard")
    await expect(received()).toEqual([{ companyCode: "ACME", email: "ada@example.com", password: "password", redirect: "false" }])
  },
}

export const CheckInboxAsH1: Story = {
  name: "Check your inbox, with titleAs h1",
  args: { titleAs: "h1", providers: [providers.email] },
  render: (args) => (
    <LoginFormRoot {...args}>
      <LoginFormTitle />
      <LoginFormError />
      <LoginFormEmailLink />
      <LoginFormCheckInbox />
    </LoginFormRoot>
  ),
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "new@example.com")
    await userEvent.click(canvas.getByRole("button", { name: "Email me a sign-in link" }))
    const heading = await canvas.findByRole("heading", { level: 1, name: "Check your inbox" })
    await waitFor(() => expect(heading).toHaveFocus())
    await expect(canvas.getByRole("button", { name: "Use another email" })).toHaveAttribute("data-slot", "login-form-use-another-email")
  },
}

/** `useSignIn` without the parts: the state machine behind `LoginForm`, under your own markup. */
function CompactLogin({ callbackUrl }: { callbackUrl?: string }) {
  const { credentials, pending, error } = useSignIn({ callbackUrl })
  return (
    <form
      style={{ display: "flex", gap: "0.5rem", alignItems: "center", flexWrap: "wrap" }}
      onSubmit={(event) => {
        event.preventDefault()
        void credentials(new FormData(event.currentTarget))
      }}
    >
      <input name="email" type="email" autoComplete="username" aria-label="Email" />
      <input name="password" type="password" autoComplete="current-password" aria-label="Password" />
      <button type="submit" disabled={pending !== null}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {error ? <p role="alert">Those details did not match ({error}).</p> : null}
    </form>
  )
}

export const UseSignInHook: Story = {
  name: "useSignIn with a bare form",
  render: (args) => <CompactLogin callbackUrl={args.callbackUrl} />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Email"), "grace@example.com")
    await userEvent.type(canvas.getByLabelText("Password"), "password")
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(navigation()).toBe("/dashboard"))
  },
}

export const OAuthWithMarks: Story = {
  name: "OAuth buttons with provider marks",
  args: {
    providers: [
      { id: "github", name: "GitHub", type: "oauth" },
      { id: "google", name: "Google", type: "oauth" },
      { id: "apple", name: "Apple", type: "oauth" },
      { id: "azure-ad", name: "Microsoft", type: "oauth" },
      { id: "discord", name: "Discord", type: "oauth" },
      { id: "gitlab", name: "GitLab", type: "oauth" },
    ],
  },
  beforeEach: ({ msw }) => {
    msw.use(http.post("*/api/auth/signin/:provider", () => delay("infinite")))
  },
  render: (args) => (
    <LoginFormRoot {...args}>
      <LoginFormTitle />
      <LoginFormOAuthButtons marks={providerMarks} />
    </LoginFormRoot>
  ),
  play: async ({ canvas }) => {
    for (const name of ["GitHub", "Google", "Apple", "Microsoft", "Discord", "GitLab"]) {
      // The mark is aria-hidden: the name stays "Continue with GitHub", not "GitHub Continue with GitHub".
      const button = canvas.getByRole("button", { name: `Continue with ${name}` })
      await expect(button.querySelector('svg[aria-hidden="true"]')).not.toBeNull()
    }
  },
}
