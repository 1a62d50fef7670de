import { screen, waitFor } from "@testing-library/react"
import { StrictMode } from "react"
import { describe, expect, it, vi } from "vitest"
import { VerifyEmail } from "../../../src/client"
import { de } from "../../../src/client/locales/de"
import { expectNoAxeViolations, renderWithAuth } from "../helpers"
import { requests } from "../setup"
import { accepted, answer, invalidToken, rateLimited } from "./helpers"

const TOKEN = "a".repeat(43)

describe("VerifyEmail", () => {
  describe("given a good ?token=", () => {
    it("posts it once, says the address is confirmed and links to sign in", async () => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}`)
      const posted = answer("api/account/verify-email", undefined, { wait: 20 })
      const onSuccess = vi.fn()
      renderWithAuth(<VerifyEmail onSuccess={onSuccess} />, { session: null })
      expect(screen.getByRole("heading", { name: "Confirm your email" })).toBeInTheDocument()
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Confirming your email…"))
      await expectNoAxeViolations()
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed. You can sign in now."))
      expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
      expect(posted.map((p) => p.body)).toEqual([{ token: TOKEN }])
      expect(onSuccess).toHaveBeenCalledTimes(1)
      await expectNoAxeViolations()
    })

    it("posts exactly once under StrictMode", async () => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}`)
      const posted = answer("api/account/verify-email")
      renderWithAuth(
        <StrictMode>
          <VerifyEmail />
        </StrictMode>,
        { session: null },
      )
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed."))
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(posted).toHaveLength(1)
      expect(requests.filter((r) => r === "POST /api/account/verify-email")).toHaveLength(1)
    })

    it("never posts again on a re-render", async () => {
      const posted = answer("api/account/verify-email")
      const { rerender } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null })
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed."))
      rerender(<VerifyEmail token={TOKEN} className="other" />)
      rerender(<VerifyEmail token="another-token" />)
      await new Promise((resolve) => setTimeout(resolve, 30))
      expect(posted.map((p) => p.body.token)).toEqual([TOKEN])
    })

    it("goes to redirectTo once confirmed", async () => {
      answer("api/account/verify-email")
      const { navigate } = renderWithAuth(<VerifyEmail token={TOKEN} redirectTo="/login?verified=1" />, { session: null })
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/login?verified=1"))
    })
  })

  describe("given a used or expired token", () => {
    it("says the link is invalid and offers to send a new one, neutrally", async () => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}`)
      answer("api/account/verify-email", () => invalidToken("used"))
      const resent = answer("api/account/resend-verification", accepted)
      const { user } = renderWithAuth(<VerifyEmail />, { session: null })
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("This link is invalid or has expired."))
      expect(screen.getByRole("heading").closest("[data-slot=verify-email]")).toHaveAttribute("data-state", "invalid")
      await expectNoAxeViolations()

      // Checked before posting.
      await user.click(screen.getByRole("button", { name: "Send a new link" }))
      expect(screen.getByRole("alert")).toHaveTextContent("Check the marked fields.")
      expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true")
      expect(resent).toEqual([])
      await expectNoAxeViolations()

      await user.type(screen.getByLabelText("Email"), "ada@example.com")
      await user.click(screen.getByRole("button", { name: "Send a new link" }))
      await waitFor(() =>
        expect(screen.getAllByRole("status").at(-1)).toHaveTextContent("If the address needs it, we sent a new link. Check your inbox."),
      )
      expect(resent.map((p) => p.body)).toEqual([{ email: "ada@example.com" }])
      await expectNoAxeViolations()
    })

    it("shows the invalid state without a request when there is no token", async () => {
      window.history.replaceState(null, "", "/verify-email")
      renderWithAuth(<VerifyEmail />, { session: null })
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("This link is invalid or has expired."))
      expect(requests).toEqual([])
    })

    it("says how long to wait when rate limited", async () => {
      answer("api/account/verify-email", () => rateLimited(90))
      renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null })
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Too many attempts. Try again in 2 minutes."))
      await expectNoAxeViolations()
    })
  })

  it("speaks German with the de messages", async () => {
    answer("api/account/verify-email", () => invalidToken())
    renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null, messages: de })
    expect(screen.getByRole("heading", { name: "E-Mail-Adresse bestätigen" })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Dieser Link ist ungültig oder abgelaufen."))
    expect(screen.getByRole("button", { name: "Neuen Link senden" })).toBeInTheDocument()
  })

  it("asks for a new link with the keyboard alone", async () => {
    answer("api/account/verify-email", () => invalidToken())
    answer("api/account/resend-verification", accepted)
    const { user } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null })
    await screen.findByLabelText("Email")
    await user.tab()
    expect(screen.getByLabelText("Email")).toHaveFocus()
    await user.keyboard("ada@example.com{Enter}")
    await waitFor(() => expect(screen.getByText(/we sent a new link/)).toHaveFocus())
  })
})

describe("the token in the address bar", () => {
  it("is taken out of the URL once read, and still posted once under StrictMode", async () => {
    const posted = answer("verify-email")
    window.history.replaceState(null, "", "/verify-email?token=tok-in-url&x=1#h")
    renderWithAuth(
      <StrictMode>
        <VerifyEmail />
      </StrictMode>,
      { session: null },
    )
    await waitFor(() => expect(posted.map((p) => p.body)).toEqual([{ token: "tok-in-url" }]))
    expect(location.pathname + location.search + location.hash).toBe("/verify-email?x=1#h")
  })
})
