import type { Meta, StoryObj } from "@storybook/react-vite"
import { LoginDialog, SignedIn, SignedOut, useAuth } from "next-auth-kit"
import { providers } from "next-auth-kit/msw"
import { expect, userEvent, waitFor } from "storybook/test"
// Translates the words it looks for in a test run in another language (see .storybook/translate.ts).
import { within } from "../.storybook/translate"

function Greeting() {
  const auth = useAuth()
  return auth.status === "authenticated" ? <p>Signed in as {auth.user.name}.</p> : null
}

/**
 * `LoginForm` in a Radix Dialog: focus is trapped, Escape and the close button close it, focus
 * returns to the trigger, and it closes by itself after signing in. Controlled (`open`,
 * `onOpenChange`) or not (`defaultOpen`); `trigger` is any element.
 */
const meta = {
  title: "Components/LoginDialog",
  component: LoginDialog,
  parameters: { auth: "allProviders" },
  args: { providers: [providers.credentials, providers.github] },
} satisfies Meta<typeof LoginDialog>

export default meta
type Story = StoryObj<typeof meta>

export const Closed: Story = {}

export const Open: Story = {
  args: { defaultOpen: true },
  play: async () => {
    const dialog = await within(document.body).findByRole("dialog", { name: "Sign in" })
    await expect(dialog).toBeVisible()
  },
}

export const OpenAndCloseByKeyboard: Story = {
  play: async ({ canvas }) => {
    const trigger = canvas.getByRole("button", { name: "Sign in" })
    trigger.focus()
    await userEvent.keyboard("{Enter}")
    const dialog = await within(document.body).findByRole("dialog", { name: "Sign in" })
    await waitFor(() => expect(within(dialog).getByLabelText("Email")).toHaveFocus())
    await userEvent.keyboard("{Escape}")
    await waitFor(() => expect(within(document.body).queryByRole("dialog")).toBeNull())
    await expect(trigger).toHaveFocus()
  },
}

export const SignInClosesTheDialog: Story = {
  render: (args) => (
    <>
      <SignedOut>
        <LoginDialog {...args} />
      </SignedOut>
      <SignedIn>
        <Greeting />
      </SignedIn>
    </>
  ),
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in" }))
    const dialog = await within(document.body).findByRole("dialog")
    await userEvent.type(within(dialog).getByLabelText("Email"), "grace@example.com")
    await userEvent.type(within(dialog).getByLabelText("Password"), "password")
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign in" }))
    await expect(await canvas.findByText("Signed in as Grace Hopper.")).toBeVisible()
    await expect(within(document.body).queryByRole("dialog")).toBeNull()
  },
}

export const CustomTrigger: Story = {
  args: { trigger: <a href="#login">Log in to comment</a> },
}
