import type { Decorator, Meta, StoryObj } from "@storybook/react-vite"
import { AuthProvider, LoginForm, MfaSetup } from "next-auth-kit"
import { type AccountHandlers, accountScenarios, MOCK_RECOVERY_CODES, mockUsers, providers } from "next-auth-kit/msw"
import { expect, fn, userEvent, waitFor } from "storybook/test"
import { messagesOf } from "../.storybook/locales"
// Translates the words it looks for in a test run in another language (see .storybook/translate.ts).
import { within } from "../.storybook/translate"

/** The provider of these stories, in the story's language; navigation is recorded, not followed. */
const withProvider: Decorator = (Story, { globals }) => (
  <AuthProvider
    config={{ loginPath: "/login" }}
    messages={messagesOf(globals)}
    navigate={(url) => {
      ;(window as { __lastNavigation?: string }).__lastNavigation = url
    }}
  >
    <Story />
  </AuthProvider>
)

/** The handlers of the running story, for the codes an authenticator app would show. */
let handlers: AccountHandlers
const use = (next: AccountHandlers) => {
  handlers = next
  return next
}
const GRACE = mockUsers.grace.email!
const ADA = mockUsers.ada.email!
const wrongCode = (right: string) => (right === "000000" ? "111111" : "000000")

/**
 * Two-factor sign-in with an authenticator app (TOTP) and recovery codes, against
 * `createAccounts({ mfa })`' endpoints played by `accountScenarios` from `next-auth-kit/msw`:
 * `MfaSetup` on the account page, and the second step of `LoginForm`. The mocks compute real
 * RFC 6238 codes; Ada has two-factor on in `mfaRequired` (password `password`).
 */
const meta = {
  title: "Components/Two-factor",
  decorators: [withProvider],
  parameters: { withoutProvider: true },
  beforeEach: ({ msw }) => {
    msw.use(...use(accountScenarios.signedInForMfa()))
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

async function setUp(canvas: ReturnType<typeof within>) {
  await userEvent.click(canvas.getByRole("button", { name: /Set up two-factor authentication|Zwei-Faktor-Authentifizierung einrichten/ }))
  await canvas.findByRole("img")
}

async function turnOn(canvas: ReturnType<typeof within>) {
  await setUp(canvas)
  await userEvent.type(canvas.getByLabelText("6-digit code"), handlers.totpFor(GRACE)!)
  await userEvent.click(canvas.getByRole("button", { name: "Turn on" }))
  return canvas.findByRole("list", { name: "Save your recovery codes" })
}

// MfaSetup

/** Off: what two-factor is, and the button that starts the setup. */
export const SetupOff: Story = {
  render: () => <MfaSetup />,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible()
    await expect(canvas.getByRole("button", { name: "Set up two-factor authentication" })).toBeEnabled()
  },
}

/** The QR code (drawn on the server), the setup key to type in instead, and the first code. */
export const SetupScan: Story = {
  render: () => <MfaSetup />,
  play: async ({ canvas }) => {
    await setUp(canvas)
    await expect(canvas.getByRole("img", { name: /QR code for your authenticator app/ })).toBeVisible()
    await expect(canvas.getByText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)).toBeVisible()
    await expect(canvas.getByLabelText("6-digit code")).toHaveAttribute("autocomplete", "one-time-code")
  },
}

/** A code that does not match: said at the field, which keeps focus. */
export const SetupWrongCode: Story = {
  render: () => <MfaSetup />,
  play: async ({ canvas }) => {
    await setUp(canvas)
    const field = canvas.getByLabelText("6-digit code")
    await userEvent.type(field, wrongCode(handlers.totpFor(GRACE)!))
    await userEvent.click(canvas.getByRole("button", { name: "Turn on" }))
    await expect(await canvas.findByText(/That code did not match/)).toBeVisible()
    await expect(field).toHaveAttribute("aria-invalid", "true")
  },
}

/** On: the ten recovery codes, shown once; "Done" waits for the user's word that they are saved. */
export const SetupRecoveryCodes: Story = {
  render: () => <MfaSetup onEnabled={fn()} />,
  play: async ({ canvas }) => {
    const list = await turnOn(canvas)
    await expect(within(list).getAllByRole("listitem")).toHaveLength(10)
    await expect(canvas.getByRole("link", { name: "Download" })).toHaveAttribute("download", "recovery-codes.txt")
    await expect(canvas.getByRole("button", { name: "Done" })).toBeDisabled()
  },
}

