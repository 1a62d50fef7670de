import { type ComponentPropsWithoutRef, type ReactNode, useEffect, useRef, useState } from "react"
import { useSignOut } from "./use-sign-out"
import { useMessages } from "../use-messages"
import { parts } from "../primitives/part"
import { compose } from "../primitives/slot"
import { buttonClasses } from "../lib/styles"
import { enSignOut, type MessagesOverride } from "../messages"

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
  const { pending, signOutNow: signOutAndGo } = useSignOut(SignOutButton)
  const t = { ...enSignOut, ...useMessages(SignOutButton, override).signOut }
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
  const part = parts("sign-out", unstyled)

  async function signOutNow() {
    try {
      await signOutAndGo(callbackUrl, onSignOut)
    } finally {
      setAsking(false)
    }
  }


  if (asking) {
    return (
      <div role="group" aria-label={t.confirmQuestion} {...part("confirm", "nak:kit-confirm")}>
        <span>{t.confirmQuestion}</span>
        {/* biome-ignore lint/a11y/noAutofocus: the question replaces the button that had focus */}
        <button type="button" autoFocus disabled={pending} onClick={() => void signOutNow()} {...part("confirm-yes", buttonClasses("destructive"))}>
          {pending ? t.pending : t.confirm}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            returnFocus.current = true
            setAsking(false)
          }}
          {...part("confirm-no", buttonClasses("secondary"))}
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
      data-state={pending ? "pending" : "idle"}
      disabled={disabled || pending}
      onClick={compose(onClick, () => (confirm ? setAsking(true) : void signOutNow()))}
      {...part("button", buttonClasses("secondary"), { className })}
    >
      {pending ? t.pending : (children ?? t.label)}
    </button>
  )
}
