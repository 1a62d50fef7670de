import * as Menu from "@radix-ui/react-dropdown-menu"
import { cloneElement, type ComponentPropsWithoutRef, forwardRef, isValidElement, type ReactElement, type ReactNode, useRef, useState } from "react"
import { useAuthState } from "../auth-provider/auth-provider"
import { useSignOut } from "../sign-out-button/use-sign-out"
import { useMessages } from "../use-messages"
import { kit } from "../lib/cn"
import { buttonClasses } from "../lib/styles"
import { enSignOut, enUserButton, format, type MessagesOverride } from "../messages"
import { createKitContext } from "../primitives/context"
import { useOpenState } from "../primitives/open-state"
import { type Part, parts } from "../primitives/part"

/**
 * An extra entry of the {@link UserButton} menu: a link (`href`), your own link component
 * (`render`), or an action (`onSelect`).
 *
 * @example
 * ```tsx
 * import Link from "next/link"
 *
 * const items: UserMenuItem[] = [
 *   { label: "Settings", href: "/settings", render: <Link href="/settings" /> },
 *   { id: "theme", label: <ThemeLabel />, textValue: "Theme", onSelect: toggleTheme },
 * ]
 * ```
 */
export interface UserMenuItem {
  /**
   * The entry's stable identity, its React key: reordering or inserting entries keeps each one's
   * element and focus.
   * @default `href` (or `render`'s `href`), else `label` when it is a string
   */
  id?: string
  /** The entry's text, or any content. */
  label: ReactNode
  /** Where the entry links to: rendered as `<a href>`, or handed to `render` when it has none. */
  href?: string
  /**
   * The element the entry renders as instead of `<a>`, with `label` as its children: your
   * router's link (`<Link href="/settings" />` from `next/link`) so navigating is a client-side
   * transition. It receives the menu item's role, handlers and ref, so it must spread its props
   * onto a DOM element and forward its ref, as `next/link` does.
   */
  render?: ReactElement
  /**
   * Called when the entry is chosen by click, Enter or Space, after a link's own click handler.
   * `event.preventDefault()` keeps the menu open.
   */
  onSelect?: (event: Event) => void
  /** The text that typeahead matches. @default the entry's text content */
  textValue?: string
  /** Shown but not selectable or focusable by the arrow keys. @default false */
  disabled?: boolean
}

/** Props of {@link UserButton}. */
export interface UserButtonProps {
  /** Entries above "Sign out", each with a stable `id` or `href`. */
  items?: readonly UserMenuItem[]
  /**
   * More entries, after `items` and above "Sign out": {@link UserButtonItem}s, for example with
   * `asChild` around your router's link.
   */
  children?: ReactNode
  /** Where to go after signing out; sanitised. @default "/" */
  signOutCallbackUrl?: string
  /** Show the name next to the avatar. @default true */
  showName?: boolean
  /** Controlled open state of the menu. */
  open?: boolean
  /** Initial open state when uncontrolled. @default false */
  defaultOpen?: boolean
  /** Called when the menu opens or closes. */
  onOpenChange?: (open: boolean) => void
  /** Replaces some strings for this button only. */
  messages?: MessagesOverride
  /** Classes for the root, merged after the kit's. */
  className?: string
  /** Drop the kit's own classes, also of the menu and its items. @default false */
  unstyled?: boolean
}

/** Props of {@link UserButtonItem}. */
export interface UserButtonItemProps extends Omit<ComponentPropsWithoutRef<"div">, "onSelect"> {
  /**
   * Render the only child (your link component) as the item, with the item's role, handlers
   * and ref merged onto it, instead of a `<div>` (Radix `asChild`). @default false
   */
  asChild?: boolean
  /**
   * Called when the item is chosen by click, Enter or Space, after the child's own click
   * handler. `event.preventDefault()` keeps the menu open.
   */
  onSelect?: (event: Event) => void
  /** The text that typeahead matches. @default the item's text content */
  textValue?: string
  /** Shown but not selectable or focusable by the arrow keys. @default false */
  disabled?: boolean
}

// A function and pure annotations: an app that imports only the gates must not keep the menu
// (and Radix) for a module-level value.
const itemClasses = () => buttonClasses("ghost", "nak:kit-menu-item")

/** The menu's styling helper, for its items. */
const menuContext = /* @__PURE__ */ createKitContext<Part<string>>("UserButton")

/**
 * One entry of the {@link UserButton} menu (a Radix `DropdownMenu.Item`): arrow keys and
 * typeahead reach it, choosing it closes the menu. With `asChild`, your link component is the
 * item itself, so `next/link` navigates client-side.
 *
 * @example
 * ```tsx
 * <UserButton>
 *   <UserButtonItem asChild>
 *     <Link href="/settings">Settings</Link>
 *   </UserButtonItem>
 * </UserButton>
 * ```
 */
export const UserButtonItem = /* @__PURE__ */ forwardRef<HTMLDivElement, UserButtonItemProps>(function UserButtonItem(
  props,
  ref,
) {
  return <Menu.Item {...menuContext[1]("UserButtonItem")("item", itemClasses(), props)} ref={ref} />
})

function initials(name: string): string {
  const parts = name.trim().split(/[\s@._-]+/).filter(Boolean)
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase() || "?"
}

function keyOf(item: UserMenuItem): string | undefined {
  const renderHref = (item.render?.props as { href?: unknown } | undefined)?.href
  const key =
    item.id ??
    item.href ??
    (typeof renderHref === "string" ? renderHref : undefined) ??
    (typeof item.label === "string" ? item.label : undefined)
  if (key === undefined && process.env.NODE_ENV !== "production") {
    console.warn("[next-auth-kit] A `UserButton` item has no stable key: give it an `id` (or an `href`, or a string `label`).")
  }
  return key
}

