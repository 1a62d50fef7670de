/**
 * The pages next-auth sends users to: `pages.error` (`AuthErrorPage`, with `?error=<code>`) and
 * `pages.verifyRequest` (`VerifyRequestPage`, after an email link was requested).
 */
import { screen, waitFor } from "@testing-library/react"
import { renderToString } from "react-dom/server"
import { afterEach, describe, expect, it, vi } from "vitest"
import { AuthErrorPage, AuthProvider, en, LoginForm, VerifyRequestPage } from "../../src/client"
import { de } from "../../src/client/locales/de"
import { providers } from "../../src/msw"
import { expectNoAxeViolations, renderWithAuth } from "./helpers"
import { requests } from "./setup"

const sentence = (code: string) => (en.errors as Record<string, string>)[code]!
const root = () => document.querySelector("[data-slot=auth-error-page]")!

// next-auth's own codes (its `Default` included) and the kit's.
const NEXT_AUTH_CODES = [
  "Configuration",
  "AccessDenied",
  "Verification",
  "OAuthSignin",
  "OAuthCallback",
  "OAuthCreateAccount",
  "EmailCreateAccount",
  "Callback",
  "OAuthAccountNotLinked",
  "EmailSignin",
  "CredentialsSignin",
  "SessionRequired",
]
const KIT_CODES = ["EmailNotVerified", "MfaRequired", "MfaInvalid", "RateLimited"]

