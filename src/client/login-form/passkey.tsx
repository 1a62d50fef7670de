// Loaded with import() by LoginFormPasskey (parts.tsx), never in the login form's first bundle.
// The package build points this file's imports of the kit at its public entry (tsup.config.ts),
// so that the client entry stays one chunk and this part, with its strings, is a chunk of its
// own in an app's build: each value imported here must be a public export of `next-auth-kit`.
import { type ComponentPropsWithoutRef, useEffect, useRef, useState } from "react"
import type { ResolvedAuthKitConfig } from "../../core/config"
import { en } from "../messages"
import { passkeyAssertion, passkeysSupported } from "../passkeys/webauthn"
import { useLoginForm } from "./context"

/** Props of the part behind `LoginFormPasskey`: the button's, and the kit's configuration. */
export interface PasskeyPartProps extends ComponentPropsWithoutRef<"button"> {
  config: ResolvedAuthKitConfig
}

/** The part behind `LoginFormPasskey`: the button, the autofill and the ceremony's errors. */
export default function PasskeyPart({ config, children, onClick, disabled, ...props }: PasskeyPartProps) {
  const { id, credentialsProvider, pending, error, messages, part, credentials, sentTo, mfa } = useLoginForm("LoginFormPasskey")
  // Known after hydration only: the server's HTML has no button.
  const [supported, setSupported] = useState(false)
  // The browser's prompt is open (the button is busy meanwhile), and why the last one failed.
  const [prompting, setPrompting] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)
  // The newest ceremony: a newer one (the button's, which aborts a waiting autofill) or leaving
  // the page makes an older one's answer stale, and it is dropped.
  const attempt = useRef(0)
  // Whether the browser offers passkeys in a field's autofill, whether one is waiting there now,
  // and whether the last passkey sign-in came from it (a refused one is not asked again by
  // itself: an authenticator that answers the autofill at once would loop).
  const autofill = useRef({ available: false, waiting: false, answered: false })
  const s = { ...en.accountSettings, ...messages.accountSettings }
  // The assertion signs in through the credentials provider: without one, there is no part.
  const on = !!credentialsProvider

  const ceremony = async (inAutofill: boolean) => {
    const mine = ++attempt.current
    autofill.current.waiting = inAutofill
    if (!inAutofill) {
      setPrompting(true)
      setFailed(null)
    }
    const answer = await passkeyAssertion(config, inAutofill)
    if (mine !== attempt.current) return
    autofill.current.waiting = false
    if (!inAutofill) setPrompting(false)
    autofill.current.answered = inAutofill && answer.ok
    // The assertion signs in as a password does: the form's pending state, its errors, its redirect.
    if (answer.ok) return credentials({ passkey: answer.assertion }, credentialsProvider!.id)
    // An autofill that failed says nothing (the user never asked); after the button's prompt,
    // the field offers passkeys again.
    if (inAutofill) return
    const code = answer.error.code
    setFailed(code === "passkey_cancelled" ? s.passkeySignInCancelled : code === "rate_limited" ? messages.errors.RateLimited : s.passkeyFailed)
    startAutofill()
  }
  const startAutofill = () => {
    // The browser needs a field that asks for passkeys (`LoginFormIdentifierField` does).
    if (autofill.current.available && document.querySelector("input[autocomplete$='webauthn']")) void ceremony(true)
  }

  useEffect(() => {
    if (!on || !passkeysSupported()) return
    setSupported(true)
    let live = true
    void PublicKeyCredential.isConditionalMediationAvailable?.().then((yes) => {
      autofill.current.available = yes
      if (live) startAutofill()
    })
    return () => {
      live = false
      // Leaving: whatever the browser answers later signs nobody in.
      attempt.current++
    }
    // Once per form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on])

  // A new sign-in clears this part's message; a refused one (a passkey from the button the server
  // did not accept, a wrong password) lets the field offer passkeys again, unless it still does.
  useEffect(() => {
    if (pending) setFailed(null)
  }, [pending])
  useEffect(() => {
    if (error && !pending && !autofill.current.waiting && !autofill.current.answered) startAutofill()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error, pending])

  if (!on || !supported || sentTo || mfa) return null
  return (
    <>
      <button
        type="button"
        {...part("passkey", "nak:kit-button nak:kit-secondary nak:kit-pad nak:w-full", props)}
        disabled={disabled || prompting || pending !== null}
        aria-describedby={failed ? `${id}-passkey-error` : props["aria-describedby"]}
        onClick={(event) => {
          onClick?.(event)
          if (!event.defaultPrevented) void ceremony(false)
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
