// Loaded with import() by LoginFormPasskey (parts.tsx), never in the login form's first bundle.
// The package build points this file's imports of the kit at its public entry (tsup.config.ts),
// so that the client entry stays one chunk and this part, with its strings, is a chunk of its
// own in an app's build: each value imported here must be a public export of `next-auth-kit`.
import { type ComponentPropsWithoutRef, useEffect, useState } from "react"
import type { ResolvedAuthKitConfig } from "../../core/config"
import { en } from "../messages"
import { passkeyAssertion, passkeysSupported } from "../passkeys/webauthn"
import { useLoginForm } from "./context"

/** Props of the part behind `LoginFormPasskey`: the button's, and the kit's configuration. */
export interface PasskeyPartProps extends ComponentPropsWithoutRef<"button"> {
  config: ResolvedAuthKitConfig
}

/** The part behind `LoginFormPasskey`: the button, the autofill and the ceremony's errors. */
export default function PasskeyPart({ config, children, onClick, ...props }: PasskeyPartProps) {
  const { id, credentialsProvider, pending, messages, part, credentials, sentTo, mfa } = useLoginForm("LoginFormPasskey")
  const on = !!credentialsProvider
  // Known after hydration only: the server's HTML has no button.
  const [supported, setSupported] = useState(false)
  // The browser's prompt is open (the form is busy meanwhile), and why the last one failed.
  const [prompting, setPrompting] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)
  const s = { ...en.accountSettings, ...messages.accountSettings }

  const signIn = async (autofill: boolean) => {
    if (!autofill) {
      setPrompting(true)
      setFailed(null)
    }
    const answer = await passkeyAssertion(config, autofill)
    setPrompting(false)
    // The assertion signs in as a password does: the form's pending state, its errors, its redirect.
    if (answer.ok) return credentials({ passkey: answer.assertion }, credentialsProvider!.id)
    const code = answer.error.code
    // An autofill that was never used (the button's prompt replaced it, or the page moved on) stays quiet.
    if (!autofill || code !== "passkey_cancelled") setFailed(code === "passkey_cancelled" ? s.passkeySignInCancelled : s.passkeyFailed)
  }

  useEffect(() => {
    if (!on || !passkeysSupported()) return
    setSupported(true)
    // The identifier field offers passkeys in its autofill too, where the browser can.
    document.getElementById(`${id}-identifier`)?.setAttribute("autocomplete", "username webauthn")
    void PublicKeyCredential.isConditionalMediationAvailable?.().then((yes) => {
      if (yes) void signIn(true)
    })
    // Once per form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on])
  if (!on || !supported || sentTo || mfa) return null
  return (
    <>
      <button
        type="button"
        disabled={prompting || pending !== null}
        aria-describedby={failed ? `${id}-passkey-error` : undefined}
        {...part("passkey", "nak:kit-button nak:kit-secondary nak:kit-pad nak:w-full", props)}
        onClick={(event) => {
          onClick?.(event)
          if (!event.defaultPrevented) void signIn(false)
        }}
      >
        {children ?? s.passkeySignIn}
      </button>
      <div id={`${id}-passkey-error`} role="alert" hidden={!failed} {...part("passkey-error", "nak:kit-alert")}>
        {failed}
      </div>
    </>
  )
}
