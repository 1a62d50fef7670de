import { screen, waitFor } from "@testing-library/react"
import type { Session } from "next-auth"
import { describe, expect, it, vi } from "vitest"
import { ChangePasswordForm, ForgotPasswordForm, ResetPasswordForm } from "../../../src/client"
import { de } from "../../../src/client/locales/de"
import { expectNoAxeViolations, renderWithAuth } from "../helpers"
import { requests } from "../setup"
import { accepted, answer, gate, HttpResponseJson, invalidInput, invalidToken, rateLimited } from "./helpers"

const TOKEN = "r".repeat(43)
const session: Session = { user: { name: "Ada", email: "ada@example.com" }, expires: "2999-01-01T00:00:00.000Z" }
const accounts = { pages: { forgotPassword: "/forgot-password", signUp: "/signup" } }

function describedBy(input: HTMLElement) {
  return (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent)
    .join(" | ")
}

describe("ForgotPasswordForm", () => {
  it("asks for the address, then says the same neutral sentence for any address", async () => {
    const posted = answer("api/account/forgot-password", accepted)
    const onSuccess = vi.fn()
    const { user } = renderWithAuth(<ForgotPasswordForm onSuccess={onSuccess} />, { session: null })
    expect(screen.getByRole("heading", { name: "Reset your password" })).toBeInTheDocument()
    expect(screen.getByLabelText("Email")).toHaveAttribute("autocomplete", "email")
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
    await expectNoAxeViolations()

    await user.type(screen.getByLabelText("Email"), "nobody@example.com")
    await user.click(screen.getByRole("button", { name: "Email me a reset link" }))
    const done = await screen.findByRole("status")
    expect(done).toHaveTextContent("If an account uses nobody@example.com, we sent it a link to reset the password.")
    await waitFor(() => expect(done).toHaveFocus())
    expect(posted.map((p) => p.body)).toEqual([{ email: "nobody@example.com" }])
    expect(onSuccess).toHaveBeenCalledWith("nobody@example.com")
    expect(screen.getByRole("link", { name: "Sign in" })).toBeInTheDocument()
    await expectNoAxeViolations()
  })

  it("checks the address before posting", async () => {
    const { user } = renderWithAuth(<ForgotPasswordForm />, { session: null })
    await user.type(screen.getByLabelText("Email"), "not-an-address")
    await user.click(screen.getByRole("button", { name: "Email me a reset link" }))
    expect(describedBy(screen.getByLabelText("Email"))).toBe("Enter an email address such as name@example.com.")
    await waitFor(() => expect(screen.getByRole("alert")).toHaveFocus())
    expect(requests).toEqual([])
    await expectNoAxeViolations()
  })

  it("says how long to wait when rate limited", async () => {
    answer("api/account/forgot-password", () => rateLimited(600))
    const { user } = renderWithAuth(<ForgotPasswordForm />, { session: null })
    await user.type(screen.getByLabelText("Email"), "ada@example.com")
    await user.click(screen.getByRole("button", { name: "Email me a reset link" }))
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Too many attempts. Try again in 10 minutes."))
    await expectNoAxeViolations()
  })

  it("submits once however fast the clicks come", async () => {
    const held = gate()
    const posted = answer("api/account/forgot-password", accepted, { until: held.promise })
    const { user } = renderWithAuth(<ForgotPasswordForm />, { session: null })
    await user.type(screen.getByLabelText("Email"), "ada@example.com")
    const submit = screen.getByRole("button", { name: "Email me a reset link" })
    await Promise.all([user.click(submit), user.click(submit)])
    await user.keyboard("{Enter}")
    held.open()
    await screen.findByRole("status")
    expect(posted).toHaveLength(1)
  })

  it("speaks German", async () => {
    answer("api/account/forgot-password", accepted)
    const { user } = renderWithAuth(<ForgotPasswordForm />, { session: null, messages: de })
    await user.type(screen.getByLabelText("E-Mail"), "ada@example.com")
    await user.click(screen.getByRole("button", { name: "Link zum Zurücksetzen senden" }))
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Falls ein Konto ada@example.com verwendet, haben wir einen Link zum Zurücksetzen gesendet.",
    )
  })
})