const themed = '.dark, .light, [data-theme="dark"], [data-theme="light"]'

/**
 * The signed-in user's avatar (or initials) and name, opening a menu (Radix DropdownMenu) with
 * the user's name and email, your entries and "Sign out". Enter, Space, Arrow Down and a click
 * open it; arrows, Home, End and typeahead move; Escape closes it and returns focus. The menu is
 * portalled to `<body>` and flips to stay on screen. Renders nothing unless signed in.
 *
 * Entries come from `items` (links, your link component via `render`, actions) and from
 * `children` ({@link UserButtonItem}).
 *
 * @example
 * ```tsx
 * import Link from "next/link"
 *
 * <UserButton items={[{ label: "Settings", href: "/settings", render: <Link href="/settings" /> }]} />
 * ```
 */
export function UserButton({
  items = [],
  children,
  signOutCallbackUrl = "/",
  showName = true,
  open: controlled,
  defaultOpen,
  onOpenChange,
  messages: override,
  className,
  unstyled,
}: UserButtonProps) {
  const { status, session } = useAuthState(UserButton)
  const t = useMessages(UserButton, override)
  const u = { ...enUserButton, ...t.userButton }
  const [open, setOpen] = useOpenState(controlled, defaultOpen, onOpenChange)
  const [imageFailed, setImageFailed] = useState(false)
  const { pending, signOutNow: signOutTo } = useSignOut(UserButton)
  const trigger = useRef<HTMLButtonElement>(null)
  const part = parts("user-button", unstyled)
  const MenuStyle = menuContext[0]

  if (status !== "authenticated") return null
  const user = session.user ?? {}
  const name = user.name || user.email || "?"

  const signOutNow = () => signOutTo(signOutCallbackUrl)

  return (
    <div data-state={open ? "open" : "closed"} {...part("root", "nak:relative nak:inline-block nak:font-kit", { className })}>
      {/* Not modal: a click outside closes the menu and still reaches its target, and the page
          stays visible to assistive tech (a modal menu hides it with aria-hidden around a
          focusable trigger, which axe reports as aria-hidden-focus). Radix gives the menu a
          `dir` of its own, "ltr" unless told: the language's. */}
      <Menu.Root open={open} onOpenChange={setOpen} modal={false} dir={t.dir}>
        <Menu.Trigger
          ref={trigger}
          aria-label={format(u.menuLabel, { name })}
          {...part("trigger", buttonClasses("ghost", "nak:justify-center nak:px-2 nak:py-1 nak:max-w-full"))}
        >
          <span aria-hidden="true" {...part("avatar", "nak:kit-avatar")}>
            {user.image && !imageFailed ? (
              <img src={user.image} alt="" width={32} height={32} onError={() => setImageFailed(true)} className={kit(unstyled, "nak:size-full nak:object-cover")} />
            ) : (
              // Initials drawn by CSS, not text: the button's visible text stays the user's name,
              // which its accessible name contains (WCAG 2.5.3, label in name).
              <span data-initials={initials(name)} {...part("initials", "nak:before:content-[attr(data-initials)]")} />
            )}
          </span>
          {showName ? (
            <span aria-hidden="true" {...part("name", "nak:truncate nak:font-medium")}>
              {name}
            </span>
          ) : null}
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content
            align="end"
            sideOffset={8}
            collisionPadding={8}
            loop
            // The portal leaves the wrapper that may carry the theme (`dark`/`light` class or
            // `data-theme`): the menu takes the trigger's nearest mark along.
            ref={(node) => {
              const mark = node && trigger.current?.closest(themed)
              if (mark) node.dataset.theme = mark.matches('.dark, [data-theme="dark"]') ? "dark" : "light"
            }}
            {...part("menu", "nak:kit-menu")}
          >
            <Menu.Label {...part("identity", "nak:grid nak:px-3 nak:py-2 nak:text-sm")}>
              <span className={kit(unstyled, "nak:truncate nak:font-medium")}>{user.name || user.email}</span>
              {user.name && user.email ? <span className={kit(unstyled, "nak:truncate nak:text-muted-foreground")}>{user.email}</span> : null}
            </Menu.Label>
            <MenuStyle value={part}>
              {items.map((item) => (
                <UserButtonItem
                  key={keyOf(item)}
                  asChild={isValidElement(item.render) || Boolean(item.href)}
                  onSelect={item.onSelect}
                  textValue={item.textValue}
                  disabled={item.disabled}
                >
                  {isValidElement(item.render) ? (
                    cloneElement(item.render, hrefFor(item), item.label)
                  ) : item.href ? (
                    <a href={item.href}>{item.label}</a>
                  ) : (
                    item.label
                  )}
                </UserButtonItem>
              ))}
              {children}
              <Menu.Item
                data-state={pending ? "pending" : "idle"}
                onSelect={(event) => {
                  // Stay open, showing "Signing out…", until the session is gone.
                  event.preventDefault()
                  void signOutNow()
                }}
                {...part("sign-out", itemClasses())}
              >
                {pending ? { ...enSignOut, ...t.signOut }.pending : u.signOut}
              </Menu.Item>
            </MenuStyle>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    </div>
  )
}

/** The entry's `href`, for a `render` element that has none of its own. */
function hrefFor(item: UserMenuItem): { href: string } | undefined {
  const own = (item.render?.props as { href?: unknown } | undefined)?.href
  return item.href !== undefined && own === undefined ? { href: item.href } : undefined
}
