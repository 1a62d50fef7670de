import { screen, waitFor, within } from "@testing-library/react"
import { describe, expect, it, vi } from "vitest"
import { LoginDialog, SignedIn, SignedOut, SignOutButton, UserButton } from "../../src/client"
import { authHandlers, mockSession, mockUsers, providers, scenarios } from "../../src/msw"
import { expectNoAxeViolations, renderWithAuth } from "./helpers"

const accept = ({ password }: Record<string, string>) =>
  password === "password" ? { name: "Ada Lovelace", email: "ada@example.com" } : null

describe("LoginDialog", () => {
  it("opens from the keyboard, labels itself, traps focus, closes on Escape and restores focus", async () => {
    const { user } = renderWithAuth(<LoginDialog providers={[providers.credentials]} />, { session: null })
    const trigger = screen.getByRole("button", { name: "Sign in" })
    await user.tab()
    expect(trigger).toHaveFocus()
    await user.keyboard("{Enter}")
    const dialog = await screen.findByRole("dialog", { name: "Sign in" })
    expect(dialog).toHaveAccessibleDescription("Sign in to your account to continue.")
    expect(within(dialog).getByLabelText("Email")).toHaveFocus()
    await expectNoAxeViolations()
    // Tab cycles inside the dialog.
    for (let i = 0; i < 6; i++) await user.tab()
    expect(dialog.contains(document.activeElement)).toBe(true)
    await user.keyboard("{Escape}")
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument())
    expect(trigger).toHaveFocus()
  })

  it("closes with its close button", async () => {
    const { user } = renderWithAuth(<LoginDialog providers={[providers.credentials]} defaultOpen />, { session: null })
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Close" }))
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument())
  })

  it("closes by itself once signing in succeeds, stays on the page, and the UI turns signed-in", async () => {
    const onOpenChange = vi.fn()
    const { user, navigate } = renderWithAuth(
      <>
        <SignedOut>
          <LoginDialog providers={[providers.credentials]} onOpenChange={onOpenChange} trigger={<button type="button">Log in</button>} />
        </SignedOut>
        <SignedIn>
          <p>Welcome back</p>
        </SignedIn>
      </>,
      { handlers: authHandlers({ credentials: accept }) },
    )
    await user.click(await screen.findByRole("button", { name: "Log in" }))
    const dialog = await screen.findByRole("dialog")
    await user.type(within(dialog).getByLabelText("Email"), "ada@example.com")
    await user.type(within(dialog).getByLabelText("Password"), "password")
    await user.click(within(dialog).getByRole("button", { name: "Sign in" }))
    expect(await screen.findByText("Welcome back")).toBeInTheDocument()
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument()
    expect(onOpenChange).toHaveBeenLastCalledWith(false)
    expect(navigate).not.toHaveBeenCalled()
  })

  it("can be controlled", async () => {
    const onOpenChange = vi.fn()
    const { user, rerender } = renderWithAuth(
      <LoginDialog providers={[providers.credentials]} open={false} onOpenChange={onOpenChange} />,
      { session: null },
    )
    await user.click(screen.getByRole("button", { name: "Sign in" }))
    expect(onOpenChange).toHaveBeenCalledWith(true)
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument()
    rerender(<LoginDialog providers={[providers.credentials]} open onOpenChange={onOpenChange} />)
    expect(await screen.findByRole("dialog")).toBeInTheDocument()
  })
})