/** Confirmed and closed: two-factor is on. */
export const SetupDone: Story = {
  render: () => <MfaSetup />,
  play: async ({ canvas }) => {
    await turnOn(canvas)
    await userEvent.click(canvas.getByLabelText("I have saved my recovery codes"))
    await userEvent.click(canvas.getByRole("button", { name: "Done" }))
    await expect(await canvas.findByText(/Two-factor authentication is on\./)).toBeVisible()
  },
}

/** On already (`enabled`, from the server): the password turns it off. */
export const Enabled: Story = {
  beforeEach: ({ msw }) => {
    msw.use(...use(accountScenarios.signedInForMfa(mockUsers.grace, { enabled: true })))
  },
  render: () => <MfaSetup enabled />,
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/Two-factor authentication is on\./)).toBeVisible()
    await expect(canvas.getByLabelText("Password")).toHaveAttribute("autocomplete", "current-password")
  },
}

/** Turned off with the password. */
export const Disabled: Story = {
  beforeEach: ({ msw }) => {
    msw.use(...use(accountScenarios.signedInForMfa(mockUsers.grace, { enabled: true })))
  },
  render: () => <MfaSetup enabled />,
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByLabelText("Password"), "password")
    await userEvent.click(canvas.getByRole("button", { name: "Turn off two-factor authentication" }))
    await expect(await canvas.findByText(/Two-factor authentication is off\./)).toBeVisible()
  },
}

/** German, from `next-auth-kit/locales/de`. */
export const SetupGerman: Story = {
  globals: { locale: "de" },
  render: () => <MfaSetup />,
  play: async ({ canvas }) => {
    await setUp(canvas)
    await expect(canvas.getByLabelText("6-stelliger Code")).toBeVisible()
  },
}

// LoginForm

async function passwordStep(canvas: ReturnType<typeof within>) {
  await userEvent.type(canvas.getByLabelText("Email"), ADA)
  await userEvent.type(canvas.getByLabelText("Password"), "password")
  await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
  const field = await canvas.findByLabelText("Authentication code")
  await waitFor(() => expect(field).toHaveFocus())
  return field
}

/** After the right password: the app's code, without asking for the password again. */
export const LoginCodeStep: Story = {
  beforeEach: ({ msw }) => {
    msw.use(...use(accountScenarios.mfaRequired()))
  },
  render: () => <LoginForm providers={[providers.credentials]} redirectOnSuccess={false} />,
  play: async ({ canvas }) => {
    const field = await passwordStep(canvas)
    await expect(field).toHaveAttribute("inputmode", "numeric")
    await expect(canvas.queryByLabelText("Password")).toBeNull()
  },
}

/** A wrong or used code: said in the alert, the step stays. */
export const LoginWrongCode: Story = {
  beforeEach: ({ msw }) => {
    msw.use(...use(accountScenarios.mfaRequired()))
  },
  render: () => <LoginForm providers={[providers.credentials]} redirectOnSuccess={false} />,
  play: async ({ canvas }) => {
    const field = await passwordStep(canvas)
    await userEvent.type(field, wrongCode(handlers.totpFor(ADA)!))
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    await expect(await canvas.findByRole("alert")).toHaveTextContent("That code did not work.")
  },
}

/** A recovery code instead of the app's code. */
export const LoginRecoveryCode: Story = {
  beforeEach: ({ msw }) => {
    msw.use(...use(accountScenarios.mfaRequired()))
  },
  render: () => <LoginForm providers={[providers.credentials]} redirectOnSuccess={false} onSuccess={fn()} />,
  play: async ({ canvas }) => {
    await passwordStep(canvas)
    await userEvent.click(canvas.getByRole("button", { name: "Use a recovery code" }))
    await userEvent.type(canvas.getByLabelText("Recovery code"), MOCK_RECOVERY_CODES[0]!)
    await userEvent.click(canvas.getByRole("button", { name: "Sign in" }))
    await waitFor(() => expect(handlers.auth!.current).not.toBeNull())
  },
}
