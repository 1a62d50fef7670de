import type { Meta, StoryObj } from "@storybook/react-vite"
import { SignOutButton, UserButton } from "next-auth-kit"
import { mockSession } from "next-auth-kit/msw"
import { type ComponentPropsWithoutRef, forwardRef } from "react"
import { expect, userEvent, waitFor } from "storybook/test"
// Translates the words it looks for in a test run in another language (see .storybook/translate.ts).
import { within } from "../.storybook/translate"

const navigation = () => (window as { __lastNavigation?: string }).__lastNavigation
/** The menu is portalled to `<body>`, outside the story's canvas. */
const page = (canvasElement: HTMLElement) => within(canvasElement.ownerDocument.body)

/** Stands in for `next/link`: forwards its ref and props, navigates client-side on click. */
const AppLink = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a"> & { href: string }>(function AppLink({ href, onClick, ...props }, ref) {
  return (
    <a
      {...props}
      ref={ref}
      href={href}
      data-app-link=""
      onClick={(event) => {
        onClick?.(event)
        if (event.defaultPrevented) return
        event.preventDefault()
        ;(window as { __lastNavigation?: string }).__lastNavigation = href
      }}
    />
  )
})

/**
 * The signed-in user's avatar (or initials) and name, opening a menu (Radix DropdownMenu:
 * portalled, flips to stay on screen, arrow keys, typeahead, Escape) with your items and
 * "Sign out". Renders nothing unless signed in. Items link with `<a>`, or with your router's
 * link through `render` (`{ label: "Settings", href: "/settings", render: <Link href="/settings" /> }`).
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
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(await canvas.findByRole("button", { name: /Account menu for Ada Lovelace/ }))
    await expect(page(canvasElement).getByRole("menu")).toBeVisible()
  },
}

/** The portalled menu takes the theme of the wrapper around the button. */
export const MenuOpenDark: Story = {
  globals: { theme: "dark" },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(await canvas.findByRole("button", { name: /Account menu for Ada Lovelace/ }))
    const menu = page(canvasElement).getByRole("menu")
    await expect(menu).toBeVisible()
    await expect(menu).toHaveAttribute("data-theme", "dark")
  },
}

/** `render` makes the app's link the menu item itself, so `next/link` navigates client-side. */
export const WithLinkComponent: Story = {
  args: {
    items: [
      { label: "Settings", href: "#settings", render: <AppLink href="#settings" /> },
      { label: "Billing", href: "#billing", render: <AppLink href="#billing" /> },
    ],
  },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(await canvas.findByRole("button", { name: /Account menu/ }))
    const settings = page(canvasElement).getByRole("menuitem", { name: "Settings" })
    await expect(settings).toHaveAttribute("data-app-link")
    await userEvent.click(settings)
    await waitFor(() => expect(navigation()).toBe("#settings"))
    await waitFor(() => expect(page(canvasElement).queryByRole("menu")).toBeNull())
  },
}

export const KeyboardMenu: Story = {
  play: async ({ canvas, canvasElement }) => {
    const trigger = await canvas.findByRole("button", { name: /Account menu/ })
    trigger.focus()
    await userEvent.keyboard("{ArrowDown}")
    await expect(page(canvasElement).getByRole("menuitem", { name: "Settings" })).toHaveFocus()
    await userEvent.keyboard("{ArrowUp}")
    await expect(page(canvasElement).getByRole("menuitem", { name: "Sign out" })).toHaveFocus()
    await userEvent.keyboard("b")
    await waitFor(() => expect(page(canvasElement).getByRole("menuitem", { name: "Billing" })).toHaveFocus())
    await userEvent.keyboard("{Escape}")
    await waitFor(() => expect(trigger).toHaveFocus())
  },
}

export const SignOutFromMenu: Story = {
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(await canvas.findByRole("button", { name: /Account menu/ }))
    await userEvent.click(page(canvasElement).getByRole("menuitem", { name: "Sign out" }))
    await waitFor(() => expect(navigation()).toBe("/"))
  },
}

export const LongName: Story = {
  parameters: {
    seededSession: mockSession({
      user: { name: "Maria Magdalena von Hohenzollern-Sigmaringen-Weißenburg", email: "maria.magdalena.von.hohenzollern@example.com" },
    }),
  },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole("button", { name: /Maria Magdalena/ }))
    await expect(page(canvasElement).getByText("maria.magdalena.von.hohenzollern@example.com")).toBeVisible()
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