describe("ResetPasswordForm", () => {
  async function fill(user: ReturnType<typeof renderWithAuth>["user"], password: string, confirm = password) {
    await user.type(screen.getByLabelText("New password"), password)
    await user.type(screen.getByLabelText("Confirm new password"), confirm)
    await user.click(screen.getByRole("button", { name: "Set a new password" }))
  }

  it("sets the new password with the ?token=, then confirms and links to sign in", async () => {
    window.history.replaceState(null, "", `/reset-password?token=${TOKEN}`)
    const posted = answer("api/account/reset-password")
    const onSuccess = vi.fn()
    const { user } = renderWithAuth(<ResetPasswordForm onSuccess={onSuccess} />, { session: null })
    const password = screen.getByLabelText("New password")
    expect(password).toHaveAttribute("autocomplete", "new-password")
    expect(screen.getByLabelText("Confirm new password")).toHaveAttribute("autocomplete", "new-password")
    expect(describedBy(password)).toBe("At least 8 characters. Avoid common passwords.")
    await expectNoAxeViolations()
    await fill(user, "a new passphrase")
    const done = await screen.findByRole("status")
    expect(done).toHaveTextContent("Your password is changed, and you are signed out everywhere. Sign in with the new one.")
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
    await waitFor(() => expect(done).toHaveFocus())
    // The confirmation is checked here, never sent.
    expect(posted.map((p) => p.body)).toEqual([{ token: TOKEN, password: "a new passphrase" }])
    expect(onSuccess).toHaveBeenCalledTimes(1)
    await expectNoAxeViolations()
  })

  it("takes the token as a prop and can go to redirectTo", async () => {
    const posted = answer("api/account/reset-password")
    const { user, navigate } = renderWithAuth(<ResetPasswordForm token="prop-token" redirectTo="/login" />, { session: null })
    await fill(user, "a new passphrase")
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/login"))
    expect(posted[0]!.body.token).toBe("prop-token")
  })

  it("refuses a confirmation that does not match, before posting", async () => {
    const { user } = renderWithAuth(<ResetPasswordForm token={TOKEN} />, { session: null })
    await fill(user, "a new passphrase", "a new passfrase")
    const confirm = screen.getByLabelText("Confirm new password")
    expect(confirm).toHaveAttribute("aria-invalid", "true")
    expect(describedBy(confirm)).toBe("The passwords do not match.")
    expect(screen.getByLabelText("New password")).not.toHaveAttribute("aria-invalid")
    await waitFor(() => expect(screen.getByRole("alert")).toHaveFocus())
    expect(requests).toEqual([])
    await expectNoAxeViolations()
  })

  it("shows too_common from the server at the new password", async () => {
    answer("api/account/reset-password", () => invalidInput({ password: "too_common" }))
    const { user } = renderWithAuth(<ResetPasswordForm token={TOKEN} />, { session: null })
    await fill(user, "password123")
    await waitFor(() => expect(describedBy(screen.getByLabelText("New password"))).toContain("This password is too common. Choose another one."))
  })

  it.each([
    ["invalid_token", () => invalidToken("expired")],
    ["a token refused as a field", () => invalidInput({ token: "required" })],
  ])("after %s, says the link is dead and links to ask for a new one", async (_, reply) => {
    answer("api/account/reset-password", reply)
    const { user } = renderWithAuth(<ResetPasswordForm token={TOKEN} />, { session: null, config: { loginPath: "/login", accounts } })
    await fill(user, "a new passphrase")
    const alert = await screen.findByText("This link is invalid or has expired.")
    await waitFor(() => expect(alert).toHaveFocus())
    expect(screen.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", "/forgot-password")
    expect(screen.queryByLabelText("New password")).toBeNull()
    await expectNoAxeViolations()
  })

  it("shows the dead end at once, without a request, when the URL has no token", async () => {
    window.history.replaceState(null, "", "/reset-password")
    renderWithAuth(<ResetPasswordForm />, { session: null })
    expect(await screen.findByRole("alert")).toHaveTextContent("This link is invalid or has expired.")
    // No forgot-password page configured: no link to it.
    expect(screen.queryByRole("link", { name: "Request a new link" })).toBeNull()
    expect(requests).toEqual([])
  })

  it("speaks German", async () => {
    const { user } = renderWithAuth(<ResetPasswordForm token={TOKEN} />, { session: null, messages: de })
    await user.type(screen.getByLabelText("Neues Passwort"), "kurz")
    await user.click(screen.getByRole("button", { name: "Neues Passwort festlegen" }))
    expect(describedBy(screen.getByLabelText("Neues Passwort"))).toBe("Mindestens 8 Zeichen. Keine gängigen Passwörter. | Verwenden Sie mindestens 8 Zeichen.")
    expect(describedBy(screen.getByLabelText("Neues Passwort bestätigen"))).toBe("Bitte füllen Sie dieses Feld aus.")
  })
})

describe("ChangePasswordForm", () => {
  async function fill(user: ReturnType<typeof renderWithAuth>["user"], current = "old password", next = "a new passphrase") {
    if (current) await user.type(screen.getByLabelText("Current password"), current)
    await user.type(screen.getByLabelText("New password"), next)
    await user.type(screen.getByLabelText("Confirm new password"), next)
    await user.click(screen.getByRole("button", { name: "Change password" }))
  }

  it("changes the password of the signed-in user", async () => {
    const posted = answer("api/account/change-password")
    const onSuccess = vi.fn()
    const { user } = renderWithAuth(<ChangePasswordForm onSuccess={onSuccess} />, { session })
    expect(screen.getByLabelText("Current password")).toHaveAttribute("autocomplete", "current-password")
    expect(screen.getByLabelText("New password")).toHaveAttribute("autocomplete", "new-password")
    await expectNoAxeViolations()
    await fill(user)
    expect(await screen.findByRole("status")).toHaveTextContent("Your password is changed.")
    expect(posted.map((p) => p.body)).toEqual([{ currentPassword: "old password", newPassword: "a new passphrase" }])
    expect(onSuccess).toHaveBeenCalledTimes(1)
    await expectNoAxeViolations()
  })

  it("says when the current password is wrong, at its field", async () => {
    answer("api/account/change-password", () => invalidInput({ currentPassword: "mismatch" }))
    const { user } = renderWithAuth(<ChangePasswordForm />, { session })
    await fill(user)
    await waitFor(() => expect(describedBy(screen.getByLabelText("Current password"))).toBe("This is not your current password."))
    expect(screen.getByLabelText("Current password")).toHaveAttribute("aria-invalid", "true")
    await expectNoAxeViolations()
  })

  it("asks to sign in again after a 401, with a link that comes back", async () => {
    window.history.replaceState(null, "", "/account?tab=security")
    answer("api/account/change-password", () =>
      HttpResponseJson({ error: "unauthenticated", message: "Sign in to continue." }, 401),
    )
    const { user } = renderWithAuth(<ChangePasswordForm />, { session })
    await fill(user)
    const alert = await screen.findByText(/Your session has ended/)
    await waitFor(() => expect(alert).toHaveFocus())
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute(
      "href",
      `/login?callbackUrl=${encodeURIComponent("/account?tab=security")}`,
    )
    await expectNoAxeViolations()
  })

  it("says to sign in again when the server asks for a recent authentication (403 reauthentication_required), keeping the form", async () => {
    answer("api/account/change-password", () =>
      HttpResponseJson({ error: "reauthentication_required", message: "Confirm it is you first: enter your password or code again." }, 403),
    )
    const { user } = renderWithAuth(<ChangePasswordForm />, { session })
    await fill(user)
    const alert = await screen.findByText("For your security, sign in again, then try once more.")
    await waitFor(() => expect(alert.closest('[role="alert"]')).toHaveFocus())
    expect(screen.getByLabelText("Current password")).toBeInTheDocument()
    await expectNoAxeViolations()
  })

  it("asks to sign in at once when signed out", async () => {
    renderWithAuth(<ChangePasswordForm />, { session: null })
    expect(screen.getByRole("alert")).toHaveTextContent("Your session has ended. Sign in again to continue.")
    expect(screen.queryByLabelText("Current password")).toBeNull()
    expect(requests).toEqual([])
  })

  it("checks every field before posting", async () => {
    const { user } = renderWithAuth(<ChangePasswordForm />, { session })
    await fill(user, "", "short")
    expect(describedBy(screen.getByLabelText("Current password"))).toBe("Fill in this field.")
    expect(describedBy(screen.getByLabelText("New password"))).toContain("Use at least 8 characters.")
    expect(requests).toEqual([])
  })

  it("changes the password with the keyboard alone", async () => {
    const posted = answer("api/account/change-password")
    const { user } = renderWithAuth(<ChangePasswordForm />, { session })
    await user.tab()
    expect(screen.getByLabelText("Current password")).toHaveFocus()
    await user.keyboard("old password")
    await user.tab() // show
    await user.tab()
    expect(screen.getByLabelText("New password")).toHaveFocus()
    await user.keyboard("a new passphrase")
    await user.tab() // show
    await user.tab()
    expect(screen.getByLabelText("Confirm new password")).toHaveFocus()
    await user.keyboard("a new passphrase{Enter}")
    await waitFor(() => expect(screen.getByRole("status")).toHaveFocus())
    expect(posted).toHaveLength(1)
  })

  it("speaks German", () => {
    renderWithAuth(<ChangePasswordForm />, { session, messages: de })
    expect(screen.getByRole("heading", { name: "Passwort ändern" })).toBeInTheDocument()
    expect(screen.getByLabelText("Aktuelles Passwort")).toBeInTheDocument()
  })
})
