/**
 * SessionsCard and LinkedAccountsCard against the account mocks (`next-auth-kit/msw`, the
 * server's own engine): what the user sees and can do.
 */
import { screen, waitFor, within } from "@testing-library/react"
import { http, type HttpHandler, HttpResponse } from "msw"
import { describe, expect, it, vi } from "vitest"
import {
  AccountFormTitle,
  LinkedAccountsCard,
  SessionsCard,
  SessionsCardList,
  SessionsCardRevoke,
  SessionsCardRoot,
} from "../../../src/client"
import { he } from "../../../src/client/locales/he"
import { accountScenarios, providers } from "../../../src/msw"
import { expectLoggedOnly, expectNoAxeViolations, renderWithAuth } from "../helpers"
import { requests, server } from "../setup"

/** The scenario's handlers, with `overrides` in front of them (msw tries the first given first). */
const serve = (handlers: HttpHandler[], ...overrides: HttpHandler[]) => {
  server.use(...overrides, ...handlers)
  return {}
}
const rows = () => within(screen.getByRole("list")).getAllByRole("listitem")
const reauthenticationRequired = () => HttpResponse.json({ error: "reauthentication_required", message: "Sign in again." }, { status: 403 })

describe("SessionsCard", () => {
  it("says it is loading, then lists the sessions newest first, with this device marked and not revocable", async () => {
    renderWithAuth(<SessionsCard />, serve(accountScenarios.threeDevices()))
    expect(screen.getByRole("status")).toHaveTextContent("Loading your sessions…")
    expect(await screen.findByRole("list")).toBeInTheDocument()
    expect(screen.getByRole("heading", { name: "Where you are signed in" })).toBeInTheDocument()
    const [mac, phone, windows] = rows()
    expect(mac).toHaveTextContent("Chrome 126 on macOS")
    expect(mac).toHaveTextContent("This device")
    expect(mac).toHaveTextContent("Signed in with password")
    expect(within(mac!).queryByRole("button")).toBeNull()
    expect(phone).toHaveTextContent("Safari 17 on iOS 17")
    expect(phone).toHaveTextContent("Phone")
    // The method is the provider's name, from getProviders().
    await waitFor(() => expect(phone).toHaveTextContent("Signed in with GitHub"))
    expect(phone).toHaveTextContent("IP address 198.51.100.7")
    expect(phone).toHaveTextContent("Signed in yesterday")
    expect(phone).toHaveTextContent("Last active 3 hours ago")
    expect(within(phone!).getByRole("button", { name: "Sign out Safari 17 on iOS 17" })).toBeInTheDocument()
    expect(windows).toHaveTextContent("Firefox 128 on Windows 10")
    expect(within(windows!).getByRole("button", { name: "Sign out Firefox 128 on Windows 10" })).toBeInTheDocument()
    expect(document.querySelector('[data-slot="sessions-card"]')).toHaveAttribute("data-state", "ready")
    await expectNoAxeViolations()
  })

  it("signs one other session out: its row goes and the result is announced", async () => {
    const { user } = renderWithAuth(<SessionsCard />, serve(accountScenarios.threeDevices()))
    await user.click(await screen.findByRole("button", { name: "Sign out Safari 17 on iOS 17" }))
    await waitFor(() => expect(rows()).toHaveLength(2))
    expect(screen.queryByText("Safari 17 on iOS 17")).toBeNull()
    const status = screen.getByRole("status")
    expect(status).toHaveTextContent("Safari 17 on iOS 17 is signed out.")
    await waitFor(() => expect(status).toHaveFocus())
  })

  it("signs out everywhere else, leaving only this device", async () => {
    const { user } = renderWithAuth(<SessionsCard />, serve(accountScenarios.threeDevices()))
    await user.click(await screen.findByRole("button", { name: "Sign out everywhere else" }))
    await waitFor(() => expect(rows()).toHaveLength(1))
    expect(rows()[0]).toHaveTextContent("This device")
    expect(screen.getByRole("status")).toHaveTextContent("You are signed out everywhere else.")
    expect(screen.queryByRole("button", { name: "Sign out everywhere else" })).toBeNull()
    await expectNoAxeViolations()
  })

  it("says the list could not be loaded after a 500, and loads it again on Try again", async () => {
    const options = serve(accountScenarios.threeDevices(), http.get("*/api/account/sessions", () => HttpResponse.json({ error: "internal_error" }, { status: 500 }), { once: true }))
    const { user } = renderWithAuth(<SessionsCard />, options)
    const alert = await screen.findByRole("alert")
    expect(alert).toHaveTextContent("We could not load this list.")
    expect(document.querySelector('[data-slot="sessions-card"]')).toHaveAttribute("data-state", "error")
    await expectNoAxeViolations()
    await user.click(within(alert).getByRole("button", { name: "Try again" }))
    await waitFor(() => expect(rows()).toHaveLength(3))
  })

  it("says the list could not be loaded when the network fails", async () => {
    renderWithAuth(<SessionsCard />, serve(accountScenarios.threeDevices(), http.get("*/api/account/sessions", () => HttpResponse.error())))
    expect(await screen.findByRole("alert")).toHaveTextContent("We could not load this list.")
  })

  it("calls onReauthenticationRequired on 403 reauthentication_required, and its retry runs the action", async () => {
    const options = serve(accountScenarios.threeDevices(), http.post("*/api/account/sessions/revoke-others", reauthenticationRequired, { once: true }))
    const onReauthenticationRequired = vi.fn()
    const { user } = renderWithAuth(<SessionsCard onReauthenticationRequired={onReauthenticationRequired} />, options)
    await user.click(await screen.findByRole("button", { name: "Sign out everywhere else" }))
    await waitFor(() => expect(onReauthenticationRequired).toHaveBeenCalledTimes(1))
    expect(rows()).toHaveLength(3)
    expect(screen.queryByRole("alert", { name: /./ })).toBeNull()
    const [retry] = onReauthenticationRequired.mock.calls[0] as [() => Promise<void>]
    await retry()
    await waitFor(() => expect(rows()).toHaveLength(1))
    expect(screen.getByRole("status")).toHaveTextContent("You are signed out everywhere else.")
  })

  it("without onReauthenticationRequired, says to sign in again, with a link back here", async () => {
    window.history.replaceState(null, "", "/account")
    const { user } = renderWithAuth(<SessionsCard />, serve(accountScenarios.threeDevices(), http.post("*/api/account/sessions/revoke", reauthenticationRequired)))
    await user.click(await screen.findByRole("button", { name: "Sign out Firefox 128 on Windows 10" }))
    const alert = await screen.findByRole("alert")
    await waitFor(() => expect(alert).toHaveTextContent("For your security, sign in again, then try once more."))
    expect(within(alert).getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login?callbackUrl=%2Faccount")
    await waitFor(() => expect(alert).toHaveFocus())
    expect(rows()).toHaveLength(3)
  })

  it("takes its parts one by one, with a list of your own", async () => {
    renderWithAuth(
      <SessionsCardRoot titleAs="h3">
        <AccountFormTitle>Devices</AccountFormTitle>
        <SessionsCardList>
          {(session) => (
            <li key={session.id}>
              {session.browser} <SessionsCardRevoke session={session}>End</SessionsCardRevoke>
            </li>
          )}
        </SessionsCardList>
      </SessionsCardRoot>,
      serve(accountScenarios.threeDevices()),
    )
    expect(screen.getByRole("heading", { level: 3, name: "Devices" })).toBeInTheDocument()
    await waitFor(() => expect(rows()).toHaveLength(3))
    expect(screen.getAllByRole("button", { name: /^Sign out / }).map((b) => b.textContent)).toEqual(["End", "End"])
  })

  it("speaks the provider's language, right to left", async () => {
    renderWithAuth(<div dir="rtl"><SessionsCard /></div>, { ...serve(accountScenarios.threeDevices()), messages: he })
    await screen.findByRole("list")
    expect(screen.getByRole("heading", { name: he.accountCards.sessionsTitle })).toBeInTheDocument()
    expect(screen.getByText(he.accountCards.thisDevice)).toBeInTheDocument()
    expect(screen.getByRole("button", { name: he.accountCards.revokeOthers })).toBeInTheDocument()
    await expectNoAxeViolations()
  })
})

describe("LinkedAccountsCard", () => {
  it("lists GitHub as linked with its date, and Google to link", async () => {
    renderWithAuth(<LinkedAccountsCard />, serve(accountScenarios.githubLinked()))
    expect(screen.getByRole("status")).toHaveTextContent("Loading your linked accounts…")
    await screen.findByRole("list")
    const [github, google] = rows()
    expect(github).toHaveTextContent("GitHub")
    expect(github).toHaveTextContent("Linked last month")
    expect(within(github!).getByRole("button", { name: "Unlink GitHub" })).toHaveTextContent("Unlink")
    expect(google).toHaveTextContent("Google")
    expect(google).toHaveTextContent("Not linked")
    expect(within(google!).getByRole("button", { name: "Link Google" })).toHaveTextContent("Link")
    await expectNoAxeViolations()
  })

  it("unlinks GitHub when a password remains: it moves to the providers to link", async () => {
    const { user } = renderWithAuth(<LinkedAccountsCard />, serve(accountScenarios.githubLinked()))
    await user.click(await screen.findByRole("button", { name: "Unlink GitHub" }))
    expect(await screen.findByRole("button", { name: "Link GitHub" })).toBeInTheDocument()
    expect(screen.getByRole("status")).toHaveTextContent("GitHub is unlinked.")
  })

  it("says plainly that the last way to sign in stays linked", async () => {
    const { user } = renderWithAuth(<LinkedAccountsCard />, serve(accountScenarios.githubLinked(undefined, { password: false })))
    await user.click(await screen.findByRole("button", { name: "Unlink GitHub" }))
    const alert = await screen.findByRole("alert")
    await waitFor(() => expect(alert).toHaveTextContent("GitHub is your only way to sign in, so it stays linked. Set a password or link another account first."))
    expect(screen.getByRole("button", { name: "Unlink GitHub" })).toBeInTheDocument()
    await expectNoAxeViolations()
  })

  it("links a provider by signing in with it, coming back to this page", async () => {
    window.history.replaceState(null, "", "/account")
    const { user } = renderWithAuth(<LinkedAccountsCard />, serve(accountScenarios.githubLinked()))
    const error = vi.spyOn(console, "error").mockImplementation(() => {}) // jsdom cannot navigate
    const link = await screen.findByRole("button", { name: "Link Google" })
    await user.click(link)
    await waitFor(() => expect(requests).toContain("POST /api/auth/signin/google"))
    expect(link).toBeDisabled()
    expectLoggedOnly(error, /Not implemented: navigation/)
    error.mockRestore()
  })

  it("calls onReauthenticationRequired for unlink, and retry unlinks", async () => {
    const options = serve(accountScenarios.githubLinked(), http.post("*/api/account/unlink", reauthenticationRequired, { once: true }))
    const onReauthenticationRequired = vi.fn()
    const { user } = renderWithAuth(<LinkedAccountsCard onReauthenticationRequired={onReauthenticationRequired} />, options)
    await user.click(await screen.findByRole("button", { name: "Unlink GitHub" }))
    await waitFor(() => expect(onReauthenticationRequired).toHaveBeenCalledTimes(1))
    await (onReauthenticationRequired.mock.calls[0] as [() => Promise<void>])[0]()
    expect(await screen.findByRole("button", { name: "Link GitHub" })).toBeInTheDocument()
  })

  it("takes the providers as a prop, without fetching them", async () => {
    renderWithAuth(<LinkedAccountsCard providers={[providers.credentials, providers.github]} />, serve(accountScenarios.githubLinked()))
    await screen.findByRole("list")
    expect(rows()).toHaveLength(1)
    expect(requests).not.toContain("GET /api/auth/providers")
  })
})
