import { render, screen, waitFor, within } from "@testing-library/react"
import type { AnchorHTMLAttributes } from "react"
import { describe, expect, it, vi } from "vitest"
import { AuthProvider, LoginForm, LoginFormCheckInbox, LoginFormCredentials, LoginFormDivider, LoginFormEmailLink, LoginFormError, LoginFormField, LoginFormFooter, LoginFormIdentifierField, LoginFormLink, LoginFormOAuthButtons, LoginFormPasswordField, LoginFormRoot, LoginFormSubmit, LoginFormTitle, useLoginForm, useSignIn } from "../../src/client"
import { providerMarks } from "../../src/client/provider-marks"
import { en } from "../../src/client/messages"
import { authHandlers, providers } from "../../src/msw"
import { expectNoAxeViolations, renderWithAuth, expectLoggedOnly } from "./helpers"

const all = [providers.credentials, providers.github, providers.google, providers.email]
const ada = { name: "Ada", email: "ada@example.com", roles: ["admin"] }

/** Accepts Ada with her password and the company code ACME; records what the server received. */
function companyServer() {
  const received = vi.fn((fields: Record<string, string>) =>
    fields.email === "ada@example.com" && fields.password === "ada-password" && fields.companyCode === "ACME" ? ada : null,
  )
  return { received, handlers: authHandlers({ credentials: received, providers: all }) }
}

/** A team's own form: OAuth first, a company code, footer links, an h1. */
function CompanyLogin(props: { onSubmit?: (event: React.FormEvent<HTMLFormElement>) => void }) {
  return (
    <LoginFormRoot providers={all} titleAs="h1" callbackUrl="/dashboard">
      <LoginFormTitle>Sign in to Acme</LoginFormTitle>
      <LoginFormOAuthButtons marks={providerMarks} />
      <LoginFormDivider />
      <LoginFormError />
      <LoginFormCredentials onSubmit={props.onSubmit}>
        <LoginFormField name="companyCode" label="Company code" autoComplete="organization" />
        <LoginFormIdentifierField />
        <LoginFormPasswordField />
        <LoginFormSubmit>Log in</LoginFormSubmit>
      </LoginFormCredentials>
      <LoginFormFooter>
        <LoginFormLink href="/forgot-password">Forgot password?</LoginFormLink>
        <LoginFormLink href="/sign-up">Create account</LoginFormLink>
      </LoginFormFooter>
    </LoginFormRoot>
  )
}

const follows = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)

