import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react"
import { useAuthState } from "../auth-provider/auth-provider"
import { useMessages } from "../use-messages"
import { cn, kit } from "../lib/cn"
import { buttonClasses } from "../lib/styles"
import { format, type MessagesOverride } from "../messages"
import { SignOutButton } from "../sign-out-button/sign-out-button"

/** An extra entry of the {@link UserButton} menu. */
export interface UserMenuItem {
  label: ReactNode
  /** A link… */
  href?: string
  /** …or an action. */
  onSelect?: () => void
}

/** Props of {@link UserButton}. */
export interface UserButtonProps {
  /** Entries above "Sign out". */
  items?: readonly UserMenuItem[]
  /** Where to go after signing out. @default "/" */
  signOutCallbackUrl?: string
  /** Show the name next to the avatar. @default true */
  showName?: boolean
  /** Replaces some strings for this button only. */
  messages?: MessagesOverride
  /** Classes for the root, merged after the kit's. */
  className?: string
  /** Drop the kit's own classes. @default false */
  unstyled?: boolean
}

function initials(name: string): string {
  const parts = name.trim().split(/[\s@._-]+/).filter(Boolean)
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase() || "?"
}

/**
 * The signed-in user's avatar (or initials) and name, opening a keyboard-accessible menu
 * (menu button pattern: Enter, Space and arrow keys open it, arrows move, Escape closes and
 * returns focus) with your items and "Sign out". Renders nothing unless signed in.
 *
 * @example
 * ```tsx
 * <UserButton items={[{ label: "Settings", href: "/settings" }]} />
 * ```
 */
export function UserButton({ items = [], signOutCallbackUrl = "/", showName = true, messages: override, className, unstyled }: UserButtonProps) {
  const { status, session } = useAuthState("UserButton")
  const t = useMessages("UserButton", override)
  const [open, setOpen] = useState(false)
  const [imageFailed, setImageFailed] = useState(false)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const focusOnOpen = useRef<"first" | "last">("first")

  const entries = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])
  useEffect(() => {
    if (!open) return
    const list = entries()
    ;(focusOnOpen.current === "first" ? list[0] : list[list.length - 1])?.focus()
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener("pointerdown", outside)
    return () => document.removeEventListener("pointerdown", outside)
  }, [open])

  if (status !== "authenticated") return null
  const user = session.user ?? {}
  const name = user.name || user.email || "?"

  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) trigger.current?.focus()
  }
  const onTriggerKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault()
      focusOnOpen.current = event.key === "ArrowDown" ? "first" : "last"
      setOpen(true)
    }
  }
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = entries()
    const index = list.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => {
      event.preventDefault()
      list[(to + list.length) % list.length]?.focus()
    }
    if (event.key === "ArrowDown") move(index + 1)
    else if (event.key === "ArrowUp") move(index - 1)
    else if (event.key === "Home") move(0)
    else if (event.key === "End") move(list.length - 1)
    else if (event.key === "Escape") {
      event.preventDefault()
      close(true)
    } else if (event.key === "Tab") close(false)
  }
  const itemClass = kit(unstyled, `${buttonClasses("ghost", "nak:justify-start nak:px-3 nak:py-2")} nak:w-full nak:text-left`)

  return (
    <div ref={root} data-slot="user-button" data-state={open ? "open" : "closed"} className={cn(kit(unstyled, "nak:relative nak:inline-block nak:font-kit"), className)}>
      <button
        ref={trigger}
        type="button"
        id={`${id}-trigger`}
        data-slot="user-button-trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={format(t.userButton.menuLabel, { name })}
        onClick={() => {
          focusOnOpen.current = "first"
          setOpen((was) => !was)
        }}
        onKeyDown={onTriggerKey}
        className={kit(unstyled, `${buttonClasses("ghost", "nak:justify-center nak:px-2 nak:py-1")} nak:max-w-full`)}
      >
        <span
          data-slot="user-button-avatar"
          aria-hidden="true"
          className={kit(unstyled, "nak:inline-flex nak:size-8 nak:shrink-0 nak:items-center nak:justify-center nak:overflow-hidden nak:rounded-full nak:bg-muted nak:text-xs nak:font-semibold nak:text-foreground")}
        >
          {user.image && !imageFailed ? (
            <img src={user.image} alt="" width={32} height={32} onError={() => setImageFailed(true)} className={kit(unstyled, "nak:size-full nak:object-cover")} />
          ) : (
            // Initials drawn by CSS, not text: the button's visible text stays the user's name,
            // which its accessible name contains (WCAG 2.5.3, label in name).
            <span data-slot="user-button-initials" data-initials={initials(name)} className={kit(unstyled, "nak:before:content-[attr(data-initials)]")} />
          )}
        </span>
        {showName ? (
          <span data-slot="user-button-name" aria-hidden="true" className={kit(unstyled, "nak:truncate nak:font-medium")}>
            {name}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          data-slot="user-button-popover"
          className={kit(
            unstyled,
            "nak:box-border nak:absolute nak:right-0 nak:z-50 nak:mt-2 nak:grid nak:min-w-56 nak:gap-1 nak:rounded-kit nak:border nak:border-border nak:bg-background nak:p-1 nak:shadow-lg",
          )}
        >
          <div data-slot="user-button-identity" className={kit(unstyled, "nak:grid nak:px-3 nak:py-2 nak:text-sm")}>
            <span className={kit(unstyled, "nak:truncate nak:font-medium nak:text-foreground")}>{user.name || user.email}</span>
            {user.name && user.email ? <span className={kit(unstyled, "nak:truncate nak:text-muted-foreground")}>{user.email}</span> : null}
          </div>
          <div
            ref={menu}
            id={`${id}-menu`}
            role="menu"
            aria-labelledby={`${id}-trigger`}
            data-slot="user-button-menu"
            onKeyDown={onMenuKey}
            className={kit(unstyled, "nak:grid nak:gap-1")}
          >
            {items.map((item, index) =>
              item.href ? (
                <a key={index} role="menuitem" tabIndex={-1} href={item.href} data-slot="user-button-item" className={itemClass} onClick={() => close(false)}>
                  {item.label}
                </a>
              ) : (
                <button
                  key={index}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  data-slot="user-button-item"
                  className={itemClass}
                  onClick={() => {
                    close(true)
                    item.onSelect?.()
                  }}
                >
                  {item.label}
                </button>
              ),
            )}
            <SignOutButton role="menuitem" tabIndex={-1} unstyled className={itemClass} callbackUrl={signOutCallbackUrl} messages={override}>
              {t.userButton.signOut}
            </SignOutButton>
          </div>
        </div>
      ) : null}
    </div>
  )
}
