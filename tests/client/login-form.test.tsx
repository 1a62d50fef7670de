import { screen, waitFor } from "@testing-library/react"
import { describe, expect, it, vi } from "vitest"
import { LoginForm } from "../../src/client"
import { de } from "../../src/client/locales/de"
import { en } from "../../src/client/messages"
import { authHandlers, providers, scenarios } from "../../src/msw"
import { expectNoAxeViolations, renderWithAuth, expectLoggedOnly } from "./helpers"
import { requests } from "./setup"

const all = [providers.credentials, providers.github, providers.google, providers.email]
const accept = ({ email, password }: Record<string, string>) =>
  email === "ada@example.com" && password === "ada-password" ? { name: "Ada", email, roles: ["admin"] } : null

async function fillCredentials(user: ReturnType<typeof renderWithAuth>["user"], email: string, password: string) {
  await user.type(await screen.findByLabelText("Email"), email)
  await user.type(screen.getByLabelText("Password"), password)
}

describe("LoginForm", () => {
  it("shows a skeleton while it fetches the providers, then the options", async () => {
    renderWithAuth(<LoginForm />, { session: null, handlers: authHandlers({ providers: all, delay: 50 }) })
    expect(screen.getByRole("status")).toHaveTextContent("Loading sign-in options…")
    expect(await screen.findByRole("button", { name: "Continue with GitHub" })).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Continue with Google" })).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Email me a sign-in link" })).toBeInTheDocument()
    expect(screen.getByLabelText("Password")).toBeInTheDocument()
    await expectNoAxeViolations()
  })

  it("uses the right autocomplete attributes and a password toggle", async () => {
    const { user } = renderWithAuth(<LoginForm providers={all} />, { session: null })
    const [identifier, emailLink] = screen.getAllByLabelText("Email")
    expect(identifier).toHaveAttribute("autocomplete", "username")
    expect(identifier).toHaveAttribute("type", "email")
    expect(emailLink).toHaveAttribute("autocomplete", "email")
    const password = screen.getByLabelText("Password")
    expect(password).toHaveAttribute("autocomplete", "current-password")
    const toggle = screen.getByRole("button", { name: "Show password" })
    await user.click(toggle)
    expect(password).toHaveAttribute("type", "text")
    expect(screen.getByRole("button", { name: "Hide password" })).toHaveAttribute("aria-pressed", "true")
  })

  it("asks for a username when told to", () => {
    renderWithAuth(<LoginForm identifier="username" providers={[providers.credentials]} />, { session: null })
    expect(screen.getByLabelText("Username")).toHaveAttribute("autocomplete", "username")
  })

  describe("with good credentials", () => {
    it("signs in, calls onSuccess and navigates to the sanitised callbackUrl", async () => {
      const onSuccess = vi.fn()
      const { user, navigate } = renderWithAuth(<LoginForm callbackUrl="/dashboard?tab=1" onSuccess={onSuccess} />, {
        session: null,
        handlers: authHandlers({ credentials: accept }),
      })
      await fillCredentials(user, "ada@example.com", "ada-password")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/dashboard?tab=1"))
      expect(onSuccess).toHaveBeenCalledWith("/dashboard?tab=1")
    })

    it("takes the callbackUrl from the page's query, and never leaves the origin", async () => {
      window.history.replaceState(null, "", "/login?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal")
      const { user, navigate } = renderWithAuth(<LoginForm />, { session: null, handlers: authHandlers({ credentials: accept }) })
      await fillCredentials(user, "ada@example.com", "ada-password")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
    })

    it("follows a same-origin callbackUrl from the query", async () => {
      window.history.replaceState(null, "", "/login?callbackUrl=%2Fadmin")
      const { user, navigate } = renderWithAuth(<LoginForm />, { session: null, handlers: authHandlers({ credentials: accept }) })
      await fillCredentials(user, "ada@example.com", "ada-password")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/admin"))
    })

    it("submits once, however fast the clicks come", async () => {
      const { user, navigate } = renderWithAuth(<LoginForm />, {
        session: null,
        handlers: authHandlers({ credentials: accept, delay: 100 }),
      })
      await fillCredentials(user, "ada@example.com", "ada-password")
      const submit = screen.getByRole("button", { name: "Sign in" })
      await Promise.all([user.click(submit), user.click(submit), user.click(submit)])
      expect(await screen.findByRole("button", { name: "Signing in…" })).toBeDisabled()
      await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
      expect(requests.filter((r) => r === "POST /api/auth/callback/credentials")).toHaveLength(1)
    })
  })

  describe("with wrong credentials", () => {
    it("shows a message that does not say whether the account exists, and focuses it", async () => {
      const onError = vi.fn()
      const { user, navigate } = renderWithAuth(<LoginForm onError={onError} />, {
        session: null,
        handlers: scenarios.credentialsRejected(),
      })
      await fillCredentials(user, "nobody@example.com", "wrong")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      const alert = await screen.findByRole("alert")
      expect(alert).toHaveTextContent(en.errors.CredentialsSignin)
      expect(alert.textContent).not.toMatch(/exist|not found|unknown|no account/i)
      await waitFor(() => expect(alert).toHaveFocus())
      expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true")
      expect(screen.getByLabelText("Password")).toHaveAttribute("aria-describedby", alert.id)
      expect(onError).toHaveBeenCalledWith("CredentialsSignin")
      expect(navigate).not.toHaveBeenCalled()
      await expectNoAxeViolations()
    })

    it("lets the user try again, and clears the error on the next try", async () => {
      const { user, navigate } = renderWithAuth(<LoginForm />, { session: null, handlers: authHandlers({ credentials: accept }) })
      await fillCredentials(user, "ada@example.com", "nope")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      await screen.findByRole("alert")
      await user.clear(screen.getByLabelText("Password"))
      await user.type(screen.getByLabelText("Password"), "ada-password")
      await user.click(screen.getByRole("button", { name: "Sign in" }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
    })
  })

  it.each(Object.keys(en.errors).filter((code) => code !== "default"))(
    "shows ?error=%s from the URL as a human message",
    async (code) => {
      window.history.replaceState(null, "", `/login?error=${code}`)
      renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
      expect(await screen.findByRole("alert")).toHaveTextContent((en.errors as Record<string, string>)[code]!)
    },
  )

  it("shows an unknown error code as the default message, never the raw code", async () => {
    window.history.replaceState(null, "", "/login?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    const alert = await screen.findByRole("alert")
    expect(alert).toHaveTextContent(en.errors.default)
    expect(alert.textContent).not.toContain("script")
  })

  it("sends an email link and shows the check-your-inbox state", async () => {
    const { user } = renderWithAuth(<LoginForm providers={[providers.email]} />, {
      session: null,
      handlers: authHandlers({ providers: [providers.email] }),
    })
    await user.type(screen.getByLabelText("Email"), "new@example.com")
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }))
    const heading = await screen.findByRole("heading", { name: "Check your inbox" })
    expect(screen.getByRole("status")).toHaveTextContent("new@example.com")
    await waitFor(() => expect(heading).toHaveFocus())
    await expectNoAxeViolations()
    await user.click(screen.getByRole("button", { name: "Use another email" }))
    expect(screen.getByLabelText("Email")).toBeInTheDocument()
  })

  it("shows EmailSignin for an address the server refuses", async () => {
    const { user } = renderWithAuth(<LoginForm providers={[providers.email]} />, {
      session: null,
      handlers: authHandlers({ providers: [providers.email] }),
    })
    await user.type(screen.getByLabelText("Email"), "not-an-address")
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }))
    expect(await screen.findByRole("alert")).toHaveTextContent(en.errors.EmailSignin)
  })

  it("starts OAuth with next-auth's signIn for the provider", async () => {
    const { user } = renderWithAuth(<LoginForm providers={all} callbackUrl="/after" />, {
      session: null,
      handlers: authHandlers({ providers: all }),
    })
    const error = vi.spyOn(console, "error").mockImplementation(() => {}) // jsdom cannot navigate
    await user.click(screen.getByRole("button", { name: "Continue with GitHub" }))
    await waitFor(() => expect(requests).toContain("POST /api/auth/signin/github"))
    expectLoggedOnly(error, /Not implemented: navigation/)
    error.mockRestore()
  })

  it("signs in with the keyboard alone", async () => {
    const { user, navigate } = renderWithAuth(<LoginForm providers={[providers.credentials]} />, {
      session: null,
      handlers: authHandlers({ credentials: accept }),
    })
    await user.tab()
    expect(screen.getByLabelText("Email")).toHaveFocus()
    await user.keyboard("ada@example.com")
    await user.tab()
    expect(screen.getByLabelText("Password")).toHaveFocus()
    await user.keyboard("ada-password")
    await user.tab()
    expect(screen.getByRole("button", { name: "Show password" })).toHaveFocus()
    await user.tab()
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveFocus()
    await user.keyboard("{Enter}")
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
  })

  it("speaks German with the de messages", async () => {
    renderWithAuth(<LoginForm providers={[providers.credentials, providers.github]} error="CredentialsSignin" />, {
      session: null,
      messages: de,
    })
    expect(screen.getByRole("heading", { name: "Anmelden" })).toBeInTheDocument()
    expect(screen.getByLabelText("Passwort")).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Weiter mit GitHub" })).toBeInTheDocument()
    expect(screen.getByRole("alert")).toHaveTextContent(de.errors.CredentialsSignin)
  })

  it("takes className, classNames, data-slot and data-state, and can go unstyled", () => {
    const { container } = renderWithAuth(
      <LoginForm providers={[providers.credentials]} className="mine" classNames={{ submit: "my-submit" }} />,
      { session: null },
    )
    const root = container.querySelector('[data-slot="login-form"]')!
    expect(root).toHaveClass("mine")
    expect(root).toHaveAttribute("data-state", "idle")
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveClass("my-submit")
    expect(root.className.indexOf("mine")).toBeGreaterThan(root.className.indexOf("nak:"))
  })

  it("renders no kit classes when unstyled", () => {
    const { container } = renderWithAuth(<LoginForm unstyled providers={[providers.credentials]} />, { session: null })
    expect(container.innerHTML).not.toContain("nak:")
  })
})
