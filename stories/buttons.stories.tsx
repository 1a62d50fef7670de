import type { Meta, StoryObj } from "@storybook/react-vite"
import { SignOutButton, UserButton } from "next-auth-kit"
import { mockSession } from "next-auth-kit/msw"
import { expect, userEvent, waitFor, within } from "storybook/test"

const navigation = () => (window as { __lastNavigation?: string }).__lastNavigation

/**
 * The signed-in user's avatar (or initials) and name, opening a keyboard-accessible menu with
 * your items and "Sign out". Renders nothing unless signed in.
 */
const meta = {
  title: "Components/UserButton",
  component: UserButton,
  parameters: { auth: "admin" },
  args: { items: [{ label: "Settings", href: "#settings" }, { label: "Billing", href: "#billing" }] },
} satisfies Meta<typeof UserButton>

export default meta
type Story = StoryObj<typeof meta>

export const SignedInAdmin: Story = {}

export const SignedOutRendersNothing: Story = {
  parameters: { auth: "signedOut" },
  play: async ({ canvas }) => {
    await new Promise((resolve) => setTimeout(resolve, 100))
    await expect(canvas.queryByRole("button")).toBeNull()
  },
}

export const MenuOpen: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: /Account menu for Ada Lovelace/ }))
    await expect(canvas.getByRole("menu")).toBeVisible()
  },
}

export const KeyboardMenu: Story = {
  play: async ({ canvas }) => {
    const trigger = await canvas.findByRole("button", { name: /Account menu/ })
    trigger.focus()
    await userEvent.keyboard("{ArrowDown}")
    await expect(canvas.getByRole("menuitem", { name: "Settings" })).toHaveFocus()
    await userEvent.keyboard("{ArrowUp}")
    await expect(canvas.getByRole("menuitem", { name: "Sign out" })).toHaveFocus()
    await userEvent.keyboard("{Escape}")
    await expect(trigger).toHaveFocus()
  },
}

export const SignOutFromMenu: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole("button", { name: /Account menu/ }))
    await userEvent.click(canvas.getByRole("menuitem", { name: "Sign out" }))
    await waitFor(() => expect(navigation()).toBe("/"))
  },
}

export const LongName: Story = {
  parameters: {
    seededSession: mockSession({
      user: { name: "Maria Magdalena von Hohenzollern-Sigmaringen-Weißenburg", email: "maria.magdalena.von.hohenzollern@example.com" },
    }),
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: /Maria Magdalena/ }))
    await expect(canvas.getByText("maria.magdalena.von.hohenzollern@example.com")).toBeVisible()
  },
}

export const WithAvatarImage: Story = {
  parameters: {
    seededSession: mockSession({
      user: {
        name: "Grace Hopper",
        image:
          "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='32' height='32'><rect width='32' height='32' fill='%234f46e5'/></svg>",
      },
    }),
  },
}

/** Signs out with next-auth, then navigates; `confirm` asks first, inline. */
export const SignOut: StoryObj<typeof SignOutButton> = {
  name: "SignOutButton",
  parameters: { auth: "signedIn" },
  render: () => <SignOutButton callbackUrl="/goodbye" />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Sign out" }))
    await waitFor(() => expect(navigation()).toBe("/goodbye"))
  },
}

export const SignOutWithConfirm: StoryObj<typeof SignOutButton> = {
  name: "SignOutButton with confirm",
  parameters: { auth: "signedIn" },
  render: () => <SignOutButton confirm />,
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole("button", { name: "Sign out" }))
    const group = canvas.getByRole("group", { name: "Sign out of your account?" })
    await expect(within(group).getByRole("button", { name: "Sign out" })).toHaveFocus()
  },
}
