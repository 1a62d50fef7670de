import type { Meta, StoryObj } from "@storybook/react-vite"
import { delay, HttpResponse, http } from "msw"
import { AccountSettings, AccountSettingsDelete, AuthProvider, AccountSettingsEmail, AccountSettingsPasskeys, AccountSettingsProfile, AccountSettingsRoot, SessionsCard } from "next-auth-kit"
import {
  type AccountHandlers,
  accountHandlers,
  accountScenarios,
  MOCK_RECOVERY_CODES,
  type MockPasskeyAuthenticatorOptions,
  type MockPasskeySeed,
  mockPasskeyAuthenticator,
  mockSession,
  mockUsers,
} from "next-auth-kit/msw"
import { expect, userEvent, waitFor } from "storybook/test"
import { locales } from "../.storybook/locales"
// Translates the words it looks for in a test run in another language (see .storybook/translate.ts).
import { within } from "../.storybook/translate"

/**
 * `AccountSettings` on the account page, against the account endpoints played by
 * `accountScenarios.accountSettings()` from `next-auth-kit/msw` (the server's own engine): Grace,
 * with a password, GitHub linked and three sessions. With `{ fresh: false }` her session proved
 * who she is an hour ago, so a sensitive action opens the re-authentication prompt first.
 */
const meta = {
  title: "Components/Account settings",
  parameters: { handlers: (): AccountHandlers => accountScenarios.accountSettings() },
  beforeEach: ({ msw, parameters }) => {
    msw.use(...(parameters.handlers as () => AccountHandlers)())
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const stale = (options: { twoFactor?: boolean; password?: boolean } = {}) => ({ handlers: () => accountScenarios.accountSettings(undefined, { fresh: false, ...options }) })
/** The card whose heading this is. */
const card = async (canvas: ReturnType<typeof within>, heading: string | RegExp) => {
  const title = await canvas.findByRole("heading", { name: heading })
  return within(title.parentElement!)
}
/** The dialog, which Radix renders outside the story's root. */
const dialog = () => within(document.body).findByRole("dialog")

/** Every card: profile, email, password, two-factor, sessions, linked accounts, delete. */
export const Default: Story = {
  render: () => <AccountSettings />,
  play: async ({ canvas }) => {
    for (const heading of ["Profile", "Email address", "Change password", "Two-factor authentication", "Where you are signed in", "Linked accounts", "Delete account"]) {
      await expect(await canvas.findByRole("heading", { name: heading })).toBeVisible()
    }
    const profile = await card(canvas, "Profile")
    await waitFor(() => expect(profile.getByLabelText("Name")).toHaveValue("Grace Hopper"))
    await expect((await card(canvas, "Email address")).getByLabelText("New email address")).toHaveAccessibleDescription(/grace@example\.com/)
  },
}

/** While the account's settings load: a status region says so. */
export const Loading: Story = {
  render: () => <AccountSettings />,
  beforeEach: ({ msw }) => void msw.use(http.get("*/api/account/settings", () => delay("infinite"))),
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector("[data-slot=account-settings]")!
    await expect(within(root as HTMLElement).getAllByRole("status")[0]).toHaveTextContent("Loading your account…")
  },
}

/** The settings could not be loaded: an alert with "Try again"; the cards that need them wait. */
export const LoadError: Story = {
  render: () => <AccountSettings />,
  beforeEach: ({ msw }) => void msw.use(http.get("*/api/account/settings", () => HttpResponse.json({ error: "internal_error" }, { status: 500 }), { once: true })),
  play: async ({ canvas }) => {
    const alert = await canvas.findByText("We could not load your account.")
    await expect(canvas.queryByRole("heading", { name: "Two-factor authentication" })).toBeNull()
    await userEvent.click(within(alert.parentElement!).getByRole("button", { name: "Try again" }))
    await expect(await canvas.findByRole("heading", { name: "Two-factor authentication" })).toBeVisible()
  },
}

/** A new name saved: the form stays, says so, and next-auth's `update()` refreshes the session. */
export const EditProfile: Story = {
  render: () => <AccountSettingsProfile />,
  beforeEach: ({ msw }) => {
    const seen: string[] = []
    msw.events.on("request:start", ({ request }: { request: Request }) => void seen.push(`${request.method} ${new URL(request.url).pathname}`))
    ;(window as { __seen?: string[] }).__seen = seen
  },
  play: async ({ canvas }) => {
    const name = await canvas.findByLabelText("Name")
    await userEvent.clear(name)
    await userEvent.type(name, "Grace B. Hopper")
    await userEvent.click(canvas.getByRole("button", { name: "Save profile" }))
    await expect(await canvas.findByRole("status")).toHaveTextContent("Your profile is saved.")
    await expect(canvas.getByLabelText("Name")).toHaveValue("Grace B. Hopper")
    await waitFor(() => expect((window as { __seen?: string[] }).__seen).toContain("POST /api/auth/session"))
  },
}

/** A picture that is not an https address: the server refuses it, at its field. */
export const ProfileRefusesHttpPicture: Story = {
  render: () => <AccountSettingsProfile />,
  play: async ({ canvas }) => {
    await userEvent.type(await canvas.findByLabelText("Picture URL"), "http://example.com/grace.png")
    await userEvent.click(canvas.getByRole("button", { name: "Save profile" }))
    await waitFor(() => expect(canvas.getByLabelText("Picture URL")).toHaveAttribute("aria-invalid", "true"))
    await expect(canvas.getByLabelText("Picture URL")).toHaveAccessibleDescription(/Check this field/)
  },
}

/** A new address: the card says a link is on its way there (the same for a taken address). */
export const ChangeEmail: Story = {
  render: () => <AccountSettingsEmail />,
  play: async ({ canvas }) => {
    const field = await canvas.findByLabelText("New email address")
    await waitFor(() => expect(field).toHaveAccessibleDescription("You sign in with grace@example.com."))
    await userEvent.type(field, "grace.hopper@example.org")
    await userEvent.click(canvas.getByRole("button", { name: "Change email" }))
    await expect(await canvas.findByRole("status")).toHaveTextContent("We sent a link to grace.hopper@example.org. Your address changes once you open it and confirm.")
  },
}

/** The address the user signs in with already: said at the field. */
export const ChangeEmailToTheSameAddress: Story = {
  render: () => <AccountSettingsEmail />,
  play: async ({ canvas }) => {
    await userEvent.type(await canvas.findByLabelText("New email address"), "grace@example.com")
    await userEvent.click(canvas.getByRole("button", { name: "Change email" }))
    await waitFor(() => expect(canvas.getByLabelText("New email address")).toHaveAccessibleDescription(/This is the address you sign in with already\./))
  },
}

/**
 * Turning two-factor off after a sign-in an hour ago: the prompt asks for the password, and once
 * it is right, two-factor turns off without a second click.
 */
export const ReauthenticateBeforeTurningOffTwoFactor: Story = {
  parameters: stale({ twoFactor: true }),
  render: () => <AccountSettings />,
  play: async ({ canvas }) => {
    const twoFactor = await card(canvas, "Two-factor authentication")
    await userEvent.type(twoFactor.getByLabelText("Password"), "password")
    await userEvent.click(twoFactor.getByRole("button", { name: "Turn off two-factor authentication" }))
    const prompt = within(await within(document.body).findByRole("dialog", { name: "Confirm it's you" }))
    await userEvent.type(prompt.getByLabelText("Password"), "password")
    await userEvent.click(prompt.getByRole("button", { name: "Continue" }))
    await waitFor(() => expect(within(document.body).queryByRole("dialog")).toBeNull())
    await expect(await twoFactor.findByText(/Two-factor authentication is off\./)).toBeVisible()
  },
}

/** A wrong password in the prompt: said at its field; the prompt stays open. */
export const ReauthenticateWrongPassword: Story = {
  parameters: stale(),
  render: () => <SessionsCardInSettings />,
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign out everywhere else" }))
    const prompt = within(await dialog())
    await userEvent.type(prompt.getByLabelText("Password"), "not-the-password")
    await userEvent.click(prompt.getByRole("button", { name: "Continue" }))
    await waitFor(() => expect(prompt.getByLabelText("Password")).toHaveAccessibleDescription(/This is not your current password\./))
    await expect(await dialog()).toBeVisible()
  },
}