describe("SignOutButton", () => {
  it("signs out, then navigates to the callbackUrl", async () => {
    const handlers = scenarios.signedIn()
    const { user, navigate } = renderWithAuth(<SignOutButton callbackUrl="/goodbye" />, { handlers })
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/goodbye"))
    expect(handlers.current).toBeNull()
  })

  it("never navigates off the origin", async () => {
    const { user, navigate } = renderWithAuth(<SignOutButton callbackUrl="//evil.example" />, { handlers: scenarios.signedIn() })
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
  })

  it("asks first with confirm, and cancelling returns focus to the button", async () => {
    const handlers = scenarios.signedIn()
    const { user, navigate } = renderWithAuth(<SignOutButton confirm />, { handlers })
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    const group = screen.getByRole("group", { name: "Sign out of your account?" })
    expect(within(group).getByRole("button", { name: "Sign out" })).toHaveFocus()
    await expectNoAxeViolations()
    await user.click(within(group).getByRole("button", { name: "Cancel" }))
    expect(screen.getByRole("button", { name: "Sign out" })).toHaveFocus()
    expect(navigate).not.toHaveBeenCalled()
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    await user.click(within(screen.getByRole("group")).getByRole("button", { name: "Sign out" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
  })

  it("runs the consumer's onClick first; preventDefault cancels", async () => {
    const { user, navigate } = renderWithAuth(<SignOutButton onClick={(event) => event.preventDefault()} />, {
      handlers: scenarios.signedIn(),
    })
    await user.click(screen.getByRole("button", { name: "Sign out" }))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(navigate).not.toHaveBeenCalled()
  })
})

describe("UserButton", () => {
  const ada = mockSession({ user: { ...mockUsers.ada, roles: ["admin", "user"] } })

  it("renders nothing unless signed in", () => {
    const { container } = renderWithAuth(<UserButton />, { session: null })
    expect(container).toBeEmptyDOMElement()
  })

  it("shows initials and the name, and opens a menu with the identity and sign-out", async () => {
    const { user } = renderWithAuth(<UserButton items={[{ label: "Settings", href: "/settings" }]} />, { session: ada })
    const trigger = screen.getByRole("button", { name: "Account menu for Ada Lovelace" })
    expect(trigger.querySelector("[data-initials]")).toHaveAttribute("data-initials", "AL")
    expect(trigger).toHaveAttribute("aria-expanded", "false")
    await user.click(trigger)
    expect(trigger).toHaveAttribute("aria-expanded", "true")
    const menu = screen.getByRole("menu")
    expect(within(menu).getAllByRole("menuitem").map((item) => item.textContent)).toEqual(["Settings", "Sign out"])
    expect(screen.getByText("ada@example.com")).toBeInTheDocument()
    await expectNoAxeViolations()
  })

  it("works by keyboard: arrows open and move, Escape closes and returns focus", async () => {
    const onSelect = vi.fn()
    const { user } = renderWithAuth(<UserButton items={[{ label: "Profile", onSelect }, { label: "Billing", onSelect }]} />, {
      session: ada,
    })
    await user.tab()
    const trigger = screen.getByRole("button", { name: /Account menu/ })
    expect(trigger).toHaveFocus()
    await user.keyboard("{ArrowDown}")
    expect(screen.getByRole("menuitem", { name: "Profile" })).toHaveFocus()
    await user.keyboard("{ArrowDown}")
    expect(screen.getByRole("menuitem", { name: "Billing" })).toHaveFocus()
    await user.keyboard("{ArrowDown}")
    expect(screen.getByRole("menuitem", { name: "Sign out" })).toHaveFocus()
    await user.keyboard("{ArrowDown}")
    expect(screen.getByRole("menuitem", { name: "Profile" })).toHaveFocus()
    await user.keyboard("{End}")
    expect(screen.getByRole("menuitem", { name: "Sign out" })).toHaveFocus()
    await user.keyboard("{Escape}")
    expect(screen.queryByRole("menu")).not.toBeInTheDocument()
    expect(trigger).toHaveFocus()
    await user.keyboard("{ArrowUp}")
    expect(screen.getByRole("menuitem", { name: "Sign out" })).toHaveFocus()
    await user.keyboard("{Home}{Enter}")
    expect(onSelect).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole("menu")).not.toBeInTheDocument()
  })

  it("signs out from the menu", async () => {
    const handlers = scenarios.admin()
    const { user, navigate } = renderWithAuth(<UserButton signOutCallbackUrl="/bye" />, { handlers })
    await user.click(await screen.findByRole("button", { name: /Account menu/ }))
    await user.click(screen.getByRole("menuitem", { name: "Sign out" }))
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/bye"))
  })

  it("closes when clicking outside", async () => {
    const { user } = renderWithAuth(
      <>
        <UserButton />
        <p>outside</p>
      </>,
      { session: ada },
    )
    await user.click(screen.getByRole("button", { name: /Account menu/ }))
    await user.click(screen.getByText("outside"))
    expect(screen.queryByRole("menu")).not.toBeInTheDocument()
  })

  it("shows the avatar image when there is one, and initials when it fails", async () => {
    const withImage = mockSession({ user: { name: "Grace Hopper", image: "https://example.com/g.png" } })
    const { container } = renderWithAuth(<UserButton />, { session: withImage })
    const img = container.querySelector("img")!
    expect(img).toHaveAttribute("alt", "")
    img.dispatchEvent(new Event("error"))
    await waitFor(() => expect(container.querySelector("img")).toBeNull())
    expect(screen.getByRole("button", { name: /Grace Hopper/ }).querySelector("[data-initials]")).toHaveAttribute("data-initials", "GH")
  })
})