describe("a custom assembly of the LoginForm parts", () => {
  it("renders the parts in the team's order, with its own heading level and texts", () => {
    renderWithAuth(<CompanyLogin />, { session: null })
    const heading = screen.getByRole("heading", { level: 1, name: "Sign in to Acme" })
    const github = screen.getByRole("button", { name: "Continue with GitHub" })
    const company = screen.getByLabelText("Company code")
    const email = screen.getByLabelText("Email", { selector: "[autocomplete=username]" })
    const submit = screen.getByRole("button", { name: "Log in" })
    const link = screen.getByRole("link", { name: "Create account" })
    for (const [a, b] of [[heading, github], [github, company], [company, email], [email, submit], [submit, link]] as const) {
      expect(follows(a, b)).toBe(true)
    }
    // Left out of this assembly: the email-link form.
    expect(screen.queryByRole("button", { name: "Email me a sign-in link" })).toBeNull()
  })

  it("sends an added field (a company code) to signIn beside the identifier and the password", async () => {
    const { received, handlers } = companyServer()
    const { user, navigate } = renderWithAuth(<CompanyLogin />, { session: null, handlers })
    await user.type(screen.getByLabelText("Company code"), "ACME")
    await user.type(screen.getByLabelText("Email", { selector: "[autocomplete=username]" }), "ada@example.com")
    await user.type(screen.getByLabelText("Password"), "ada-password")
    await user.click(screen.getByRole("button", { name: "Log in" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/dashboard"))
    // What the MSW handler read from next-auth's POST to /callback/credentials.
    expect(received).toHaveBeenCalledTimes(1)
    expect(received.mock.calls[0]![0]).toEqual({
      companyCode: "ACME",
      email: "ada@example.com",
      password: "ada-password",
      redirect: "false",
    })
  })

  it("keeps the kit's callbackUrl even when a field is named callbackUrl", async () => {
    const seen: string[] = []
    const handlers = authHandlers({
      credentials: (fields) => (fields.password === "ada-password" ? ada : null),
      providers: [providers.credentials],
    })
    const { user, navigate } = renderWithAuth(
      <LoginFormRoot providers={[providers.credentials]} callbackUrl="/safe">
        <LoginFormCredentials onSubmit={(event) => void seen.push(String(new FormData(event.currentTarget).get("callbackUrl")))}>
          <input type="hidden" name="callbackUrl" value="https://evil.example/steal" />
          <LoginFormIdentifierField />
          <LoginFormPasswordField />
          <LoginFormSubmit />
        </LoginFormCredentials>
      </LoginFormRoot>,
      { session: null, handlers },
    )
    await user.type(screen.getByLabelText("Email"), "ada@example.com")
    await user.type(screen.getByLabelText("Password"), "ada-password")
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/safe"))
    expect(seen).toEqual(["https://evil.example/steal"])
  })

  it("runs the team's onSubmit first; preventDefault() there cancels signing in", async () => {
    const { received, handlers } = companyServer()
    const onSubmit = vi.fn((event: React.FormEvent<HTMLFormElement>) => event.preventDefault())
    const { user, navigate } = renderWithAuth(<CompanyLogin onSubmit={onSubmit} />, { session: null, handlers })
    await user.type(screen.getByLabelText("Password"), "ada-password")
    await user.click(screen.getByRole("button", { name: "Log in" }))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(received).not.toHaveBeenCalled()
    expect(navigate).not.toHaveBeenCalled()
  })

  it("has footer links, plain or rendered by the app's link component (asChild)", () => {
    const AppLink = ({ href, ...props }: AnchorHTMLAttributes<HTMLAnchorElement>) => <a href={href} data-router="app" {...props} />
    renderWithAuth(
      <LoginFormRoot providers={[providers.credentials]} classNames={{ link: "team-link" }}>
        <LoginFormCredentials />
        <LoginFormFooter className="team-footer">
          <LoginFormLink href="/forgot-password">Forgot password?</LoginFormLink>
          <LoginFormLink asChild className="mine">
            <AppLink href="/sign-up" className="child">
              Create account
            </AppLink>
          </LoginFormLink>
        </LoginFormFooter>
      </LoginFormRoot>,
      { session: null },
    )
    const forgot = screen.getByRole("link", { name: "Forgot password?" })
    expect(forgot).toHaveAttribute("href", "/forgot-password")
    expect(forgot).toHaveAttribute("data-slot", "login-form-link")
    const create = screen.getByRole("link", { name: "Create account" })
    expect(create).toHaveAttribute("href", "/sign-up")
    expect(create).toHaveAttribute("data-router", "app")
    expect(create).toHaveAttribute("data-slot", "login-form-link")
    // The kit's classes, then classNames.link, then className, then the child's own.
    expect(create.className).toMatch(/^nak:.* team-link mine child$/)
    const footer = forgot.closest('[data-slot="login-form-footer"]')!
    expect(footer).toHaveClass("team-footer")
    expect(footer.className.indexOf("team-footer")).toBeGreaterThan(footer.className.indexOf("nak:"))
  })

  it("adds footer links to the ready-made LoginForm with the footer prop", () => {
    renderWithAuth(
      <LoginForm
        providers={[providers.credentials]}
        footer={
          <>
            <LoginFormLink href="/forgot-password">Forgot password?</LoginFormLink>
            <LoginFormLink href="/sign-up">Create account</LoginFormLink>
          </>
        }
      />,
      { session: null },
    )
    const footer = screen.getByRole("link", { name: "Forgot password?" }).parentElement!
    expect(footer).toHaveAttribute("data-slot", "login-form-footer")
    expect(within(footer).getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual(["/forgot-password", "/sign-up"])
    expect(follows(screen.getByRole("button", { name: "Sign in" }), footer)).toBe(true)
  })

  it("gives every element a data-slot, and className wins over classNames and the kit", () => {
    const { container } = renderWithAuth(
      <LoginFormRoot providers={all} classNames={{ submit: "from-classnames" }} aria-label="Acme sign-in">
        <LoginFormCredentials>
          <LoginFormIdentifierField />
          <LoginFormPasswordField />
          <LoginFormSubmit className="from-classname" />
        </LoginFormCredentials>
        <LoginFormDivider />
        <LoginFormOAuthButtons marks={providerMarks} />
        <LoginFormEmailLink />
      </LoginFormRoot>,
      { session: null },
    )
    const root = container.querySelector('[data-slot="login-form"]')!
    expect(root).toHaveAttribute("aria-label", "Acme sign-in")
    const unslotted = [...root.querySelectorAll("*")].filter((el) => !el.hasAttribute("data-slot") && el.closest("svg") === null)
    expect(unslotted).toEqual([])
    const submit = screen.getByRole("button", { name: "Sign in" })
    expect(submit.className).toMatch(/ from-classnames from-classname$/)
  })

  it("passes axe with marks, an added field and footer links", async () => {
    renderWithAuth(<CompanyLogin />, { session: null })
    await expectNoAxeViolations()
  })
})

describe("the email link in parts", () => {
  async function sendLink(ui: React.ReactNode) {
    const result = renderWithAuth(ui, { session: null, handlers: authHandlers({ providers: [providers.email] }) })
    await result.user.type(screen.getByLabelText("Email"), "new@example.com")
    await result.user.click(screen.getByRole("button", { name: "Email me a sign-in link" }))
    return result
  }

  it("gives the inbox heading the level of titleAs", async () => {
    await sendLink(<LoginForm providers={[providers.email]} titleAs="h1" />)
    const heading = await screen.findByRole("heading", { level: 1, name: "Check your inbox" })
    await waitFor(() => expect(heading).toHaveFocus())
  })

  it("lets LoginFormCheckInbox pick its own heading level", async () => {
    await sendLink(
      <LoginFormRoot providers={[providers.email]} titleAs="h1">
        <LoginFormTitle />
        <LoginFormEmailLink />
        <LoginFormCheckInbox as="h3" />
      </LoginFormRoot>,
    )
    expect(await screen.findByRole("heading", { level: 3, name: "Check your inbox" })).toBeInTheDocument()
    // Every other part steps aside once the link is sent.
    expect(screen.queryByRole("heading", { name: "Sign in" })).toBeNull()
  })

  it("tags Use another email with its own slot, not the submit's", async () => {
    const { container, user } = await sendLink(
      <LoginForm providers={[providers.email]} classNames={{ "use-another-email": "again", submit: "submit-only" }} />,
    )
    const again = await screen.findByRole("button", { name: "Use another email" })
    expect(again).toHaveAttribute("data-slot", "login-form-use-another-email")
    expect(again).toHaveClass("again")
    expect(again).not.toHaveClass("submit-only")
    expect(container.querySelector('[data-slot="login-form-submit"]')).toBeNull()
    expect(container.querySelector('[data-slot="login-form"]')).toHaveAttribute("data-state", "email-sent")
    expect(screen.getByRole("heading", { name: "Check your inbox" })).toHaveAttribute("data-slot", "login-form-check-inbox-title")
    await user.click(again)
    expect(screen.getByLabelText("Email")).toBeInTheDocument()
  })
})

describe("provider marks", () => {
  it("shows the provider's mark, hidden from assistive technology, and keeps the button's name", () => {
    renderWithAuth(<LoginForm providers={[providers.github, providers.google]} marks={providerMarks} />, { session: null })
    for (const name of ["GitHub", "Google"]) {
      const button = screen.getByRole("button", { name: `Continue with ${name}` })
      const svg = button.querySelector("svg")!
      expect(svg).toHaveAttribute("aria-hidden", "true")
      expect(svg).toHaveAttribute("data-slot", "login-form-oauth-mark")
      expect(svg).toHaveAttribute("fill", "currentColor")
      expect(svg.querySelector("path")).toHaveAttribute("d", providerMarks[name.toLowerCase()])
      expect(button).toHaveTextContent(new RegExp(`^Continue with ${name}$`))
    }
  })

  it("ships no mark unless asked, and takes the app's own element", async () => {
    const { rerender } = renderWithAuth(<LoginForm providers={[providers.github, providers.google]} />, { session: null })
    expect(document.querySelector("svg")).toBeNull()
    rerender(<LoginForm providers={[providers.github, providers.google]} marks={{ google: <img src="/g.svg" alt="" /> }} />)
    const google = screen.getByRole("button", { name: "Continue with Google" })
    expect(google.querySelector('[data-slot="login-form-oauth-mark"]')).toHaveAttribute("aria-hidden", "true")
    expect(google.querySelector("img")).toBeInTheDocument()
    expect(screen.getByRole("button", { name: "Continue with GitHub" }).querySelector("svg, img")).toBeNull()
    await expectNoAxeViolations()
  })

  it("has a mark for the common providers", () => {
    for (const id of ["github", "google", "apple", "azure-ad", "microsoft-entra-id", "discord", "gitlab", "twitter"]) {
      expect(providerMarks[id], id).toMatch(/^[Mm][\d.\-\s]/)
    }
  })
})

describe("useSignIn on its own", () => {
  function BareForm({ callbackUrl }: { callbackUrl?: string }) {
    const { credentials, pending, error } = useSignIn({ callbackUrl })
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void credentials(new FormData(event.currentTarget))
        }}
      >
        <input name="email" aria-label="Email" />
        <input name="password" type="password" aria-label="Password" />
        {error ? <p role="alert">{error}</p> : null}
        <button disabled={pending !== null}>{pending === "credentials" ? "Wait" : "Go"}</button>
      </form>
    )
  }
  const accept = ({ email, password }: Record<string, string>) =>
    email === "ada@example.com" && password === "ada-password" ? ada : null

  it("signs in from a bare form and navigates to the sanitised callbackUrl", async () => {
    const { user, navigate } = renderWithAuth(<BareForm callbackUrl="https://evil.example/steal" />, {
      session: null,
      handlers: authHandlers({ credentials: accept, delay: 50 }),
    })
    await user.type(screen.getByLabelText("Email"), "ada@example.com")
    await user.type(screen.getByLabelText("Password"), "ada-password")
    await user.click(screen.getByRole("button", { name: "Go" }))
    expect(await screen.findByRole("button", { name: "Wait" })).toBeDisabled()
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
  })

  it("keeps next-auth's error code", async () => {
    const { user, navigate } = renderWithAuth(<BareForm callbackUrl="/x" />, {
      session: null,
      handlers: authHandlers({ credentials: accept }),
    })
    await user.type(screen.getByLabelText("Email"), "ada@example.com")
    await user.type(screen.getByLabelText("Password"), "nope")
    await user.click(screen.getByRole("button", { name: "Go" }))
    expect(await screen.findByRole("alert")).toHaveTextContent("CredentialsSignin")
    expect(navigate).not.toHaveBeenCalled()
  })

  it("sends an email link and resets", async () => {
    let api: ReturnType<typeof useSignIn> | undefined
    function Probe() {
      api = useSignIn({ redirectOnSuccess: false })
      return <p>{api.sentTo ?? "not sent"}</p>
    }
    renderWithAuth(<Probe />, { session: null, handlers: authHandlers({ providers: [providers.email] }) })
    await api!.email("  new@example.com ")
    expect(await screen.findByText("new@example.com")).toBeInTheDocument()
    api!.reset()
    expect(await screen.findByText("not sent")).toBeInTheDocument()
  })
})

describe("outside their providers", () => {
  it("a part says it must be used within LoginFormRoot", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    expect(() =>
      render(
        <AuthProvider session={null}>
          <LoginFormSubmit />
        </AuthProvider>,
      ),
    ).toThrow("[next-auth-kit] `LoginFormSubmit` must be used within `LoginFormRoot`.")
    function Mine() {
      useLoginForm("CompanyCodeField")
      return null
    }
    expect(() =>
      render(
        <AuthProvider session={null}>
          <Mine />
        </AuthProvider>,
      ),
    ).toThrow("`CompanyCodeField` must be used within `LoginFormRoot`")
    expectLoggedOnly(error, /must be used within `LoginFormRoot`/)
    error.mockRestore()
  })

  it("useSignIn and LoginForm say they must be used within AuthProvider", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    function Bare() {
      useSignIn()
      return null
    }
    expect(() => render(<Bare />)).toThrow("[next-auth-kit] `useSignIn` must be used within `AuthProvider`.")
    expect(() => render(<LoginForm providers={[]} />)).toThrow("`LoginForm` must be used within `AuthProvider`")
    expectLoggedOnly(error, /must be used within `AuthProvider`/)
    error.mockRestore()
  })

  it("a custom part reads the form's state with useLoginForm", async () => {
    function Remember() {
      const { pending, t } = useLoginForm("Remember")
      return (
        <label data-slot="remember">
          <input type="checkbox" name="remember" value="yes" disabled={pending !== null} /> Remember me ({t.submit})
        </label>
      )
    }
    const received = vi.fn(() => ada)
    const { user, navigate } = renderWithAuth(
      <LoginFormRoot providers={[providers.credentials]}>
        <LoginFormCredentials>
          <LoginFormIdentifierField />
          <LoginFormPasswordField />
          <Remember />
          <LoginFormSubmit />
        </LoginFormCredentials>
      </LoginFormRoot>,
      { session: null, handlers: authHandlers({ credentials: received }) },
    )
    await user.click(screen.getByLabelText("Remember me (Sign in)"))
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
    expect(received).toHaveBeenCalledWith(expect.objectContaining({ remember: "yes", email: "", password: "" }))
  })
})

it("shows the kit's message for the error code in LoginFormError", async () => {
  renderWithAuth(
    <LoginFormRoot providers={[providers.credentials]} error="OAuthAccountNotLinked">
      <LoginFormError className="mine" />
    </LoginFormRoot>,
    { session: null },
  )
  const alert = screen.getByRole("alert")
  expect(alert).toHaveTextContent(en.errors.OAuthAccountNotLinked)
  expect(alert).toHaveClass("mine")
  await waitFor(() => expect(alert).toHaveFocus())
})
