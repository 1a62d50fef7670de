import { type ComponentPropsWithoutRef, type MouseEvent, type ReactNode, useEffect, useRef, useState } from "react"
import { useSignOut } from "./use-sign-out"
import { useMessages } from "../use-messages"
import { cn, kit } from "../lib/cn"
import { buttonClasses } from "../lib/styles"
import type { MessagesOverride } from "../messages"

/** Props of {@link SignOutButton}. */
export interface SignOutButtonProps extends Omit<ComponentPropsWithoutRef<"button">, "type"> {
  /** Where to go after signing out; sanitised. @default "/" */
  callbackUrl?: string
  /** Ask "Sign out of your account?" before signing out. @default false */
  confirm?: boolean
  /** Called after signing out, before navigating. */
  onSignOut?: (url: string) => void
  /** The button's label. @default messages.signOut.label */
  children?: ReactNode
  /** Replaces some strings for this button only. */
  messages?: MessagesOverride
  /** Drop the kit's own classes. @default false */
  unstyled?: boolean
}

/**
 * Signs out with next-auth (`signOut({ redirect: false })`), then navigates to the sanitised
 * `callbackUrl`. With `confirm`, it first asks inline. Your `onClick` runs first; call
 * `event.preventDefault()` to cancel.
 *
 * @example
 * ```tsx
 * <SignOutButton callbackUrl="/goodbye" confirm />
 * ```
 */
export function SignOutButton({
  callbackUrl = "/",
  confirm = false,
  onSignOut,
  children,
  messages: override,
  unstyled,
  className,
  onClick,
  disabled,
  ...buttonProps
}: SignOutButtonProps) {
  const { pending, signOutNow: signOutAndGo } = useSignOut("SignOutButton")
  const t = useMessages("SignOutButton", override).signOut
  const [asking, setAsking] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  // Cancelling the question puts focus back on the button that asked it.
  useEffect(() => {
    if (!asking && returnFocus.current) {
      returnFocus.current = false
      button.current?.focus()
    }
  }, [asking])
  const buttonClass = (primary: boolean) => kit(unstyled, buttonClasses(primary ? "destructive" : "secondary"))

  async function signOutNow() {
    try {
      await signOutAndGo(callbackUrl, onSignOut)
    } finally {
      setAsking(false)
    }
  }

  function click(event: MouseEvent<HTMLButtonElement>) {
    onClick?.(event)
    if (event.defaultPrevented) return
    if (confirm) setAsking(true)
    else void signOutNow()
  }

  if (asking) {
    return (
      <div data-slot="sign-out-confirm" role="group" aria-label={t.confirmQuestion} className={kit(unstyled, "nak:kit-confirm")}>
        <span>{t.confirmQuestion}</span>
        {/* biome-ignore lint/a11y/noAutofocus: the question replaces the button that had focus */}
        <button type="button" data-slot="sign-out-confirm-yes" autoFocus disabled={pending} onClick={() => void signOutNow()} className={buttonClass(true)}>
          {pending ? t.pending : t.confirm}
        </button>
        <button
          type="button"
          data-slot="sign-out-confirm-no"
          disabled={pending}
          onClick={() => {
            returnFocus.current = true
            setAsking(false)
          }}
          className={buttonClass(false)}
        >
          {t.cancel}
        </button>
      </div>
    )
  }

  return (
    <button
      {...buttonProps}
      ref={button}
      type="button"
      data-slot="sign-out-button"
      data-state={pending ? "pending" : "idle"}
      disabled={disabled || pending}
      onClick={click}
      className={cn(buttonClass(false), className)}
    >
      {pending ? t.pending : (children ?? t.label)}
    </button>
  )
}
