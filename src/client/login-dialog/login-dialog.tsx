import * as Dialog from "@radix-ui/react-dialog"
import type { ReactNode } from "react"
import { useMessages } from "../use-messages"
import { kit } from "../lib/cn"
import { useOpenState } from "../primitives/open-state"
import { parts } from "../primitives/part"
import { buttonClasses } from "../lib/styles"
import { LoginForm, type LoginFormProps } from "../login-form/login-form"
import { enLoginDialog, type MessagesOverride } from "../messages"

/** Props of {@link LoginDialog}. */
export interface LoginDialogProps
  extends Omit<LoginFormProps, "className" | "title" | "redirectOnSuccess" | "messages"> {
  /**
   * The element that opens the dialog, rendered as the trigger itself (Radix `asChild`).
   * @default a "Sign in" button
   */
  trigger?: ReactNode
  /** Controlled open state. */
  open?: boolean
  /** Initial open state when uncontrolled. @default false */
  defaultOpen?: boolean
  /** Called when the dialog opens or closes. */
  onOpenChange?: (open: boolean) => void
  /** Replaces some strings for this dialog and its form. */
  messages?: MessagesOverride
  /** Classes for the dialog panel, merged after the kit's. */
  className?: string
}

/**
 * `LoginForm` in an accessible modal dialog (Radix Dialog): focus is trapped inside, Escape
 * and the close button close it, focus returns to the trigger, and it closes by itself once
 * signing in succeeds. It stays on the page afterwards unless you pass a `callbackUrl`.
 *
 * @example
 * ```tsx
 * <SignedOut>
 *   <LoginDialog trigger={<button>Sign in</button>} />
 * </SignedOut>
 * ```
 */
export function LoginDialog({
  trigger,
  open: controlled,
  defaultOpen,
  onOpenChange,
  onSuccess,
  messages: override,
  className,
  unstyled,
  callbackUrl,
  ...formProps
}: LoginDialogProps) {
  const messages = useMessages(LoginDialog, override)
  const [open, setOpen] = useOpenState(controlled, defaultOpen, onOpenChange)
  const t = { ...enLoginDialog, ...messages.loginDialog }
  const part = parts("login-dialog", unstyled)

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        {trigger ?? (
          <button
            type="button"
            {...part("trigger", buttonClasses("primary"))}
          >
            {t.trigger}
          </button>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay {...part("overlay", "nak:kit-overlay")} />
        <Dialog.Content
          // Portalled out of the app's tree: the language's direction, not the wrapper's.
          dir={messages.dir}
          {...part("root", "nak:kit-dialog", { className })}
        >
          <div className={kit(unstyled, "nak:grid nak:gap-1")}>
            <Dialog.Title {...part("title", "nak:kit-heading")}>
              {t.title}
            </Dialog.Title>
            <Dialog.Description {...part("description", "nak:kit-muted")}>
              {t.description}
            </Dialog.Description>
          </div>
          <LoginForm
            {...formProps}
            unstyled={unstyled}
            messages={override}
            title={false}
            callbackUrl={callbackUrl}
            redirectOnSuccess={callbackUrl !== undefined}
            onSuccess={(url) => {
              setOpen(false)
              onSuccess?.(url)
            }}
          />
          <Dialog.Close
            {...part("close", buttonClasses("quiet", "nak:justify-center nak:px-2 nak:py-1 nak:absolute nak:end-3 nak:top-3"))}
          >
            <span aria-hidden="true">×</span>
            <span className={kit(unstyled, "nak:sr-only")}>{t.close}</span>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