describe("AuthErrorPage", () => {
  describe.each([...NEXT_AUTH_CODES, ...KIT_CODES])("given ?error=%s", (code) => {
    it("shows the code's sentence in an alert, never the code itself", async () => {
      window.history.replaceState(null, "", `/auth/error?error=${code}`)
      renderWithAuth(<AuthErrorPage />, { session: null })
      expect(await screen.findByRole("alert")).toHaveTextContent(sentence(code))
      expect(root()).toHaveAttribute("data-state", code)
      expect(document.body.textContent).not.toContain(code)
      expect(screen.getByRole("link")).toHaveAttribute("href", "/login")
    })
  })

  it.each(["Default", "Unknown", "<script>alert(1)</script>", "__proto__", "constructor", "toString"])(
    "shows the default sentence for ?error=%s, and never echoes it",
    async (code) => {
      window.history.replaceState(null, "", `/auth/error?error=${encodeURIComponent(code)}`)
      renderWithAuth(<AuthErrorPage />, { session: null })
      expect(await screen.findByRole("alert")).toHaveTextContent(en.errors.default)
      expect(root()).toHaveAttribute("data-state", "default")
      expect(document.body.textContent).not.toContain(code)
      expect(document.body.innerHTML).not.toContain("<script>")
    },
  )

  it("says something went wrong when there is no code, with data-state none", async () => {
    window.history.replaceState(null, "", "/auth/error")
    renderWithAuth(<AuthErrorPage />, { session: null })
    expect(await screen.findByRole("alert")).toHaveTextContent(en.errors.default)
    expect(root()).toHaveAttribute("data-state", "none")
    expect(screen.getByRole("heading", { name: "Signing in did not work" })).toBeInTheDocument()
    expect(requests).toEqual([])
  })

  it("prefers the given error to the URL's", async () => {
    window.history.replaceState(null, "", "/auth/error?error=AccessDenied")
    renderWithAuth(<AuthErrorPage error="Configuration" />, { session: null })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(screen.getByRole("alert")).toHaveTextContent(sentence("Configuration"))
  })

  describe("given an expired email link (Verification)", () => {
    it("says so in the heading and offers a new link from the login page", async () => {
      renderWithAuth(<AuthErrorPage error="Verification" titleAs="h1" />, { session: null })
      expect(screen.getByRole("heading", { level: 1, name: "This link has expired" })).toBeInTheDocument()
      expect(screen.getByRole("alert")).toHaveTextContent(sentence("Verification"))
      expect(screen.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/login")
      await expectNoAxeViolations()
    })
  })

  it("sends OAuthAccountNotLinked back to the login page to sign in the way used before, then link the provider", async () => {
    renderWithAuth(<AuthErrorPage error="OAuthAccountNotLinked" />, { session: null })
    expect(screen.getByRole("heading", { name: "Signing in did not work" })).toBeInTheDocument()
    expect(screen.getByRole("alert")).toHaveTextContent("This email already belongs to an account.")
    expect(screen.getByRole("alert")).toHaveTextContent("Sign in the way you did before, then link this provider from your account page.")
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
    await expectNoAxeViolations()
  })

  it("links under the app's basePath, or to signInHref as given", () => {
    const { rerender } = renderWithAuth(<AuthErrorPage error="AccessDenied" />, {
      session: null,
      config: { basePath: "/docs", loginPath: "/sign-in" },
      loginPath: undefined,
    })
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/docs/sign-in")
    rerender(<AuthErrorPage error="AccessDenied" signInHref="/elsewhere?x=1" />)
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/elsewhere?x=1")
  })

  it("speaks German with the de messages", () => {
    renderWithAuth(<AuthErrorPage error="Verification" />, { session: null, messages: de })
    expect(screen.getByRole("heading", { name: "Dieser Link ist abgelaufen" })).toBeInTheDocument()
    expect(screen.getByRole("alert")).toHaveTextContent(de.errors.Verification)
    expect(screen.getByRole("link", { name: "Neuen Link anfordern" })).toBeInTheDocument()
  })

  it("takes some strings for one page and fills in the rest", () => {
    renderWithAuth(<AuthErrorPage error="AccessDenied" messages={{ authPages: { error: "No entry" }, errors: { AccessDenied: "Not you." } }} />, {
      session: null,
    })
    expect(screen.getByRole("heading", { name: "No entry" })).toBeInTheDocument()
    expect(screen.getByRole("alert")).toHaveTextContent("Not you.")
  })

  it("has a data-slot on every part, the user's classes, and none of the kit's when unstyled", () => {
    renderWithAuth(<AuthErrorPage error="AccessDenied" className="page" classNames={{ error: "oops" }} />, { session: null })
    expect(root()).toHaveClass("nak:kit-root", "page")
    expect(screen.getByRole("alert")).toHaveAttribute("data-slot", "auth-error-page-error")
    expect(screen.getByRole("alert")).toHaveClass("nak:kit-alert", "oops")
    expect(screen.getByRole("heading")).toHaveAttribute("data-slot", "auth-error-page-title")
    expect(screen.getByRole("link")).toHaveAttribute("data-slot", "auth-error-page-link")
    renderWithAuth(<AuthErrorPage error="AccessDenied" unstyled />, { session: null })
    expect(document.querySelectorAll("[data-slot=auth-error-page]")[1]!.querySelectorAll("[class]")).toHaveLength(0)
  })

  it("passes axe", async () => {
    renderWithAuth(<AuthErrorPage error="CredentialsSignin" />, { session: null })
    await expectNoAxeViolations()
  })
})

describe("VerifyRequestPage", () => {
  it("says a link is on its way, to look in the spam folder, and links back to the login page", async () => {
    window.history.replaceState(null, "", "/auth/verify-request?provider=email&type=email")
    renderWithAuth(<VerifyRequestPage titleAs="h1" />, { session: null })
    expect(screen.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeInTheDocument()
    expect(screen.getByText("We sent you a sign-in link. It may take a minute to arrive.")).toBeInTheDocument()
    expect(screen.getByText("Not there? Check your spam folder.")).toBeInTheDocument()
    expect(screen.getByRole("link", { name: "Use another email" })).toHaveAttribute("href", "/login")
    expect(document.querySelector("[data-slot=verify-request-page]")).toHaveAttribute("data-state", "sent")
    expect(requests).toEqual([])
    await expectNoAxeViolations()
  })

  it("links under the app's basePath", () => {
    renderWithAuth(<VerifyRequestPage />, { session: null, config: { basePath: "/docs", loginPath: "/login" } })
    expect(screen.getByRole("link", { name: "Use another email" })).toHaveAttribute("href", "/docs/login")
  })

  it("speaks German with the de messages", async () => {
    renderWithAuth(<VerifyRequestPage />, { session: null, messages: de })
    expect(screen.getByRole("heading", { name: de.loginForm.checkInboxTitle })).toBeInTheDocument()
    expect(screen.getByText(de.authPages!.sent)).toBeInTheDocument()
    expect(screen.getByText(de.authPages!.spam)).toBeInTheDocument()
    expect(screen.getByRole("link", { name: "Andere E-Mail verwenden" })).toBeInTheDocument()
    await expectNoAxeViolations()
  })
})

describe("server rendering, without a window", () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it("renders the given error's heading and sentence on the server", () => {
    vi.stubGlobal("window", undefined)
    vi.stubGlobal("location", undefined)
    const html = renderToString(
      <AuthProvider session={null} config={{ basePath: "/docs", loginPath: "/login" }}>
        <AuthErrorPage error="Verification" titleAs="h1" />
        <VerifyRequestPage />
      </AuthProvider>,
    )
    expect(html).toContain("This link has expired")
    expect(html).toContain(sentence("Verification"))
    expect(html).toContain('data-state="Verification"')
    expect(html).toContain('href="/docs/login"')
    expect(html).toContain("Check your inbox")
  })

  it("leaves the sentence out until the URL is read, without a given error", () => {
    vi.stubGlobal("window", undefined)
    vi.stubGlobal("location", undefined)
    const html = renderToString(
      <AuthProvider session={null}>
        <AuthErrorPage />
      </AuthProvider>,
    )
    expect(html).toContain("Signing in did not work")
    expect(html).not.toContain('role="alert"')
  })
})

describe("messages.errors lookups", () => {
  it("never render an inherited property of a code from the URL in LoginForm either", async () => {
    window.history.replaceState(null, "", "/login?error=__proto__")
    renderWithAuth(<LoginForm providers={[providers.credentials]} />, { session: null })
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(en.errors.default))
  })
})
