import type { Meta, StoryObj } from "@storybook/react-vite"
import { delay, HttpResponse, http } from "msw"
import { LinkedAccountsCard, SessionsCard } from "next-auth-kit"
import { type AccountHandlers, accountScenarios } from "next-auth-kit/msw"
import { expect, fn, userEvent, waitFor } from "storybook/test"
import { locales } from "../.storybook/locales"
// Translates the words it looks for in a test run in another language (see .storybook/translate.ts).
import { within } from "../.storybook/translate"

/**
 * `SessionsCard` and `LinkedAccountsCard` on the account page, against the account endpoints
 * played by `accountScenarios` from `next-auth-kit/msw` (the server's own engine): Grace signed
 * in on three devices (`threeDevices`), or with GitHub linked (`githubLinked`).
 */
const meta = {
  title: "Components/Account cards",
  parameters: { handlers: (): AccountHandlers => accountScenarios.threeDevices() },
  beforeEach: ({ msw, parameters }) => {
    msw.use(...(parameters.handlers as () => AccountHandlers)())
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const rows = async (canvas: ReturnType<typeof within>) => within(await canvas.findByRole("list")).getAllByRole("listitem")
const linked = { handlers: () => accountScenarios.githubLinked() }

// SessionsCard

/** While the list loads: a status region says so. */
export const SessionsLoading: Story = {
  render: () => <SessionsCard />,
  beforeEach: ({ msw }) => void msw.use(http.get("*/api/account/sessions", () => delay("infinite"))),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("status")).toHaveTextContent("Loading your sessions…")
    await expect(canvas.queryByRole("list")).toBeNull()
  },
}

/** Three sessions, newest first: this device (no "Sign out"), a phone signed in with GitHub, a Windows computer. */
export const ThreeDevices: Story = {
  render: () => <SessionsCard />,
  play: async ({ canvas }) => {
    const [mine, phone, windows] = await rows(canvas)
    await expect(mine).toHaveTextContent("This device")
    await expect(within(mine!).queryByRole("button")).toBeNull()
    await expect(phone).toHaveTextContent(/Safari 17.*iOS 17/)
    await waitFor(() => expect(phone).toHaveTextContent(/GitHub/))
    await expect(windows).toHaveTextContent(/Firefox 128.*Windows 10/)
    await expect(within(windows!).getByRole("button")).toHaveAccessibleName(/Firefox 128.*Windows 10/)
    await expect(canvas.getByRole("button", { name: "Sign out everywhere else" })).toBeEnabled()
  },
}

/** "Sign out" on another session: its row goes, and the result is announced. */
export const RevokeOne: Story = {
  render: () => <SessionsCard />,
  play: async ({ canvas }) => {
    const [, , windows] = await rows(canvas)
    await userEvent.click(within(windows!).getByRole("button"))
    await waitFor(async () => expect(await rows(canvas)).toHaveLength(2))
    await expect(canvas.getByRole("status")).toHaveTextContent(/Firefox 128/)
    await expect(canvas.queryByText(/Firefox 128.*Windows 10/, { selector: "li *" })).toBeNull()
  },
}

/** "Sign out everywhere else": only this device is left. */
export const SignOutEverywhereElse: Story = {
  render: () => <SessionsCard />,
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign out everywhere else" }))
    await waitFor(async () => expect(await rows(canvas)).toHaveLength(1))
    await expect(canvas.getByRole("status")).toHaveTextContent("You are signed out everywhere else.")
    await expect(canvas.getByRole("listitem")).toHaveTextContent("This device")
  },
}

/** The list could not be loaded (a 500, or no network): an alert with "Try again". */
export const SessionsError: Story = {
  render: () => <SessionsCard />,
  beforeEach: ({ msw }) => void msw.use(http.get("*/api/account/sessions", () => HttpResponse.json({ error: "internal_error" }, { status: 500 }))),
  play: async ({ canvas }) => {
    const alert = await canvas.findByRole("alert")
    await expect(alert).toHaveTextContent("We could not load this list.")
    await expect(within(alert).getByRole("button", { name: "Try again" })).toBeEnabled()
  },
}

