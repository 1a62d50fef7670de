import type { Meta, StoryObj } from "@storybook/react-vite"
import { AuthErrorPage, AuthProvider, en, VerifyRequestPage } from "next-auth-kit"
import { de } from "next-auth-kit/locales/de"
import { expect } from "storybook/test"
import { messagesOf } from "../.storybook/locales"

/**
 * The pages next-auth sends users to, in the kit's words instead of next-auth's built-in English
 * pages: `AuthErrorPage` for `pages.error` (`?error=<code>`) and `VerifyRequestPage` for
 * `pages.verifyRequest` (after an email link was requested). Signed out, under the shared
 * provider with `loginPath: "/login"`; the toolbar's locale switches to German.
 */
const meta = {
  title: "Components/Auth pages",
  parameters: { seededSession: null, sessionCounter: false },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

// AuthErrorPage

/** An email link that was used already or expired: its own heading, and a new link from the login page. */
export const Verification: Story = {
  render: () => <AuthErrorPage error="Verification" titleAs="h1" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { level: 1, name: "This link has expired" })).toBeVisible()
    await expect(canvas.getByRole("alert")).toHaveTextContent(en.errors.Verification)
    await expect(canvas.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/login")
  },
}

/** The email is already linked to another provider: sign in the way used before. */
export const OAuthAccountNotLinked: Story = {
  render: () => <AuthErrorPage error="OAuthAccountNotLinked" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Signing in did not work" })).toBeVisible()
    await expect(canvas.getByRole("alert")).toHaveTextContent(en.errors.OAuthAccountNotLinked)
    await expect(canvas.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
  },
}

/** `signIn` callback returned false. */
export const AccessDenied: Story = {
  render: () => <AuthErrorPage error="AccessDenied" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("alert")).toHaveTextContent(en.errors.AccessDenied)
  },
}

/** A server misconfiguration: nothing about it reaches the user. */
export const Configuration: Story = {
  render: () => <AuthErrorPage error="Configuration" />,
  play: async ({ canvasElement, canvas }) => {
    await expect(canvas.getByRole("alert")).toHaveTextContent(en.errors.Configuration)
    await expect(canvasElement.textContent).not.toContain("Configuration")
  },
}

/** The OAuth provider's callback failed. */
export const OAuthCallback: Story = {
  render: () => <AuthErrorPage error="OAuthCallback" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("alert")).toHaveTextContent(en.errors.OAuthCallback)
  },
}

/** One of the kit's own codes, from `accounts.authorize`. */
export const EmailNotVerified: Story = {
  render: () => <AuthErrorPage error="EmailNotVerified" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("alert")).toHaveTextContent(en.errors.EmailNotVerified)
  },
}

/** An unknown code (next-auth's `Default`, or anything typed into the URL): the default sentence, never the code. */
export const UnknownCode: Story = {
  render: () => <AuthErrorPage error="<b>SomethingElse</b>" />,
  play: async ({ canvasElement, canvas }) => {
    await expect(canvas.getByRole("alert")).toHaveTextContent(en.errors.default)
    await expect(canvasElement.textContent).not.toContain("SomethingElse")
    await expect(canvasElement.querySelector("[data-slot=auth-error-page]")).toHaveAttribute("data-state", "default")
  },
}

/** No `error` and no `?error=` in the URL: the default sentence, `data-state="none"`. */
export const NoCode: Story = {
  render: () => <AuthErrorPage />,
  play: async ({ canvasElement, canvas }) => {
    await expect(await canvas.findByRole("alert")).toHaveTextContent(en.errors.default)
    await expect(canvasElement.querySelector("[data-slot=auth-error-page]")).toHaveAttribute("data-state", "none")
  },
}

/** Under a Next.js `basePath`: the link carries it, as the browser needs. */
export const UnderABasePath: Story = {
  parameters: { withoutProvider: true },
  render: (_, { globals }) => (
    <AuthProvider session={null} config={{ basePath: "/docs", loginPath: "/login" }} messages={messagesOf(globals)}>
      <AuthErrorPage error="Verification" />
    </AuthProvider>
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/docs/login")
  },
}

export const VerificationGerman: Story = {
  name: "Verification (German)",
  globals: { locale: "de" },
  render: () => <AuthErrorPage error="Verification" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Dieser Link ist abgelaufen" })).toBeVisible()
    await expect(canvas.getByRole("alert")).toHaveTextContent(de.errors.Verification)
    await expect(canvas.getByRole("link", { name: "Neuen Link anfordern" })).toHaveAttribute("href", "/login")
  },
}

// VerifyRequestPage

/** After an email sign-in link was requested (`?provider=email&type=email`). */
export const VerifyRequest: Story = {
  render: () => <VerifyRequestPage titleAs="h1" />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible()
    await expect(canvas.getByText("We sent you a sign-in link. It may take a minute to arrive.")).toBeVisible()
    await expect(canvas.getByText("Not there? Check your spam folder.")).toBeVisible()
    await expect(canvas.getByRole("link", { name: "Use another email" })).toHaveAttribute("href", "/login")
  },
}

export const VerifyRequestGerman: Story = {
  name: "VerifyRequest (German)",
  globals: { locale: "de" },
  render: () => <VerifyRequestPage />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Sehen Sie in Ihr Postfach" })).toBeVisible()
    await expect(canvas.getByText(de.authPages!.spam)).toBeVisible()
    await expect(canvas.getByRole("link", { name: "Andere E-Mail verwenden" })).toHaveAttribute("href", "/login")
  },
}
