import { screen, waitFor } from "@testing-library/react"
import { HttpResponse } from "msw"
import { StrictMode } from "react"
import { describe, expect, it, vi } from "vitest"
import { AccountFormFields, AccountFormSubmit, AccountFormTitle, VerifyEmail, VerifyEmailResend, VerifyEmailRoot, VerifyEmailStatus } from "../../../src/client"
import { de } from "../../../src/client/locales/de"
import { authHandlers, mockUsers } from "../../../src/msw"
import { expectNoAxeViolations, renderWithAuth } from "../helpers"
import { requests } from "../setup"
import { accepted, answer, gate, invalidToken, rateLimited } from "./helpers"

const TOKEN = "a".repeat(43)
const CONFIRM = "Confirm email address"
const later = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms))
const verifyPosts = () => requests.filter((r) => r === "POST /api/account/verify-email")

/** `verify-email` answering 200 with a single-use sign-in grant, and next-auth taking it. */
function withGrant(accept = true) {
  const posted = answer("api/account/verify-email", () => HttpResponse.json({ ok: true, grant: "g" }))
  const signedInWith: Array<Record<string, string>> = []
  const handlers = authHandlers({
    session: null,
    credentials: (fields) => {
      signedInWith.push(fields)
      return accept && fields.grant === "g" ? mockUsers.ada : null
    },
  })
  return { posted, signedInWith, handlers }
}

