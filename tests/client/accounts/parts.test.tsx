/** The account forms' parts, composed by an app, and the primitives every form is built from. */
import { render, screen, waitFor } from "@testing-library/react"
import userEvent from "@testing-library/user-event"
import type { Session } from "next-auth"
import { createRef, type MouseEvent, version } from "react"
import { describe, expect, it, vi } from "vitest"
import {
  AccountFormField,
  AccountFormFields,
  AccountFormFooter,
  AccountFormLink,
  AccountFormMessage,
  AccountFormSubmit,
  AccountFormTitle,
  ChangePasswordFormRoot,
  ForgotPasswordFormRoot,
  ResetPasswordFormRoot,
  SignUpFormRoot,
  useAccountForm,
} from "../../../src/client"
import { Slot } from "../../../src/client/primitives/slot"
import { expectNoAxeViolations, renderWithAuth, expectLoggedOnly } from "../helpers"
import { requests } from "../setup"
import { accepted, answer, invalidToken } from "./helpers"

const session: Session = { user: { name: "Ada", email: "ada@example.com" }, expires: "2999-01-01T00:00:00.000Z" }

describe("an account form composed from its parts", () => {
  it("takes the app's order, labels, button and a part of its own, and posts only the root's fields", async () => {
    const posted = answer("api/account/signup", accepted)
    function Terms() {
      const { state } = useAccountForm("Terms")
      return <p data-testid="terms">Terms apply ({state}).</p>
    }
    const { user } = renderWithAuth(
      <SignUpFormRoot askName={false} titleAs="h1" classNames={{ input: "field" }}>
        <AccountFormTitle>Join Acme</AccountFormTitle>
        <AccountFormFields className="stack">
          <AccountFormField name="password" label="Choose a password" />
          <AccountFormField name="email" placeholder="you@acme.example" />
          <input name="company" defaultValue="ACME" aria-label="Company" />
          <Terms />
          <AccountFormSubmit asChild>
            <button type="submit" className="cta">
              Join
            </button>
          </AccountFormSubmit>
        </AccountFormFields>
        <AccountFormMessage />
        <AccountFormFooter>
          <AccountFormLink href="/login">I have an account</AccountFormLink>
        </AccountFormFooter>
      </SignUpFormRoot>,
      { session: null },
    )
    expect(screen.getByRole("heading", { level: 1, name: "Join Acme" })).toBeInTheDocument()
    const inputs = screen.getAllByRole("textbox")
    expect(screen.getByLabelText("Choose a password")).toHaveAttribute("autocomplete", "new-password")
    expect(screen.getByLabelText("Email")).toHaveAttribute("placeholder", "you@acme.example")
    expect(screen.getByLabelText("Email")).toHaveClass("field")
    expect(inputs[0]).toBe(screen.getByLabelText("Email"))
    expect(screen.getByRole("button", { name: "Join" })).toHaveClass("nak:kit-primary", "cta")
    expect(screen.getByRole("link", { name: "I have an account" })).toHaveAttribute("data-slot", "sign-up-form-link")
    expect(screen.getByTestId("terms")).toHaveTextContent("Terms apply (idle).")
    await expectNoAxeViolations()

    await user.click(screen.getByRole("button", { name: "Join" }))
    expect(screen.getByLabelText("Choose a password")).toHaveAttribute("aria-invalid", "true")
    expect(posted).toEqual([])

    await user.type(screen.getByLabelText("Email"), "ada@example.com")
    await user.type(screen.getByLabelText("Choose a password"), "a long passphrase")
    await user.click(screen.getByRole("button", { name: "Join" }))
    const done = await screen.findByRole("status")
    expect(done).toHaveTextContent("We sent an email to ada@example.com.")
    expect(posted.map((p) => p.body)).toEqual([{ email: "ada@example.com", password: "a long passphrase" }])
    expect(screen.queryByRole("button", { name: "Join" })).toBeNull()
    expect(screen.getByRole("link", { name: "I have an account" })).toBeInTheDocument()
  })

  it("runs the app's onSubmit first; preventDefault there posts nothing", async () => {
    const posted = answer("api/account/forgot-password", accepted)
    const onSubmit = vi.fn((event: { preventDefault(): void }) => event.preventDefault())
    const { user } = renderWithAuth(
      <ForgotPasswordFormRoot>
        <AccountFormFields onSubmit={onSubmit} />
      </ForgotPasswordFormRoot>,
      { session: null },
    )
    await user.type(screen.getByLabelText("Email"), "ada@example.com")
    await user.click(screen.getByRole("button", { name: "Email me a reset link" }))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(posted).toEqual([])
    expect(requests).toEqual([])
  })

  it("shows a dead end in the message part: an invalid reset link", async () => {
    answer("api/account/reset-password", () => invalidToken())
    renderWithAuth(
      <ResetPasswordFormRoot token="">
        <AccountFormMessage />
        <AccountFormFields />
      </ResetPasswordFormRoot>,
      { session: null, config: { loginPath: "/login", accounts: { pages: { forgotPassword: "/forgot" } } } },
    )
    expect(await screen.findByRole("alert")).toHaveTextContent("This link is invalid or has expired.")
    expect(screen.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/forgot")
    expect(screen.queryByRole("textbox")).toBeNull()
    expect(document.querySelector("[data-slot=reset-password-form]")).toHaveAttribute("data-state", "error")
  })

  it("renders the change-password fields in the app's order", () => {
    renderWithAuth(
      <ChangePasswordFormRoot>
        <AccountFormFields>
          <AccountFormField name="newPassword" />
          <AccountFormField name="confirmPassword" />
          <AccountFormField name="currentPassword" />
          <AccountFormSubmit />
        </AccountFormFields>
      </ChangePasswordFormRoot>,
      { session },
    )
    expect([...document.querySelectorAll("input")].map((input) => input.getAttribute("autocomplete"))).toEqual([
      "new-password",
      "new-password",
      "current-password",
    ])
  })

  it("says a part must be used within an account form's root", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {})
    expect(() => render(<AccountFormSubmit />)).toThrow(
      "[next-auth-kit] `AccountFormSubmit` must be used within `SignUpFormRoot`, `ForgotPasswordFormRoot`, `ResetPasswordFormRoot`, `ChangePasswordFormRoot` or `VerifyEmailRoot`.",
    )
    expect(() => render(<SignUpFormRoot />)).toThrow("[next-auth-kit] `SignUpFormRoot` must be used within `AuthProvider`.")
    expectLoggedOnly(error, /`AccountFormSubmit` must be used within `SignUpFormRoot`/, /`SignUpFormRoot` must be used within `AuthProvider`/)
    error.mockRestore()
  })
})

