import { screen, waitFor, within } from "@testing-library/react"
import { describe, expect, it } from "vitest"
import { LoginForm, LoginFormLink } from "../../../src/client"
import { de } from "../../../src/client/locales/de"
import { authHandlers, providers } from "../../../src/msw"
import { expectNoAxeViolations, renderWithAuth } from "../helpers"
import { requests } from "../setup"
import { accepted, answer, rateLimited } from "./helpers"

const pages = { signUp: "/signup", forgotPassword: "/forgot-password" }
const unverified = () => {
  throw new Error("EmailNotVerified")
}

describe("LoginForm and the account pages", () => {
  it("has no account links when none are configured", () => {
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    expect(screen.queryByRole("link")).toBeNull()
  })

  it('links to "Forgot password?" and "Create account" when config.accounts.pages has them, under the basePath', async () => {
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
      session: null,
      config: { basePath: "/app", loginPath: "/login", accounts: { pages } },
      basePath: "/app/api/auth",
    })
    const links = screen.getAllByRole("link")
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Forgot password?", "/app/forgot-password"],
      ["Create account", "/app/signup"],
    ])
    expect(links[0]).toHaveAttribute("data-slot", "login-form-link")
    await expectNoAxeViolations()
  })

  it("shows only the configured one", () => {
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
      session: null,
      config: { loginPath: "/login", accounts: { pages: { signUp: "/join" } } },
    })
    expect(screen.getAllByRole("link").map((a) => a.textContent)).toEqual(["Create account"])
  })

  it("leaves them out without a credentials provider, and when given a footer of the app's", () => {
    const { rerender } = renderWithAuth(<LoginForm providers={[providers.github]} />, {
      session: null,
      config: { loginPath: "/login", accounts: { pages } },
    })
    expect(screen.queryByRole("link")).toBeNull()
    rerender(<LoginForm providers={[providers.credentials]} footer={<LoginFormLink href="/help">Help</LoginFormLink>} />)
    expect(screen.getAllByRole("link").map((a) => a.textContent)).toEqual(["Help"])
  })

  it("speaks German", () => {
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
      session: null,
      messages: de,
      config: { loginPath: "/login", accounts: { pages } },
    })
    expect(screen.getByRole("link", { name: "Passwort vergessen?" })).toBeInTheDocument()
    expect(screen.getByRole("link", { name: "Konto erstellen" })).toBeInTheDocument()
  })

  describe("given an address that is not confirmed yet (EmailNotVerified, from a 0.2 server)", () => {
    async function signIn(user: ReturnType<typeof renderWithAuth>["user"]) {
      await user.type(screen.getByLabelText("Email"), "ada@example.com")
      await user.type(screen.getByLabelText("Password"), "right password")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      return screen.findByRole("alert")
    }

    it("says so, and sends the link again to the address in the form, neutrally", async () => {
      const resent = answer("api/account/resend-verification", accepted)
      const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
        session: null,
        handlers: authHandlers({ credentials: unverified }),
      })
      const alert = await signIn(user)
      await waitFor(() => expect(alert).toHaveTextContent("Confirm your email address first: open the link we sent you."))
      await waitFor(() => expect(alert).toHaveFocus())
      await expectNoAxeViolations()
      await user.tab()
      const again = within(alert).getByRole("button", { name: "Send the link again" })
      expect(again).toHaveFocus()
      await user.keyboard("{Enter}")
      await waitFor(() => expect(alert).toHaveTextContent("If the address needs it, we sent a new link. Check your inbox."))
      expect(resent.map((p) => p.body)).toEqual([{ email: "ada@example.com" }])
      expect(navigate).not.toHaveBeenCalled()
      await expectNoAxeViolations()
    })

    it("offers the button again after the next attempt", async () => {
      answer("api/account/resend-verification", accepted)
      const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
        session: null,
        handlers: authHandlers({ credentials: unverified }),
      })
      await signIn(user)
      await user.click(await screen.findByRole("button", { name: "Send the link again" }))
      await screen.findByText(/we sent a new link/)
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      expect(await screen.findByRole("button", { name: "Send the link again" })).toBeEnabled()
    })

    it("shows a failure without claiming a link went out", async () => {
      answer("api/account/resend-verification", () => rateLimited(60))
      const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
        session: null,
        handlers: authHandlers({ credentials: unverified }),
      })
      const alert = await signIn(user)
      await user.click(await within(alert).findByRole("button", { name: "Send the link again" }))
      await waitFor(() => expect(alert).toHaveTextContent("Something went wrong while signing in. Please try again."))
      expect(alert).not.toHaveTextContent(/new link/)
    })

    it("after ?error=EmailNotVerified, asks for the address first", async () => {
      window.history.replaceState(null, "", "/login?error=EmailNotVerified")
      const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
      await user.click(await screen.findByRole("button", { name: "Send the link again" }))
      expect(screen.getByLabelText("Email")).toHaveFocus()
      expect(requests).toEqual([])
    })

    it("has no resend button for a username form", async () => {
      renderWithAuth(<LoginForm providers={[providers.credentials]} identifier="username" error="EmailNotVerified" />, { session: null })
      expect(await screen.findByRole("alert")).toHaveTextContent("Confirm your email address first")
      expect(screen.queryByRole("button", { name: "Send the link again" })).toBeNull()
    })

    it("speaks German", async () => {
      renderWithAuth(<LoginForm providers={[providers.credentials]} error="EmailNotVerified" />, { session: null, messages: de })
      expect(await screen.findByRole("alert")).toHaveTextContent("Bestätigen Sie zuerst Ihre E-Mail-Adresse")
      expect(screen.getByRole("button", { name: "Link erneut senden" })).toBeInTheDocument()
    })
  })

  describe("given a refused password (CredentialsSignin: a wrong password, or an address not confirmed yet)", () => {
    const config = { loginPath: "/login", accounts: { pages } }
    async function signIn(user: ReturnType<typeof renderWithAuth>["user"], email = "new@example.com") {
      await user.type(screen.getByLabelText("Email"), email)
      await user.type(screen.getByLabelText("Password"), "some password")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      return screen.findByRole("alert")
    }

    it("follows the error with a quiet offer to send the confirmation link again, answered alike for every address", async () => {
      const resent = answer("api/account/resend-verification", accepted)
      const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
        session: null,
        config,
        handlers: authHandlers({ credentials: () => null }),
      })
      const alert = await signIn(user)
      await waitFor(() => expect(alert).toHaveTextContent("Those details did not match. Check them and try again."))
      const again = within(alert).getByRole("button", { name: "Didn't get the confirmation email? Send it again" })
      expect(again).toHaveClass("nak:kit-quiet")
      expect(again).toHaveAttribute("data-slot", "login-form-resend")
      await expectNoAxeViolations()
      await user.click(again)
      await waitFor(() => expect(alert).toHaveTextContent("If the address needs it, we sent a new link. Check your inbox."))
      expect(resent.map((p) => p.body)).toEqual([{ email: "new@example.com" }])
      expect(navigate).not.toHaveBeenCalled()
      await expectNoAxeViolations()

      // Another address, the same answer.
      await user.clear(screen.getByLabelText("Email"))
      await user.clear(screen.getByLabelText("Password"))
      const next = await signIn(user, "someone.else@example.com")
      await user.click(await within(next).findByRole("button", { name: "Didn't get the confirmation email? Send it again" }))
      await waitFor(() => expect(next).toHaveTextContent("If the address needs it, we sent a new link. Check your inbox."))
      expect(resent.map((p) => p.body.email)).toEqual(["new@example.com", "someone.else@example.com"])
    })

    it("after ?error=CredentialsSignin, asks for the address first", async () => {
      window.history.replaceState(null, "", "/login?error=CredentialsSignin")
      const { user } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null, config })
      await user.click(await screen.findByRole("button", { name: "Didn't get the confirmation email? Send it again" }))
      expect(screen.getByLabelText("Email")).toHaveFocus()
      expect(requests).toEqual([])
    })

    it("offers nothing when the app runs no accounts of the kit's (no config.accounts), nor for a username", async () => {
      const { rerender } = renderWithAuth(<LoginForm providers={[providers.credentials]} error="CredentialsSignin" />, { session: null })
      expect(await screen.findByRole("alert")).toHaveTextContent("Those details did not match.")
      expect(screen.queryByRole("button", { name: /confirmation email/ })).toBeNull()
      rerender(<LoginForm providers={[providers.credentials]} error="CredentialsSignin" identifier="username" key="username" />)
      expect(await screen.findByRole("alert")).toHaveTextContent("Those details did not match.")
      expect(screen.queryByRole("button", { name: /confirmation email/ })).toBeNull()
    })

    it("speaks German", async () => {
      renderWithAuth(<LoginForm providers={[providers.credentials]} error="CredentialsSignin" />, { session: null, config, messages: de })
      expect(await screen.findByRole("alert")).toHaveTextContent("Diese Angaben passen nicht.")
      expect(screen.getByRole("button", { name: "Keine Bestätigungs-E-Mail erhalten? Erneut senden" })).toBeInTheDocument()
    })
  })
})
