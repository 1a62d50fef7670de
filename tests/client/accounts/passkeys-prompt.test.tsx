/**
 * Adding a passkey from a session that is not fresh: the server answers
 * `reauthentication_required`, the re-authentication prompt offers "Use a passkey", its
 * assertion is posted to `reauthenticate` as `{ passkey }`, and the add then continues by
 * itself. The browser's ceremonies (`@simplewebauthn/browser`) answer as an authenticator would;
 * the endpoints are hand-written, so that each step can be asserted as it is posted.
 */
import { screen, waitFor, within } from "@testing-library/react"
import { http, HttpResponse } from "msw"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { AccountSettingsPasskeys, AccountSettingsRoot } from "../../../src/client"
import { accountScenarios } from "../../../src/msw"
import { renderWithAuth } from "../helpers"
import { server } from "../setup"

const ceremony = vi.hoisted(() => ({ startRegistration: vi.fn(), startAuthentication: vi.fn() }))
vi.mock("@simplewebauthn/browser", () => ceremony)

const hour = 3600_000
const existing = { id: "pk-mac", name: "MacBook", createdAt: new Date(Date.now() - 48 * hour).toISOString(), lastUsedAt: null, backedUp: true }
const added = { id: "pk-new", name: "Chrome on Linux", createdAt: new Date().toISOString(), lastUsedAt: null, backedUp: false }
const original = (window as { PublicKeyCredential?: unknown }).PublicKeyCredential

/** The endpoints of an account with one passkey and a session older than ten minutes. */
function staleSessionWithAPasskey() {
  const posted: Record<string, unknown[]> = {}
  let fresh = false
  let list = [existing]
  const post = (action: string, answer: (body: unknown) => Response) =>
    http.post(`*/api/account/${action}`, async ({ request }) => {
      const body = await request.json()
      ;(posted[action] ??= []).push(body)
      return answer(body)
    })
  const stale = () => HttpResponse.json({ error: "reauthentication_required" }, { status: 403 })
  server.use(
    http.get("*/api/account/settings", () =>
      HttpResponse.json({ user: { name: "Grace Hopper", email: "grace@example.com", image: null }, password: true, twoFactor: false, passkeys: list.length }),
    ),
    http.get("*/api/account/passkeys", () => HttpResponse.json({ passkeys: list })),
    post("passkeys/register-options", () => (fresh ? HttpResponse.json({ challenge: "creation-challenge", rp: { id: "localhost", name: "Acme" } }) : stale())),
    post("passkeys/register", () => {
      if (!fresh) return stale()
      list = [...list, added]
      return HttpResponse.json({ passkey: added })
    }),
    post("passkeys/sign-in-options", () => HttpResponse.json({ challenge: "request-challenge", rpId: "localhost" })),
    post("reauthenticate", (body) => {
      if (!(body as { passkey?: string }).passkey?.includes("assertion-signature")) return HttpResponse.json({ error: "passkey_invalid" }, { status: 400 })
      fresh = true
      return HttpResponse.json({ ok: true })
    }),
    ...accountScenarios.accountSettings(),
  )
  return posted
}

/**
 * The passkeys card in the settings root, on {@link staleSessionWithAPasskey}: "Add a passkey",
 * which opens the prompt (refused before the browser is asked to make anything), then the
 * prompt's "Use a passkey".
 */
async function addThenUseAPasskeyInThePrompt() {
  const posted = staleSessionWithAPasskey()
  const { user } = renderWithAuth(
    <AccountSettingsRoot>
      <AccountSettingsPasskeys />
    </AccountSettingsRoot>,
    {},
  )
  await user.click(await screen.findByRole("button", { name: "Add a passkey" }))
  const prompt = await screen.findByRole("dialog")
  expect(ceremony.startRegistration).not.toHaveBeenCalled()
  await user.click(within(prompt).getByRole("button", { name: "Use a passkey" }))
  return { posted, prompt }
}

beforeEach(() => {
  ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = function PublicKeyCredential() {}
  ceremony.startRegistration.mockResolvedValue({ id: "pk-new", rawId: "pk-new", type: "public-key", response: { attestationObject: "attestation" } })
  ceremony.startAuthentication.mockResolvedValue({ id: "pk-mac", rawId: "pk-mac", type: "public-key", response: { signature: "assertion-signature" } })
})

afterEach(() => {
  ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = original
  vi.clearAllMocks()
})

describe("adding a passkey from a session that is not fresh", () => {
  it("asks to confirm it is you, takes a passkey for it, and then adds the new passkey without a second click", async () => {
    const { posted } = await addThenUseAPasskeyInThePrompt()

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull())
    expect(ceremony.startAuthentication).toHaveBeenCalledTimes(1)
    expect(ceremony.startAuthentication.mock.calls[0]![0]).toMatchObject({ optionsJSON: { challenge: "request-challenge" } })
    expect(JSON.parse((posted.reauthenticate![0] as { passkey: string }).passkey)).toMatchObject({ id: "pk-mac", response: { signature: "assertion-signature" } })
    // The add went on by itself: the browser made the passkey, the server took it, the list shows it.
    await waitFor(() => expect(posted["passkeys/register"]).toHaveLength(1))
    expect(ceremony.startRegistration).toHaveBeenCalledTimes(1)
    expect(ceremony.startRegistration.mock.calls[0]![0]).toMatchObject({ optionsJSON: { challenge: "creation-challenge" } })
    expect(await screen.findByText("Chrome on Linux")).toBeInTheDocument()
  })

  it("says so in the prompt when the passkey prompt is closed, and keeps the prompt open to try another way", async () => {
    ceremony.startAuthentication.mockRejectedValue(Object.assign(new Error("The operation either timed out or was not allowed."), { name: "NotAllowedError" }))
    const { posted, prompt } = await addThenUseAPasskeyInThePrompt()
    expect(await within(prompt).findByRole("alert")).toHaveTextContent("Nothing changed: the passkey prompt was closed or timed out.")
    expect(screen.getByRole("dialog")).toBeInTheDocument()
    expect(within(prompt).getByLabelText("Password")).toBeInTheDocument()
    expect(posted.reauthenticate).toBeUndefined()
    expect(posted["passkeys/register"]).toBeUndefined()
    expect(ceremony.startRegistration).not.toHaveBeenCalled()
  })
})