describe("Slot (asChild)", () => {
  it("merges the part's props under the child's, joins the classes, and runs the child's handler first", async () => {
    const calls: string[] = []
    render(
      <Slot data-slot="x-submit" className="kit" title="ours" onClick={() => calls.push("part")}>
        <button type="button" title="theirs" className="mine" onClick={() => calls.push("child")}>
          Go
        </button>
      </Slot>,
    )
    const button = screen.getByRole("button", { name: "Go" })
    expect(button).toHaveAttribute("data-slot", "x-submit")
    expect(button).toHaveAttribute("title", "theirs")
    expect(button.className).toBe("kit mine")
    await userEvent.setup().click(button)
    expect(calls).toEqual(["child", "part"])
  })

  it("skips the part's handler when the child's calls preventDefault", async () => {
    const part = vi.fn()
    render(
      <Slot onClick={part}>
        <button type="button" onClick={(event: MouseEvent) => event.preventDefault()}>
          Go
        </button>
      </Slot>,
    )
    await userEvent.setup().click(screen.getByRole("button"))
    expect(part).not.toHaveBeenCalled()
  })

  it("keeps the child's ref", () => {
    const child = createRef<HTMLButtonElement>()
    render(
      <Slot>
        <button type="button" ref={child}>
          Go
        </button>
      </Slot>,
    )
    expect(child.current).toBe(screen.getByRole("button"))
  })

  // React 18 hands no ref to a function component: only React 19 has one to merge.
  it("sets a ref given to the part beside the child's on React 19 (React 18 hands a function component none)", () => {
    const react19 = Number(version.split(".")[0]) >= 19
    const warned = vi.spyOn(console, "error").mockImplementation(() => {})
    const outer = createRef<HTMLButtonElement>()
    const child = vi.fn()
    render(
      <Slot ref={outer}>
        <button type="button" ref={child}>
          Go
        </button>
      </Slot>,
    )
    expect(outer.current).toBe(react19 ? screen.getByRole("button") : null)
    expect(child).toHaveBeenCalledWith(screen.getByRole("button"))
    warned.mockRestore()
  })

  it("gives an account form's submit button to the app's element, which keeps its own content", async () => {
    answer("api/account/forgot-password", accepted)
    const { user } = renderWithAuth(
      <ForgotPasswordFormRoot>
        <AccountFormFields>
          <AccountFormField name="email" />
          <AccountFormSubmit asChild>
            <button type="submit">Send</button>
          </AccountFormSubmit>
        </AccountFormFields>
        <AccountFormMessage />
      </ForgotPasswordFormRoot>,
      { session: null },
    )
    await user.type(screen.getByLabelText("Email"), "a@example.com")
    await user.click(screen.getByRole("button", { name: "Send" }))
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("If an account uses a@example.com"))
  })
})
