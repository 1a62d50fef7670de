import { screen, waitFor, within } from "@testing-library/react"
import { HttpResponse } from "msw"
import { describe, expect, it, vi } from "vitest"
import { SignUpForm } from "../../../src/client"
import { de } from "../../../src/client/locales/de"
import { en } from "../../../src/client/messages"
import { expectNoAxeViolations, renderWithAuth } from "../helpers"
import { requests } from "../setup"
import { accepted, answer, gate, internalError, invalidInput, rateLimited } from "./helpers"

const t = en.accounts!

/** The text of the element(s) that an input's aria-describedby names. */
function description(input: HTMLElement) {
  return (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent)
    .join(" | ")
}

async function fill(user: ReturnType<typeof renderWithAuth>["user"], { name = "Ada", email = "ada@example.com", password = "correct horse battery" } = {}) {
  if (name) await user.type(screen.getByLabelText("Name"), name)
  if (email) await user.type(screen.getByLabelText("Email"), email)
  if (password) await user.type(screen.getByLabelText("Password"), password)
}

describe("SignUpForm", () => {
  it("asks for name, email and a new password with the right autocomplete and the rules shown", async () => {
    renderWithAuth(<SignUpForm />, { session: null })
    expect(screen.getByRole("heading", { name: "Create account" })).toBeInTheDocument()
    expect(screen.getByLabelText("Name")).toHaveAttribute("autocomplete", "name")
    expect(screen.getByLabelText("Name")).not.toBeRequired()
    expect(screen.getByLabelText("Email")).toHaveAttribute("autocomplete", "email")
    expect(screen.getByLabelText("Email")).toHaveAttribute("type", "email")
    const password = screen.getByLabelText("Password")
    expect(password).toHaveAttribute("autocomplete", "new-password")
    expect(password).toHaveAttribute("type", "password")
    expect(description(password)).toBe("At least 8 characters. Avoid common passwords.")
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
    expect(screen.getByRole("alert", { hidden: true })).not.toBeVisible()
    await expectNoAxeViolations()
  })

  it("leaves the name out with askName={false}", () => {
    renderWithAuth(<SignUpForm askName={false} />, { session: null })
    expect(screen.queryByLabelText("Name")).toBeNull()
  })

  describe("given good details", () => {
    it("posts them as JSON with the page's cookies, then says an email is on its way", async () => {
      const posted = answer("api/account/signup", accepted)
      const fetchSpy = vi.spyOn(globalThis, "fetch")
      const onSuccess = vi.fn()
      const { user, navigate } = renderWithAuth(<SignUpForm onSuccess={onSuccess} />, { session: null })
      await fill(user)
      await user.click(screen.getByRole("button", { name: "Create account" }))
      const done = await screen.findByRole("status")
      expect(done).toHaveTextContent("We sent an email to ada@example.com. Open the link in it to confirm your address.")
      await waitFor(() => expect(done).toHaveFocus())
      expect(posted).toEqual([
        expect.objectContaining({
          path: "/api/account/signup",
          body: { name: "Ada", email: "ada@example.com", password: "correct horse battery" },
          contentType: "application/json",
        }),
      ])
      expect(fetchSpy.mock.calls[0]![1]).toMatchObject({ method: "POST", credentials: "same-origin" })
      expect(onSuccess).toHaveBeenCalledWith("ada@example.com")
      expect(navigate).not.toHaveBeenCalled()
      expect(screen.queryByLabelText("Password")).toBeNull()
      await expectNoAxeViolations()
      fetchSpy.mockRestore()
    })

    it("goes to redirectTo through AuthProvider's navigate, under the basePath", async () => {
      answer("api/account/signup", accepted)
      const { user, navigate } = renderWithAuth(<SignUpForm redirectTo="/check-inbox" />, {
        session: null,
        config: { basePath: "/app", loginPath: "/login" },
        basePath: "/app/api/auth",
      })
      await fill(user)
      await user.click(screen.getByRole("button", { name: "Create account" }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/app/check-inbox"))
    })

    it("posts under the configured basePath and accountPath", async () => {
      const posted = answer("api/members/signup", accepted)
      const { user } = renderWithAuth(<SignUpForm />, {
        session: null,
        config: { basePath: "/app", loginPath: "/sign-in", accounts: { accountPath: "/api/members" } },
        loginPath: undefined,
        basePath: "/app/api/auth",
      })
      await fill(user)
      await user.click(screen.getByRole("button", { name: "Create account" }))
      await screen.findByRole("status")
      expect(posted[0]!.path).toBe("/app/api/members/signup")
      expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/app/sign-in")
    })

    it("submits once, however fast the clicks come", async () => {
      const held = gate()
      const posted = answer("api/account/signup", accepted, { until: held.promise })
      const { user } = renderWithAuth(<SignUpForm />, { session: null })
      await fill(user)
      const submit = screen.getByRole("button", { name: "Create account" })
      await Promise.all([user.click(submit), user.click(submit), user.click(submit)])
      expect(await screen.findByRole("button", { name: "Please wait…" })).toBeDisabled()
      held.open()
      await screen.findByRole("status")
      expect(posted).toHaveLength(1)
    })
  })

  describe("checks before posting", () => {
    it("marks missing fields, focuses the summary and sends nothing", async () => {
      const { user } = renderWithAuth(<SignUpForm />, { session: null })
      await user.click(screen.getByRole("button", { name: "Create account" }))
      const alert = screen.getByRole("alert")
      expect(alert).toHaveTextContent("Check the marked fields.")
      await waitFor(() => expect(alert).toHaveFocus())
      const email = screen.getByLabelText("Email")
      expect(email).toHaveAttribute("aria-invalid", "true")
      expect(description(email)).toBe("Fill in this field.")
      const password = screen.getByLabelText("Password")
      expect(password).toHaveAttribute("aria-invalid", "true")
      expect(description(password)).toBe("At least 8 characters. Avoid common passwords. | Fill in this field.")
      expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid")
      expect(requests).toEqual([])
      await expectNoAxeViolations()
    })

    it.each([
      ["an address without a domain", { email: "ada@" }, "Email", t.invalid_email],
      ["a short password", { password: "short" }, "Password", "Use at least 8 characters."],
      ["a password over 128 characters", { password: "x".repeat(129) }, "Password", "Use at most 128 characters."],
    ])("refuses %s", async (_, values, label, message) => {
      const { user } = renderWithAuth(<SignUpForm />, { session: null })
      await fill(user, values)
      await user.click(screen.getByRole("button", { name: "Create account" }))
      const input = screen.getByLabelText(label)
      expect(input).toHaveAttribute("aria-invalid", "true")
      expect(description(input)).toContain(message)
      expect(requests).toEqual([])
    })

    it("follows minPasswordLength in the rules and the check", async () => {
      const { user } = renderWithAuth(<SignUpForm minPasswordLength={12} />, { session: null })
      expect(description(screen.getByLabelText("Password"))).toBe("At least 12 characters. Avoid common passwords.")
      await fill(user, { password: "elevenchars" })
      await user.click(screen.getByRole("button", { name: "Create account" }))
      expect(description(screen.getByLabelText("Password"))).toContain("Use at least 12 characters.")
    })
  })

  describe("when the server refuses", () => {
    it.each([
      ["email", "invalid_email", "Email", t.invalid_email],
      ["email", "required", "Email", t.required],
      ["password", "too_common", "Password", t.too_common],
      ["password", "too_short", "Password", "Use at least 8 characters."],
      ["password", "too_long", "Password", "Use at most 128 characters."],
      ["name", "too_long", "Name", "Use at most 100 characters."],
    ])("shows %s: %s at its field", async (field, code, label, message) => {
      answer("api/account/signup", () => invalidInput({ [field]: code }))
      const { user } = renderWithAuth(<SignUpForm />, { session: null })
      await fill(user)
      await user.click(screen.getByRole("button", { name: "Create account" }))
      const alert = await screen.findByText("Check the marked fields.")
      await waitFor(() => expect(alert).toHaveFocus())
      const input = screen.getByLabelText(label)
      expect(input).toHaveAttribute("aria-invalid", "true")
      expect(description(input)).toContain(message)
      await expectNoAxeViolations()
    })

    it.each([
      [120, "Too many attempts. Try again in 2 minutes."],
      [60, "Too many attempts. Try again in 1 minute."],
      [5, "Too many attempts. Try again in 1 minute."],
      [3601, "Too many attempts. Try again in 61 minutes."],
    ])("says how long to wait after rate_limited with Retry-After: %i", async (seconds, message) => {
      answer("api/account/signup", () => rateLimited(seconds))
      const { user } = renderWithAuth(<SignUpForm />, { session: null })
      await fill(user)
      await user.click(screen.getByRole("button", { name: "Create account" }))
      const alert = await screen.findByRole("alert")
      await waitFor(() => expect(alert).toHaveTextContent(message))
      await waitFor(() => expect(alert).toHaveFocus())
      expect(screen.getByRole("button", { name: "Create account" })).toBeEnabled()
    })

    it.each([
      ["internal_error", () => internalError()],
      ["a network failure", () => HttpResponse.error()],
      ["an HTML error page", () => new HttpResponse("<pre>Error: boom\n    at handler (/srv/app.js:1:1)</pre>", { status: 502 })],
    ])("shows a generic message for %s, never the details", async (_, reply) => {
      answer("api/account/signup", reply)
      const { user } = renderWithAuth(<SignUpForm />, { session: null })
      await fill(user)
      await user.click(screen.getByRole("button", { name: "Create account" }))
      const alert = await screen.findByRole("alert")
      await waitFor(() => expect(alert).toHaveTextContent("Something went wrong. Please try again."))
      expect(document.body.textContent).not.toMatch(/boom|at handler|internal_error|Failed to fetch/)
    })
  })

  it("signs up with the keyboard alone", async () => {
    const posted = answer("api/account/signup", accepted)
    const { user } = renderWithAuth(<SignUpForm />, { session: null })
    await user.tab()
    expect(screen.getByLabelText("Name")).toHaveFocus()
    await user.keyboard("Ada")
    await user.tab()
    expect(screen.getByLabelText("Email")).toHaveFocus()
    await user.keyboard("ada@example.com")
    await user.tab()
    expect(screen.getByLabelText("Password")).toHaveFocus()
    await user.keyboard("correct horse battery")
    await user.tab()
    const toggle = screen.getByRole("button", { name: "Show password" })
    expect(toggle).toHaveFocus()
    await user.keyboard("{Enter}")
    expect(screen.getByLabelText("Password")).toHaveAttribute("type", "text")
    await user.tab()
    expect(screen.getByRole("button", { name: "Create account" })).toHaveFocus()
    await user.keyboard("{Enter}")
    await waitFor(() => expect(screen.getByRole("status")).toHaveFocus())
    expect(posted).toHaveLength(1)
  })

  it("speaks German with the de messages", async () => {
    answer("api/account/signup", () => rateLimited(180))
    const { user } = renderWithAuth(<SignUpForm />, { session: null, messages: de })
    expect(screen.getByRole("heading", { name: "Konto erstellen" })).toBeInTheDocument()
    expect(description(screen.getByLabelText("Passwort"))).toBe("Mindestens 8 Zeichen. Keine gängigen Passwörter.")
    await user.click(screen.getByRole("button", { name: "Konto erstellen" }))
    expect(screen.getByRole("alert")).toHaveTextContent("Bitte prüfen Sie die markierten Felder.")
    expect(description(screen.getByLabelText("E-Mail"))).toBe("Bitte füllen Sie dieses Feld aus.")
    await user.type(screen.getByLabelText("Name"), "Ada")
    await user.type(screen.getByLabelText("E-Mail"), "ada@example.com")
    await user.type(screen.getByLabelText("Passwort"), "correct horse battery")
    await user.click(screen.getByRole("button", { name: "Konto erstellen" }))
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Zu viele Versuche. Versuchen Sie es in 3 Minuten erneut."))
    expect(within(screen.getByRole("alert")).queryByText(/minutes/)).toBeNull()
  })

  it("takes className, classNames, titleAs and data-slot on every element", () => {
    const { container } = renderWithAuth(
      <SignUpForm className="mine" classNames={{ input: "field-input" }} titleAs="h1" data-testid="form" />,
      { session: null },
    )
    const root = screen.getByTestId("form")
    expect(root).toHaveAttribute("data-slot", "sign-up-form")
    expect(root).toHaveAttribute("data-state", "idle")
    expect(root.className).toMatch(/mine$/)
    expect(screen.getByRole("heading", { level: 1 })).toHaveAttribute("data-slot", "sign-up-form-title")
    expect(screen.getByLabelText("Email")).toHaveClass("field-input")
    const missing = [...container.querySelectorAll("*")].filter((el) => !el.getAttribute("data-slot"))
    expect(missing).toEqual([])
  })
})
