/**
 * AccountSettingsPasskeys against hand-written answers of the passkeys endpoints (the account
 * mocks run without a WebAuthn verifier, so they serve no passkeys).
 */
import { screen, waitFor, within } from "@testing-library/react"
import { http, HttpResponse } from "msw"
import { afterEach, describe, expect, it } from "vitest"
import { AccountSettingsPasskeys } from "../../../src/client"
import { accountScenarios } from "../../../src/msw"
import { expectNoAxeViolations, renderWithAuth } from "../helpers"
import { server } from "../setup"

const hour = 3600_000
const passkeys = [
  { id: "pk-mac", name: "MacBook", createdAt: new Date(Date.now() - 48 * hour).toISOString(), lastUsedAt: new Date(Date.now() - 3 * hour).toISOString(), backedUp: true },
  { id: "pk-key", name: "Security key", createdAt: new Date(Date.now() - 24 * hour).toISOString(), lastUsedAt: null, backedUp: false },
]
const list = (items = passkeys) => http.get("*/api/account/passkeys", () => HttpResponse.json({ passkeys: items }))
/** Grace's account (signed in, fresh), with `overrides` in front (msw tries the first given first). */
const serve = (...overrides: Parameters<typeof server.use>) => server.use(...overrides, ...accountScenarios.accountSettings())
const rows = () => within(screen.getByRole("list")).getAllByRole("listitem")
const original = (window as { PublicKeyCredential?: unknown }).PublicKeyCredential

afterEach(() => {
  ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = original
})

describe("AccountSettingsPasskeys", () => {
  describe("given an account with two passkeys in a browser with WebAuthn", () => {
    it("lists them with when they were added and used, marks the synced one, and offers to add one", async () => {
      ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = function PublicKeyCredential() {}
      serve(list())
      renderWithAuth(<AccountSettingsPasskeys />, {})
      expect(await screen.findByRole("list")).toBeInTheDocument()
      const [mac, key] = rows()
      expect(mac).toHaveTextContent("MacBook")
      expect(mac).toHaveTextContent("Synced")
      expect(mac).toHaveTextContent("Added 2 days ago")
      expect(mac).toHaveTextContent("Last used 3 hours ago")
      expect(key).toHaveTextContent("Never used")
      expect(key).not.toHaveTextContent("Synced")
      expect(screen.getByRole("button", { name: "Add a passkey" })).toBeInTheDocument()
      await expectNoAxeViolations()
    })

    it("renames one inline and announces it", async () => {
      let renamed: unknown = null
      serve(
        http.post("*/api/account/passkeys/rename", async ({ request }) => {
          renamed = await request.json()
          return HttpResponse.json({ ok: true })
        }),
        list(),
      )
      const { user } = renderWithAuth(<AccountSettingsPasskeys />, {})
      await user.click(await screen.findByRole("button", { name: "Rename MacBook" }))
      const field = screen.getByLabelText("Passkey name")
      await user.clear(field)
      await user.type(field, "Work laptop")
      await user.click(screen.getByRole("button", { name: "Save" }))
      await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("The passkey is now called Work laptop."))
      expect(renamed).toEqual({ id: "pk-mac", name: "Work laptop" })
    })
  })

  it("says plainly that the last way to sign in is kept", async () => {
    serve(http.post("*/api/account/passkeys/remove", () => HttpResponse.json({ error: "last_sign_in_method" }, { status: 409 })), list([passkeys[0]!]))
    const { user } = renderWithAuth(<AccountSettingsPasskeys />, {})
    await user.click(await screen.findByRole("button", { name: "Remove MacBook" }))
    expect(await screen.findByRole("alert")).toHaveTextContent("This passkey is your only way to sign in, so it stays.")
    expect(rows()).toHaveLength(1)
  })

  it("says when there are none, and that this browser cannot add one without WebAuthn", async () => {
    ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = undefined
    serve(list([]))
    renderWithAuth(<AccountSettingsPasskeys />, {})
    expect(await screen.findByText("You have no passkeys yet.")).toBeInTheDocument()
    expect(screen.getByText(/This browser does not support passkeys/)).toBeInTheDocument()
    expect(screen.queryByRole("button", { name: "Add a passkey" })).toBeNull()
  })

  it("shows nothing when the server has passkeys off (404)", async () => {
    // The scenario's server has passkeys off.
    serve()
    const { container } = renderWithAuth(<AccountSettingsPasskeys />, {})
    await waitFor(() => expect(container.querySelector('[data-slot="passkeys-card"]')).toBeNull())
  })
})