/** An action that needs a recent sign-in (403 `reauthentication_required`): the app's prompt is called with `retry`. */
const prompt = fn()
export const ReauthenticationRequired: Story = {
  render: () => <SessionsCard onReauthenticationRequired={prompt} />,
  beforeEach: ({ msw }) => {
    prompt.mockReset()
    msw.use(http.post("*/api/account/sessions/revoke-others", () => HttpResponse.json({ error: "reauthentication_required" }, { status: 403 }), { once: true }))
  },
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign out everywhere else" }))
    await waitFor(() => expect(prompt).toHaveBeenCalledTimes(1))
    await (prompt.mock.calls[0]![0] as () => Promise<void>)()
    await waitFor(async () => expect(await rows(canvas)).toHaveLength(1))
  },
}

// LinkedAccountsCard

/** GitHub linked (with its date), Google to link; the account also has a password. */
export const GitHubLinked: Story = {
  parameters: linked,
  render: () => <LinkedAccountsCard />,
  play: async ({ canvas }) => {
    const [github, google] = await rows(canvas)
    await expect(github).toHaveTextContent(/GitHub/)
    await expect(within(github!).getByRole("button", { name: "Unlink GitHub" })).toBeEnabled()
    await expect(google).toHaveTextContent("Not linked")
    await expect(within(google!).getByRole("button", { name: "Link Google" })).toBeEnabled()
  },
}

/** "Link" signs in with the provider while signed in, coming back to this page (held here). */
export const Link: Story = {
  parameters: linked,
  render: () => <LinkedAccountsCard />,
  beforeEach: ({ msw }) => {
    const seen: string[] = []
    msw.events.on("request:start", ({ request }: { request: Request }) => void seen.push(new URL(request.url).pathname))
    ;(window as { __seen?: string[] }).__seen = seen
    // next-auth sends the browser to Google with the answer: hold it, so the story stays in place.
    msw.use(http.post("*/api/auth/signin/google", () => delay("infinite")))
  },
  play: async ({ canvas }) => {
    const button = await canvas.findByRole("button", { name: "Link Google" })
    await userEvent.click(button)
    await waitFor(() => expect((window as { __seen?: string[] }).__seen).toContain("/api/auth/signin/google"))
    await expect(button).toBeDisabled()
  },
}

/** Unlinking GitHub while a password remains: it moves to the providers to link. */
export const Unlink: Story = {
  parameters: linked,
  render: () => <LinkedAccountsCard />,
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Unlink GitHub" }))
    await expect(await canvas.findByRole("button", { name: "Link GitHub" })).toBeEnabled()
    await expect(canvas.getByRole("status")).toHaveTextContent("GitHub is unlinked.")
  },
}

/** GitHub is the only way to sign in (no password): the server refuses, and the card says why. */
export const UnlinkRefusedLastMethod: Story = {
  parameters: { handlers: () => accountScenarios.githubLinked(undefined, { password: false }) },
  render: () => <LinkedAccountsCard />,
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Unlink GitHub" }))
    const alert = await canvas.findByRole("alert")
    await waitFor(() => expect(alert).toHaveTextContent("GitHub is your only way to sign in, so it stays linked. Set a password or link another account first."))
    await expect(canvas.getByRole("button", { name: "Unlink GitHub" })).toBeEnabled()
  },
}

/** The list could not be loaded. */
export const LinkedAccountsError: Story = {
  parameters: linked,
  render: () => <LinkedAccountsCard />,
  beforeEach: ({ msw }) => void msw.use(http.get("*/api/account/linked-accounts", () => HttpResponse.error())),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("alert")).toHaveTextContent("We could not load this list.")
  },
}

// Both cards

/** Arabic, right to left: both cards, mirrored. */
export const RightToLeft: Story = {
  globals: { locale: "ar" },
  render: () => (
    <div style={{ display: "grid", gap: "2rem" }}>
      <SessionsCard />
      <LinkedAccountsCard />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    const t = locales.ar.accountCards
    await expect(await canvas.findByText(t.thisDevice)).toBeVisible()
    await expect(await canvas.findByRole("heading", { name: t.linkedTitle })).toBeVisible()
    await expect(canvasElement.closest("[dir]")).toHaveAttribute("dir", "rtl")
  },
}

/** Both cards in the dark theme. */
export const Dark: Story = {
  globals: { theme: "dark" },
  parameters: { handlers: () => accountScenarios.threeDevices() },
  render: () => (
    <div style={{ display: "grid", gap: "2rem" }}>
      <SessionsCard />
      <LinkedAccountsCard />
    </div>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("This device")).toBeVisible()
    await expect(await canvas.findByRole("button", { name: "Link GitHub" })).toBeEnabled()
  },
}
