import * as Dialog from "@radix-ui/react-dialog"
import { useState } from "react"
import type { AccountSettingsState } from "../../core/accounts/features/settings"
import { loginUrl } from "../../core/login-url"
import { AccountFormUnit, useKit } from "../accounts/parts"
import { requestAccount, useAccountAction } from "../accounts/use-account-action"
import { buttonClasses } from "../lib/styles"
import type { MessagesOverride } from "../messages"
import { passkeyAssertion, passkeysSupported } from "../passkeys/webauthn"
import { enAccountSettings } from "./messages"

/** Props of {@link ReauthenticateDialog}. */
export interface ReauthenticateDialogProps {
  open: boolean
  /** What the account can prove itself with; unknown (`null`): the password. */
  account: AccountSettingsState | null
  messages?: MessagesOverride
  unstyled?: boolean
  /** Called once: `true` after the server took the password or code, `false` when dismissed. */
  onDone: (confirmed: boolean) => void
}

/**
 * The re-authentication prompt: a modal dialog (Radix: focus trapped inside, Escape and
 * "Cancel" close it, focus goes back where it was) that posts the password, or a code from the
 * authenticator app or a recovery code, to `${accountPath}/reauthenticate`. A wrong one is said
 * at its field; the attempts are limited by the server. An account with passkeys is also offered
 * "Use a passkey" (where the browser has WebAuthn), whose assertion is posted as `{ passkey }`.
 * An account with none of these (made through a provider) is asked to sign in again, coming back
 * to this page.
 */
export function ReauthenticateDialog({ open, account, messages, unstyled, onDone }: ReauthenticateDialogProps) {
  const k = useKit("reauthenticate-dialog", ReauthenticateDialog, { messages, unstyled })
  const s = { ...enAccountSettings, ...k.m.accountSettings }
  const password = account?.password ?? true
  const code = account?.twoFactor ?? false
  const [useCode, setUseCode] = useState(false)
  const [passkey, setPasskey] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const offerPasskey = (account?.passkeys ?? 0) > 0 && passkeysSupported()
  const method = password && !useCode ? "password" : code ? "code" : null
  const action = useAccountAction("reauthenticate", ReauthenticateDialog)
  const { part, config } = k
  const withPasskey = async () => {
    setPasskey({ busy: true, error: null })
    const got = await passkeyAssertion(config)
    const answer = got.ok ? await requestAccount(config, "reauthenticate", { passkey: got.assertion }) : got
    if (answer.ok) {
      setPasskey({ busy: false, error: null })
      return onDone(true)
    }
    setPasskey({ busy: false, error: answer.error.code === "passkey_cancelled" ? s.passkeyCancelled : s.passkeyFailed })
  }
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(opened) => {
        if (opened) return
        action.set(null)
        setPasskey({ busy: false, error: null })
        onDone(false)
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay {...part("overlay" as never, "nak:kit-overlay")} />
        <Dialog.Content dir={k.m.dir} {...part("root", "nak:kit-dialog")}>
          <Dialog.Title {...part("title", "nak:kit-heading")}>{s.reauthTitle}</Dialog.Title>
          <Dialog.Description {...part("status", "nak:kit-muted")}>
            {method === "password" ? s.reauthPassword : method === "code" ? s.reauthCode : s.reauthSignIn}
          </Dialog.Description>
          {method ? (
            <AccountFormUnit
              key={method}
              k={{ ...k, title: false }}
              action={action}
              fields={[method === "password" ? ["password", "current", k.m.loginForm.passwordLabel] : ["code", "code", k.m.loginForm.codeLabel]]}
              submit={s.reauthSubmit}
              onSent={() => {
                action.set(null)
                onDone(true)
              }}
            />
          ) : open ? (
            <a href={config.basePath + loginUrl(config.loginPath, location.pathname + location.search + location.hash)} {...part("link", "nak:kit-link")}>
              {k.m.loginForm.submit}
            </a>
          ) : null}
          {offerPasskey ? (
            <>
              <button type="button" disabled={passkey.busy} aria-busy={passkey.busy || undefined} onClick={() => void withPasskey()} {...part("passkey" as never, buttonClasses("secondary"))}>
                {s.usePasskey}
              </button>
              {passkey.error ? (
                <p role="alert" {...part("error", "nak:kit-alert")}>
                  {passkey.error}
                </p>
              ) : null}
            </>
          ) : null}
          <div {...part("footer", "nak:kit-footer")}>
            {password && code ? (
              <button
                type="button"
                onClick={() => {
                  action.set(null)
                  setUseCode(!useCode)
                }}
                {...part("link", "nak:kit-link nak:border-0 nak:bg-transparent nak:p-0 nak:cursor-pointer")}
              >
                {useCode ? s.usePassword : s.useCode}
              </button>
            ) : null}
            <Dialog.Close {...part("link", "nak:kit-link nak:border-0 nak:bg-transparent nak:p-0 nak:cursor-pointer")}>{s.cancel}</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
