/** Server rendering of the account forms: no window, no request, no token read until hydration. */
import { renderToString } from "react-dom/server"
import { describe, expect, it } from "vitest"
import { AuthProvider, ChangePasswordForm, ForgotPasswordForm, LoginForm, ResetPasswordForm, SignUpForm, VerifyEmail } from "../../../src/client"
import { mockSession } from "../../../src/msw"
import { requests } from "../setup"

describe("server rendering of the account forms", () => {
  it("renders each form without touching the browser or the network", () => {
    const html = renderToString(
      <AuthProvider session={null} config={{ loginPath: "/login", accounts: { pages: { signUp: "/signup" } } }}>
        <SignUpForm />
        <VerifyEmail />
        <ForgotPasswordForm />
        <ResetPasswordForm />
        <ChangePasswordForm />
        <LoginForm providers={[{ id: "credentials", name: "Credentials", type: "credentials" }]} error="EmailNotVerified" />
      </AuthProvider>,
    )
    expect(html).toMatch(/autocomplete="new-password"/i)
    // The confirmation page's button, and no request: only its click confirms.
    expect(html).toContain("Confirm email address")
    expect(html).not.toContain("Confirming your email…")
    expect(html).toContain("Your session has ended.")
    expect(html).toContain('href="/signup"')
    expect(html).toContain("Send the link again")
    expect(requests).toEqual([])
  })

  it("renders the change-password form for a seeded session", () => {
    const html = renderToString(
      <AuthProvider session={mockSession()}>
        <ChangePasswordForm />
      </AuthProvider>,
    )
    expect(html).toMatch(/autocomplete="current-password"/i)
  })
})
