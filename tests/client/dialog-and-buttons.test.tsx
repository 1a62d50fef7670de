import { screen, waitFor, within } from "@testing-library/react"
import { type ComponentPropsWithoutRef, forwardRef } from "react"
import { describe, expect, it, vi } from "vitest"
import { LoginDialog, SignedIn, SignedOut, SignOutButton, UserButton } from "../../src/client"
// Not yet re-exported by the client entry.
import { UserButtonItem } from "../../src/client/user-button/user-button"
import { authHandlers, mockSession, mockUsers, providers, scenarios } from "../../src/msw"
import { expectNoAxeViolations, renderWithAuth, expectLoggedOnly } from "./helpers"
import { requests } from "./setup"

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
  const trigger = () => screen.getByRole("button", { name: "Account menu for Ada Lovelace" })
  const item = (name: string) => screen.getByRole("menuitem", { name })
  const names = () => within(screen.getByRole("menu")).getAllByRole("menuitem").map((entry) => entry.textContent)

  /** A router link as `next/link` is built: forwards its ref and props, navigates on click. */
  const navigations: string[] = []
  const FakeLink = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a"> & { href: string }>(function FakeLink(
    { href, onClick, ...props },
    ref,
  ) {
    return (
      <a
        {...props}
        ref={ref}
        href={href}
        data-fake-link=""
        onClick={(event) => {
          onClick?.(event)
          if (event.defaultPrevented) return
          event.preventDefault()
          navigations.push(href)
        }}
      />
    )
  })

  it("renders nothing unless signed in", () => {
    const { container } = renderWithAuth(<UserButton />, { session: null })
    expect(container).toBeEmptyDOMElement()
  })

  describe("given a signed-in user", () => {
    it("shows initials and the name, and a click opens a menu with the identity, the items and sign-out", async () => {
      const { user } = renderWithAuth(<UserButton items={[{ label: "Settings", href: "/settings" }]} />, { session: ada })
      expect(trigger().querySelector("[data-initials]")).toHaveAttribute("data-initials", "AL")
      expect(trigger()).toHaveAttribute("aria-expanded", "false")
      await user.click(trigger())
      expect(trigger()).toHaveAttribute("aria-expanded", "true")
      const menu = screen.getByRole("menu", { name: "Account menu for Ada Lovelace" })
      expect(menu).toHaveAttribute("data-slot", "user-button-menu")
      expect(menu.contains(document.activeElement)).toBe(true)
      expect(names()).toEqual(["Settings", "Sign out"])
      expect(within(menu).getByText("ada@example.com")).toBeInTheDocument()
      expect(document.querySelector('[data-slot="user-button"]')).toHaveAttribute("data-state", "open")
      await expectNoAxeViolations()
    })

    it.each([["Enter", "{Enter}"], ["Space", " "], ["Arrow Down", "{ArrowDown}"]])(
      "opens from the keyboard with %s, focusing the first entry",
      async (_, key) => {
        const { user } = renderWithAuth(<UserButton items={[{ label: "Profile", href: "/profile" }]} />, { session: ada })
        await user.tab()
        expect(trigger()).toHaveFocus()
        await user.keyboard(key)
        expect(screen.getByRole("menu")).toBeInTheDocument()
        expect(item("Profile")).toHaveFocus()
      },
    )

    it("moves with the arrow keys, Home and End, wrapping; Escape closes and returns focus", async () => {
      const { user } = renderWithAuth(
        <UserButton items={[{ label: "Profile", href: "/profile" }, { label: "Billing", href: "/billing" }]} />,
        { session: ada },
      )
      await user.tab()
      await user.keyboard("{ArrowDown}")
      expect(item("Profile")).toHaveFocus()
      await user.keyboard("{ArrowDown}")
      expect(item("Billing")).toHaveFocus()
      await user.keyboard("{ArrowDown}")
      expect(item("Sign out")).toHaveFocus()
      await user.keyboard("{ArrowDown}")
      expect(item("Profile")).toHaveFocus()
      await user.keyboard("{ArrowUp}")
      expect(item("Sign out")).toHaveFocus()
      await user.keyboard("{Home}")
      expect(item("Profile")).toHaveFocus()
      await user.keyboard("{End}")
      expect(item("Sign out")).toHaveFocus()
      await user.keyboard("{Escape}")
      await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument())
      expect(trigger()).toHaveFocus()
    })

    it("jumps to an entry by typing its first letters", async () => {
      const { user } = renderWithAuth(
        <UserButton items={[{ label: "Profile", href: "/profile" }, { label: "Billing", href: "/billing" }, { label: "Settings", href: "/settings" }]} />,
        { session: ada },
      )
      await user.tab()
      await user.keyboard("{ArrowDown}")
      await user.keyboard("b")
      await waitFor(() => expect(item("Billing")).toHaveFocus())
      await user.keyboard("{Escape}")
      await user.keyboard("{ArrowDown}")
      await user.keyboard("si")
      await waitFor(() => expect(item("Sign out")).toHaveFocus())
    })

    it("runs an action entry's onSelect with Enter, closes, and returns focus to the trigger", async () => {
      const onSelect = vi.fn()
      const { user } = renderWithAuth(<UserButton items={[{ label: "Profile", onSelect }, { label: "Billing", onSelect: vi.fn() }]} />, {
        session: ada,
      })
      await user.tab()
      await user.keyboard("{ArrowDown}{Enter}")
      expect(onSelect).toHaveBeenCalledTimes(1)
      await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument())
      expect(trigger()).toHaveFocus()
    })

    it("keeps the menu open when onSelect calls preventDefault", async () => {
      const { user } = renderWithAuth(<UserButton items={[{ label: "Stay", onSelect: (event) => event.preventDefault() }]} />, { session: ada })
      await user.click(trigger())
      await user.click(item("Stay"))
      expect(screen.getByRole("menu")).toBeInTheDocument()
    })

    it("closes when clicking outside, and the click still reaches its target", async () => {
      const onClick = vi.fn()
      const { user } = renderWithAuth(
        <>
          <UserButton />
          <button type="button" onClick={onClick}>
            outside
          </button>
        </>,
        { session: ada },
      )
      await user.click(trigger())
      await user.click(screen.getByRole("button", { name: "outside" }))
      await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument())
      expect(onClick).toHaveBeenCalledTimes(1)
      expect(screen.getByRole("button", { name: "outside" })).toHaveFocus()
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

    it("takes the theme of the trigger's wrapper into the portalled menu", async () => {
      const { user } = renderWithAuth(
        <div data-theme="dark">
          <UserButton />
        </div>,
        { session: ada },
      )
      await user.click(trigger())
      const menu = screen.getByRole("menu")
      expect(menu.closest('[data-theme="dark"]')).toBe(menu)
    })

    it("can be controlled", async () => {
      const onOpenChange = vi.fn()
      const { user, rerender } = renderWithAuth(<UserButton open={false} onOpenChange={onOpenChange} />, { session: ada })
      await user.click(trigger())
      expect(onOpenChange).toHaveBeenCalledWith(true)
      expect(screen.queryByRole("menu")).not.toBeInTheDocument()
      rerender(<UserButton open onOpenChange={onOpenChange} />)
      expect(await screen.findByRole("menu")).toBeInTheDocument()
    })

    it("drops the kit's classes from the menu and its entries with unstyled", async () => {
      const { user } = renderWithAuth(<UserButton unstyled items={[{ label: "Profile", href: "/profile" }]} />, { session: ada })
      await user.click(trigger())
      for (const element of [screen.getByRole("menu"), item("Profile"), item("Sign out")]) expect(element.className).not.toMatch(/nak:/)
    })
  })

  describe("given items that link", () => {
    it("renders an href entry as the menu item itself, an <a>", async () => {
      const { user } = renderWithAuth(<UserButton items={[{ label: "Settings", href: "/settings" }]} />, { session: ada })
      await user.click(trigger())
      const settings = item("Settings")
      expect(settings.tagName).toBe("A")
      expect(settings).toHaveAttribute("href", "/settings")
      expect(settings).toHaveAttribute("data-slot", "user-button-item")
    })

    it("renders `render` as the item: the app's link gets the role, the label and the click, unwrapped", async () => {
      navigations.length = 0
      const { user } = renderWithAuth(<UserButton items={[{ label: "Settings", href: "/settings", render: <FakeLink href="/settings" /> }]} />, {
        session: ada,
      })
      await user.click(trigger())
      const settings = item("Settings")
      expect(settings).toHaveAttribute("data-fake-link")
      expect(settings).toHaveAttribute("href", "/settings")
      expect(settings).toHaveAttribute("data-slot", "user-button-item")
      expect(settings.parentElement).toBe(screen.getByRole("menu"))
      expect(settings.querySelector("a")).toBeNull()
      await user.click(settings)
      expect(navigations).toEqual(["/settings"])
      await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument())
    })

    it("hands the entry's href to a `render` element that has none", async () => {
      const Bare = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a">>(function Bare(props, ref) {
        return <a {...props} ref={ref} data-bare="" />
      })
      const { user } = renderWithAuth(<UserButton items={[{ label: "Docs", href: "/docs", render: <Bare /> }]} />, { session: ada })
      await user.click(trigger())
      expect(item("Docs")).toHaveAttribute("data-bare")
      expect(item("Docs")).toHaveAttribute("href", "/docs")
    })

    it("composes UserButtonItem asChild around the app's link, reachable and chosen by keyboard", async () => {
      navigations.length = 0
      const { user } = renderWithAuth(
        <UserButton items={[{ label: "Profile", href: "/profile" }]}>
          <UserButtonItem asChild>
            <FakeLink href="/billing">Billing</FakeLink>
          </UserButtonItem>
        </UserButton>,
        { session: ada },
      )
      await user.tab()
      await user.keyboard("{ArrowDown}")
      expect(names()).toEqual(["Profile", "Billing", "Sign out"])
      await user.keyboard("{ArrowDown}")
      const billing = item("Billing")
      expect(billing).toHaveFocus()
      expect(billing).toHaveAttribute("data-fake-link")
      await user.keyboard("{Enter}")
      expect(navigations).toEqual(["/billing"])
      await waitFor(() => expect(screen.queryByRole("menu")).not.toBeInTheDocument())
    })

    it("throws a helpful error for UserButtonItem outside UserButton", () => {
      const error = vi.spyOn(console, "error").mockImplementation(() => {})
      expect(() => renderWithAuth(<UserButtonItem>Lost</UserButtonItem>, { session: ada })).toThrow(
        "[next-auth-kit] `UserButtonItem` must be used within `UserButton`.",
      )
      expectLoggedOnly(error, /`UserButtonItem` must be used within `UserButton`/)
      vi.restoreAllMocks()
    })
  })

  describe("given items reordered while the menu is open", () => {
    it("keeps each entry's element and focus (keyed by id, else href)", async () => {
      const profile = { id: "profile", label: "Profile", onSelect: vi.fn() }
      const billing = { label: "Billing", href: "/billing" }
      const { user, rerender } = renderWithAuth(<UserButton items={[profile, billing]} />, { session: ada })
      await user.tab()
      await user.keyboard("{ArrowDown}{ArrowDown}")
      const [profileElement, billingElement] = [item("Profile"), item("Billing")]
      expect(billingElement).toHaveFocus()
      rerender(<UserButton items={[billing, profile]} />)
      expect(names()).toEqual(["Billing", "Profile", "Sign out"])
      expect(item("Profile")).toBe(profileElement)
      expect(item("Billing")).toBe(billingElement)
      expect(billingElement).toHaveFocus()
    })

    it("warns about an entry with no stable key", async () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {})
      // React's own missing-key warning.
      const error = vi.spyOn(console, "error").mockImplementation(() => {})
      renderWithAuth(<UserButton defaultOpen items={[{ label: <b>Bold</b>, onSelect: vi.fn() }]} />, { session: ada })
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("[next-auth-kit] A `UserButton` item has no stable key"))
      expectLoggedOnly(error, /unique "key" prop/)
      warn.mockRestore()
      error.mockRestore()
    })
  })

  describe("signing out", () => {
    it("posts to next-auth's signout, shows progress, then navigates to the sanitised callbackUrl", async () => {
      const handlers = scenarios.admin()
      const { user, navigate } = renderWithAuth(<UserButton signOutCallbackUrl="/bye" />, { handlers })
      await user.click(await screen.findByRole("button", { name: /Account menu/ }))
      const signOutItem = item("Sign out")
      expect(signOutItem).toHaveAttribute("data-slot", "user-button-sign-out")
      await user.click(signOutItem)
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/bye"))
      expect(requests).toContain("POST /api/auth/signout")
      expect(handlers.current).toBeNull()
      await waitFor(() => expect(screen.queryByRole("button", { name: /Account menu/ })).not.toBeInTheDocument())
    })

    it("never navigates off the origin", async () => {
      const { user, navigate } = renderWithAuth(<UserButton signOutCallbackUrl="https://evil.example/" />, { handlers: scenarios.admin() })
      await user.click(await screen.findByRole("button", { name: /Account menu/ }))
      await user.keyboard("{End}")
      await user.click(item("Sign out"))
      await waitFor(() => expect(navigate).toHaveBeenCalledWith("/"))
    })
  })
})