describe("VerifyEmail", () => {
  describe("given a good ?token=", () => {
    it("posts nothing on load: it asks for a click on its button", async () => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}`)
      const posted = answer("api/account/verify-email")
      renderWithAuth(<VerifyEmail />, { session: null })
      expect(screen.getByRole("heading", { name: "Confirm your email" })).toBeInTheDocument()
      expect(await screen.findByRole("button", { name: CONFIRM })).toBeEnabled()
      expect(screen.getByRole("heading").closest("[data-slot=verify-email]")).toHaveAttribute("data-state", "idle")
      await later(50)
      expect(posted).toEqual([])
      expect(requests).toEqual([])
      await expectNoAxeViolations()
    })

    it("posts the token once on click, says the address is confirmed and links to sign in", async () => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}`)
      const held = gate()
      const posted = answer("api/account/verify-email", undefined, { until: held.promise })
      const onSuccess = vi.fn()
      const { user } = renderWithAuth(<VerifyEmail onSuccess={onSuccess} />, { session: null })
      await user.click(await screen.findByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Confirming your email…"))
      expect(screen.getByRole("button", { name: "Please wait…" })).toBeDisabled()
      await expectNoAxeViolations()
      held.open()
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed. You can sign in now."))
      expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
      expect(screen.queryByRole("button")).toBeNull()
      expect(posted.map((p) => p.body)).toEqual([{ token: TOKEN }])
      await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1))
      await expectNoAxeViolations()
    })

    it("posts once for a double click", async () => {
      const held = gate()
      const posted = answer("api/account/verify-email", undefined, { until: held.promise })
      const { user } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null })
      await user.dblClick(screen.getByRole("button", { name: CONFIRM }))
      held.open()
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed."))
      await later()
      expect(posted).toHaveLength(1)
      expect(verifyPosts()).toHaveLength(1)
    })

    it("posts nothing on load and once on click under StrictMode", async () => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}`)
      const posted = answer("api/account/verify-email")
      const onSuccess = vi.fn()
      const { user } = renderWithAuth(
        <StrictMode>
          <VerifyEmail onSuccess={onSuccess} />
        </StrictMode>,
        { session: null },
      )
      const button = await screen.findByRole("button", { name: CONFIRM })
      await later(50)
      expect(posted).toEqual([])
      await user.click(button)
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed."))
      await later(50)
      expect(posted).toHaveLength(1)
      expect(onSuccess).toHaveBeenCalledTimes(1)
    })

    it("never posts again on a re-render", async () => {
      const posted = answer("api/account/verify-email")
      const { user, rerender } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null })
      await user.click(screen.getByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed."))
      rerender(<VerifyEmail token={TOKEN} className="other" />)
      rerender(<VerifyEmail token="another-token" />)
      await later()
      expect(posted.map((p) => p.body.token)).toEqual([TOKEN])
    })

    it("goes to redirectTo once confirmed", async () => {
      answer("api/account/verify-email")
      const { user, navigate } = renderWithAuth(<VerifyEmail token={TOKEN} redirectTo="/login?verified=1" />, { session: null })
      await user.click(screen.getByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/login?verified=1"))
    })

    it("confirms with the keyboard alone", async () => {
      answer("api/account/verify-email")
      const { user } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null })
      await user.tab()
      expect(screen.getByRole("button", { name: CONFIRM })).toHaveFocus()
      await user.keyboard("{Enter}")
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed."))
    })
  })

  describe("given an answer with a sign-in grant", () => {
    it("signs in with the grant and goes to the callbackUrl", async () => {
      const { posted, signedInWith, handlers } = withGrant()
      const onSuccess = vi.fn()
      const { user, navigate } = renderWithAuth(<VerifyEmail token={TOKEN} callbackUrl="/welcome" onSuccess={onSuccess} />, { handlers })
      await user.click(screen.getByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/welcome"))
      expect(posted.map((p) => p.body)).toEqual([{ token: TOKEN }])
      expect(signedInWith).toHaveLength(1)
      expect(signedInWith[0]).toMatchObject({ grant: "g" })
      expect(handlers.current).toMatchObject({ user: { email: "ada@example.com" } })
      expect(onSuccess).toHaveBeenCalledTimes(1)
      // Still "confirming" while the browser leaves: never the link to sign in.
      expect(screen.getByRole("status")).toHaveTextContent("Confirming your email…")
      expect(screen.queryByRole("link")).toBeNull()
      await expectNoAxeViolations()
    })

    it("goes to the page's ?callbackUrl=, sanitised, else to /", async () => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}&callbackUrl=${encodeURIComponent("/dashboard?tab=1")}`)
      const first = withGrant()
      const { user, navigate, unmount } = renderWithAuth(<VerifyEmail />, { handlers: first.handlers })
      await user.click(await screen.findByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/dashboard?tab=1"))
      expect(location.search).toBe(`?callbackUrl=${encodeURIComponent("/dashboard?tab=1")}`)
      unmount()

      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}&callbackUrl=${encodeURIComponent("//evil.example/x")}`)
      const second = withGrant()
      const again = renderWithAuth(<VerifyEmail />, { handlers: second.handlers })
      await again.user.click(await screen.findByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(again.navigate).toHaveBeenCalledWith("/"))
    })

    it("shows the confirmed state with a link to sign in when the grant does not sign in", async () => {
      const { signedInWith, handlers } = withGrant(false)
      const { user, navigate } = renderWithAuth(<VerifyEmail token={TOKEN} callbackUrl="/welcome" />, { handlers })
      await user.click(screen.getByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed. You can sign in now."))
      expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login")
      expect(signedInWith).toHaveLength(1)
      expect(navigate).not.toHaveBeenCalled()
      expect(screen.getByRole("heading").closest("[data-slot=verify-email]")).toHaveAttribute("data-state", "success")
    })
  })

  describe("given an unknown, used or expired token", () => {
    it.each(["used", "expired", "unknown"])("says a %s link is invalid and offers to send a new one, neutrally", async (reason) => {
      window.history.replaceState(null, "", `/verify-email?token=${TOKEN}`)
      answer("api/account/verify-email", () => invalidToken(reason))
      const resent = answer("api/account/resend-verification", accepted)
      const { user } = renderWithAuth(<VerifyEmail />, { session: null })
      await user.click(await screen.findByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("This link is invalid or has expired."))
      expect(screen.getByRole("heading").closest("[data-slot=verify-email]")).toHaveAttribute("data-state", "invalid")
      expect(screen.queryByRole("button", { name: CONFIRM })).toBeNull()
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

    it("shows the invalid state without a button or a request when there is no token", async () => {
      window.history.replaceState(null, "", "/verify-email")
      renderWithAuth(<VerifyEmail />, { session: null })
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("This link is invalid or has expired."))
      expect(screen.queryByRole("button", { name: CONFIRM })).toBeNull()
      expect(requests).toEqual([])
    })

    it("says how long to wait when rate limited, and the button stays to try again", async () => {
      const posted = answer("api/account/verify-email", () => rateLimited(90))
      const { user } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null })
      await user.click(screen.getByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Too many attempts. Try again in 2 minutes."))
      await expectNoAxeViolations()
      await user.click(screen.getByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(posted).toHaveLength(2))
    })
  })

  describe("given the link of an email change (the answer carries the new address, no grant)", () => {
    it("says which address the account now has, signs nobody in and offers no sign-in link", async () => {
      const posted = answer("api/account/verify-email", () => HttpResponse.json({ ok: true, email: "ada@new.example.com" }))
      const signedInWith: Array<Record<string, string>> = []
      const handlers = authHandlers({ session: null, credentials: (fields) => (signedInWith.push(fields), mockUsers.ada) })
      const onSuccess = vi.fn()
      const { user } = renderWithAuth(<VerifyEmail token={TOKEN} onSuccess={onSuccess} />, { handlers })
      await user.click(screen.getByRole("button", { name: CONFIRM }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email address is now ada@new.example.com."))
      expect(screen.getByRole("heading").closest("[data-slot=verify-email]")).toHaveAttribute("data-state", "success")
      expect(screen.queryByRole("link", { name: "Sign in" })).toBeNull()
      expect(screen.queryByText(/You can sign in now/)).toBeNull()
      await later(50)
      expect(signedInWith).toEqual([])
      expect(requests.filter((r) => r.includes("/api/auth/callback"))).toEqual([])
      expect(posted.map((p) => p.body)).toEqual([{ token: TOKEN }])
      expect(onSuccess).toHaveBeenCalledTimes(1)
      await expectNoAxeViolations()
    })

    it("says it in German with the de messages", async () => {
      answer("api/account/verify-email", () => HttpResponse.json({ ok: true, email: "ada@neu.example.com" }))
      const { user } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null, messages: de })
      await user.click(screen.getByRole("button", { name: "E-Mail-Adresse bestätigen" }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Ihre E-Mail-Adresse ist jetzt ada@neu.example.com."))
    })
  })

  it("speaks German with the de messages", async () => {
    answer("api/account/verify-email", () => invalidToken())
    const { user } = renderWithAuth(<VerifyEmail token={TOKEN} />, { session: null, messages: de })
    expect(screen.getByRole("heading", { name: "E-Mail-Adresse bestätigen" })).toBeInTheDocument()
    await user.click(screen.getByRole("button", { name: "E-Mail-Adresse bestätigen" }))
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Dieser Link ist ungültig oder abgelaufen."))
    expect(screen.getByRole("button", { name: "Neuen Link senden" })).toBeInTheDocument()
  })

  it("asks for a new link with the keyboard alone", async () => {
    answer("api/account/resend-verification", accepted)
    const { user } = renderWithAuth(<VerifyEmail token="" />, { session: null })
    await screen.findByLabelText("Email")
    await user.tab()
    expect(screen.getByLabelText("Email")).toHaveFocus()
    await user.keyboard("ada@example.com{Enter}")
    await waitFor(() => expect(screen.getByText(/we sent a new link/)).toHaveFocus())
  })
})

describe("VerifyEmail's parts", () => {
  it("compose into a page of the app's own, with its own button", async () => {
    const posted = answer("api/account/verify-email")
    const onClick = vi.fn()
    const { user } = renderWithAuth(
      <VerifyEmailRoot token={TOKEN} titleAs="h1">
        <AccountFormTitle>Is this your address?</AccountFormTitle>
        <VerifyEmailStatus className="mine" />
        <AccountFormFields>
          <AccountFormSubmit asChild>
            <button type="submit" className="big" onClick={onClick}>
              Yes, it is
            </button>
          </AccountFormSubmit>
        </AccountFormFields>
        <VerifyEmailResend />
      </VerifyEmailRoot>,
      { session: null },
    )
    expect(screen.getByRole("heading", { level: 1, name: "Is this your address?" })).toBeInTheDocument()
    const button = screen.getByRole("button", { name: "Yes, it is" })
    expect(button).toHaveAttribute("data-slot", "verify-email-submit")
    expect(button.className).toContain("nak:kit-primary")
    expect(button.className.endsWith("big")).toBe(true)
    await user.click(button)
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Your email is confirmed."))
    expect(screen.getByRole("status")).toHaveClass("mine")
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(posted).toHaveLength(1)
  })
})

describe("the token in the address bar", () => {
  it("is taken out of the URL once read, and posted once on click under StrictMode", async () => {
    const posted = answer("verify-email")
    window.history.replaceState(null, "", "/verify-email?token=tok-in-url&x=1#h")
    const { user } = renderWithAuth(
      <StrictMode>
        <VerifyEmail />
      </StrictMode>,
      { session: null },
    )
    await waitFor(() => expect(location.pathname + location.search + location.hash).toBe("/verify-email?x=1#h"))
    expect(posted).toEqual([])
    await user.click(screen.getByRole("button", { name: CONFIRM }))
    await waitFor(() => expect(posted.map((p) => p.body)).toEqual([{ token: "tok-in-url" }]))
  })
})