/** With two-factor on, a recovery code works in the prompt too ("Use a code instead"). */
export const ReauthenticateWithCode: Story = {
  parameters: stale({ twoFactor: true }),
  render: () => <SessionsCardInSettings />,
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign out everywhere else" }))
    const prompt = within(await dialog())
    await userEvent.click(prompt.getByRole("button", { name: "Use a code instead" }))
    await userEvent.type(prompt.getByLabelText("Authentication code"), MOCK_RECOVERY_CODES[0]!)
    await userEvent.click(prompt.getByRole("button", { name: "Continue" }))
    await expect(await canvas.findByText("You are signed out everywhere else.")).toBeVisible()
  },
}

/** "Cancel" closes the prompt; the card says to sign in again, and nothing changed. */
export const ReauthenticateCancelled: Story = {
  parameters: stale(),
  render: () => <SessionsCardInSettings />,
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign out everywhere else" }))
    await userEvent.click(within(await dialog()).getByRole("button", { name: "Cancel" }))
    await expect(await canvas.findByRole("alert")).toHaveTextContent("For your security, sign in again, then try once more.")
    await expect(canvas.getAllByRole("listitem")).toHaveLength(3)
  },
}

/** An account made through a provider (no password): the prompt asks to sign in again; the password card says how to set one. */
export const WithoutPassword: Story = {
  parameters: stale({ password: false }),
  render: () => <AccountSettings />,
  play: async ({ canvas }) => {
    const password = await card(canvas, "Change password")
    await expect(await password.findByText(/Your account has no password/)).toBeVisible()
    await userEvent.click(await canvas.findByRole("button", { name: "Sign out everywhere else" }))
    const prompt = within(await dialog())
    await expect(prompt.getByText("For your security, sign in again to continue.")).toBeVisible()
    await expect(prompt.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", expect.stringContaining("callbackUrl="))
  },
}

/** The phrase typed wrong: refused before anything is sent, at the field. */
export const DeleteNeedsThePhrase: Story = {
  render: () => <AccountSettingsDelete />,
  play: async ({ canvas }) => {
    await userEvent.type(await canvas.findByRole("textbox"), "delete it")
    await userEvent.click(canvas.getByRole("button", { name: "Delete my account" }))
    await expect(canvas.getByRole("textbox")).toHaveAccessibleDescription(/Type the phrase exactly as shown\./)
  },
}

/** Keyboard only: Tab to the field, type the phrase, Enter deletes the account and signs out. */
export const DeleteWithTheKeyboard: Story = {
  render: () => <AccountSettingsDelete redirectTo="/goodbye" />,
  play: async ({ canvas }) => {
    const field = await canvas.findByRole("textbox")
    const phrase = /[“„«「"]\s?(.+?)\s?[”“»」"]/.exec((field as HTMLInputElement).labels![0]!.textContent!)![1]!
    await userEvent.tab()
    await expect(field).toHaveFocus()
    await userEvent.keyboard(`${phrase}{Enter}`)
    await waitFor(() => expect((window as { __lastNavigation?: string }).__lastNavigation).toBe("/goodbye"))
  },
}

/** Arabic, right to left: every card, mirrored. */
export const RightToLeft: Story = {
  globals: { locale: "ar" },
  render: () => <AccountSettings />,
  play: async ({ canvas, canvasElement }) => {
    const t = locales.ar.accountSettings
    await expect(await canvas.findByRole("heading", { name: t.profileTitle })).toBeVisible()
    await expect(await canvas.findByRole("heading", { name: t.deleteTitle })).toBeVisible()
    await expect(canvasElement.closest("[dir]")).toHaveAttribute("dir", "rtl")
  },
}

/**
 * Every card in each of the 13 languages at once, each in its own direction (axe checks them
 * all, right to left included), with two-factor on so that every card shows its words.
 */
export const EveryLanguage: Story = {
  parameters: { withoutProvider: true, handlers: () => accountScenarios.accountSettings(undefined, { twoFactor: true }) },
  render: () => (
    <div style={{ display: "grid", gap: "3rem" }}>
      {Object.entries(locales).map(([tag, messages]) => (
        <section key={tag} lang={tag} dir={messages.dir} aria-label={tag}>
          <AuthProvider messages={messages}>
            <AccountSettings titleAs="h3" />
          </AuthProvider>
        </section>
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    for (const [tag, messages] of Object.entries(locales)) {
      const section = within(canvasElement.querySelector(`section[lang="${tag}"]`) as HTMLElement)
      await expect(await section.findByRole("heading", { name: messages.accountSettings.deleteTitle }, { timeout: 10_000 })).toBeVisible()
      await expect(await section.findByRole("heading", { name: messages.mfa.title }, { timeout: 10_000 })).toBeVisible()
    }
  },
}

/** Every card in the dark theme. */
export const Dark: Story = {
  globals: { theme: "dark" },
  render: () => <AccountSettings />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Delete account" })).toBeVisible()
  },
}

// The passkeys card, against the account mocks with passkeys on (the server's engine, with the
// mocks' WebAuthn check) and mockPasskeyAuthenticator in place of the browser's prompt, which a
// story could not answer: adding a passkey makes a real ES256 credential that the mocks verify.
const HOUR = 3600_000
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString()
/** Grace's passkeys: a synced MacBook (used three hours ago) and a security key never used. */
const PASSKEYS = [
  { id: "pk-mac01", name: "MacBook", createdAt: ago(48), lastUsedAt: ago(3), backedUp: true },
  { id: "pk-key01", name: "Security key", createdAt: ago(24), backedUp: false },
]
const withPasskeys = (passkeys: MockPasskeySeed[], options: { fresh?: boolean } = {}) => ({
  handlers: () => accountScenarios.accountSettings(undefined, { passkeys, ...options }),
})
/** Installs the mock authenticator for the story; the browser's own is back after it. */
const authenticator = (options: MockPasskeyAuthenticatorOptions = {}) => () => {
  const installed = mockPasskeyAuthenticator(options).install()
  return () => installed.uninstall()
}
/** The passkeys card's "Add a passkey", clicked once its list is there; the card. */
const add = async (canvas: ReturnType<typeof within>) => {
  const passkeys = await card(canvas, "Passkeys")
  await passkeys.findByRole("list")
  await userEvent.click(passkeys.getByRole("button", { name: "Add a passkey" }))
  return passkeys
}
// A passkey is made and checked with Web Crypto, through a few requests: more than a second on a busy machine.
const SLOW = { timeout: 10_000 }
/** The card's message, once it says something: its status (`role`) and text. */
const said = (passkeys: ReturnType<typeof within>, role: "status" | "alert", text: string) =>
  waitFor(() => expect(passkeys.getByRole(role)).toHaveTextContent(text), SLOW)
/** How many passkeys the card lists, once it lists that many. */
const listed = (passkeys: ReturnType<typeof within>, count: number) =>
  waitFor(() => expect(within(passkeys.getByRole("list")).getAllByRole("listitem")).toHaveLength(count), SLOW)

/** Two passkeys: when each was added and last used, the synced one marked; rename inline. */
export const Passkeys: Story = {
  parameters: withPasskeys(PASSKEYS),
  render: () => <AccountSettingsPasskeys />,
  play: async ({ canvas }) => {
    const card = within((await canvas.findByRole("heading", { name: "Passkeys" })).parentElement!)
    const [mac, key] = within(await card.findByRole("list")).getAllByRole("listitem")
    await expect(mac).toHaveTextContent("Synced")
    await expect(key).toHaveTextContent("Never used")
    await expect(card.getByRole("button", { name: "Add a passkey" })).toBeEnabled()
    await userEvent.click(card.getByRole("button", { name: "Rename MacBook" }))
    const field = card.getByLabelText("Passkey name")
    await userEvent.clear(field)
    await userEvent.type(field, "Work laptop")
    await userEvent.click(card.getByRole("button", { name: "Save" }))
    await expect(await card.findByRole("status")).toHaveTextContent("The passkey is now called Work laptop.")
  },
}

/** No passkeys yet: a plain sentence and "Add a passkey". */
export const PasskeysEmpty: Story = {
  parameters: withPasskeys([]),
  render: () => <AccountSettingsPasskeys />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("You have no passkeys yet.")).toBeVisible()
    await expect(canvas.getByRole("button", { name: "Add a passkey" })).toBeEnabled()
  },
}

/**
 * A story of "Add a passkey" on an account with the MacBook passkey and a device of its own
 * (`device`): the card's message once the add is over, and how many passkeys it then lists.
 */
const addPasskey = (device: MockPasskeyAuthenticatorOptions, role: "status" | "alert", text: string, count: number): Story => ({
  parameters: withPasskeys(PASSKEYS.slice(0, 1)),
  beforeEach: authenticator(device),
  render: () => <AccountSettingsPasskeys />,
  play: async ({ canvas }) => {
    const passkeys = await add(canvas)
    await said(passkeys, role, text)
    await listed(passkeys, count)
  },
})

/** "Add a passkey": the device makes one, the card says so and lists it beside the first. */
export const AddPasskey: Story = addPasskey({}, "status", "Your passkey is added.", 2)

/**
 * "Add a passkey" from a session that proved who it is an hour ago: the prompt opens first, the
 * password confirms it's you, and the add goes on by itself.
 */
export const AddPasskeyAfterConfirmingItsYou: Story = {
  parameters: withPasskeys(PASSKEYS.slice(0, 1), { fresh: false }),
  beforeEach: authenticator(),
  render: () => (
    <AccountSettingsRoot>
      <AccountSettingsPasskeys />
    </AccountSettingsRoot>
  ),
  play: async ({ canvas }) => {
    const passkeys = await add(canvas)
    const prompt = within(await within(document.body).findByRole("dialog", { name: "Confirm it's you" }))
    await userEvent.type(prompt.getByLabelText("Password"), "password")
    await userEvent.click(prompt.getByRole("button", { name: "Continue" }))
    await waitFor(() => expect(within(document.body).queryByRole("dialog")).toBeNull(), SLOW)
    await said(passkeys, "status", "Your passkey is added.")
    await listed(passkeys, 2)
  },
}

/** The user closed the browser's prompt (or it timed out): nothing changed, and the card says so. */
export const AddPasskeyCancelled: Story = addPasskey({ fail: "cancelled" }, "alert", "Nothing changed: the passkey prompt was closed or timed out.", 1)

/** This device holds one of the account's passkeys already: the browser refuses a second, and the card says why. */
export const AddPasskeyAlreadyOnThisDevice: Story = addPasskey({ passkeys: [{ id: "pk-mac01" }] }, "alert", "This device already has a passkey for your account.", 1)

/** The authenticator failed: "try again", and nothing changed. */
export const AddPasskeyFailed: Story = addPasskey({ fail: "error" }, "alert", "The passkey could not be used. Try again.", 1)

/** A browser without WebAuthn: it says so, and the passkeys can still be renamed or removed. */
export const PasskeysWithoutWebAuthn: Story = {
  parameters: withPasskeys(PASSKEYS),
  render: () => <AccountSettingsPasskeys />,
  beforeEach: () => {
    const original = window.PublicKeyCredential
    ;(window as { PublicKeyCredential?: unknown }).PublicKeyCredential = undefined
    return () => {
      window.PublicKeyCredential = original
    }
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/This browser does not support passkeys/)).toBeVisible()
    await expect(await canvas.findByRole("button", { name: "Remove MacBook" })).toBeEnabled()
    await expect(canvas.queryByRole("button", { name: "Add a passkey" })).toBeNull()
  },
}

/** The only way in (no password, no linked account): removing it is refused, in plain words, and the passkey stays. */
export const PasskeysLastWayIn: Story = {
  parameters: {
    handlers: () =>
      accountHandlers({
        auth: { session: mockSession({ user: mockUsers.grace }) },
        passkeys: {},
        users: [{ ...mockUsers.grace, roles: [...mockUsers.grace.roles], password: null, passkeys: PASSKEYS.slice(0, 1) }],
      }),
  },
  render: () => <AccountSettingsPasskeys />,
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Remove MacBook" }))
    await expect(await canvas.findByRole("alert")).toHaveTextContent("This passkey is your only way to sign in, so it stays.")
    await expect(within(canvas.getByRole("list")).getAllByRole("listitem")).toHaveLength(1)
  },
}

/** The sessions card alone inside the root: its action opens the root's prompt. */
function SessionsCardInSettings() {
  return (
    <AccountSettingsRoot>
      <SessionsCard />
    </AccountSettingsRoot>
  )
}
