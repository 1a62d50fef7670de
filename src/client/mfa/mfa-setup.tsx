import { type ReactNode, useId, useRef, useState } from "react"
import { AccountFormUnit, type AccountFormProps, Root, useKit } from "../accounts/parts"
import { useAccountAction } from "../accounts/use-account-action"
import { buttonClasses } from "../lib/styles"
import { Notice } from "../primitives/status"
import { enMfa } from "./messages"

/** Props of {@link MfaSetup}. */
export interface MfaSetupProps extends AccountFormProps {
  /**
   * Whether two-factor authentication is on for the signed-in user now, as your server knows it
   * (the account store's `getMfa(userId)?.enabledAt`). Then the component offers to turn it off.
   * @default false
   */
  enabled?: boolean
  /** Called once two-factor is on and the user confirmed that the recovery codes are saved. */
  onEnabled?: () => void
  /** Called once two-factor is off. */
  onDisabled?: () => void
}

/**
 * Turns two-factor authentication (TOTP) on and off for the signed-in user, through
 * `createAccounts({ mfa })`'s endpoints:
 *
 * 1. "Set up" posts to `mfa/setup`, then shows the QR code (drawn on the server; an image with
 *    a text alternative), the setup key to type in instead (grouped by four, selected whole
 *    with one click), and a field for the app's code (`autocomplete="one-time-code"`, numeric
 *    keyboard).
 * 2. "Turn on" posts the code to `mfa/enable`; the ten recovery codes are shown once, to copy
 *    or download, and "Done" stays disabled until the user confirms that they saved them.
 * 3. With two-factor on, the user's password turns it off (`mfa/disable`).
 *
 * Strings come from `messages.mfa` (and the account forms' `messages.accounts`); `data-state`
 * is `off`, `scan`, `codes` or `on`, and each step's first sentence takes focus.
 *
 * @example
 * ```tsx
 * // pages/account.tsx, with `mfaEnabled` read on the server from the account store
 * <MfaSetup enabled={mfaEnabled} onEnabled={() => router.replace(router.asPath)} />
 * ```
 */
export function MfaSetup({ enabled = false, onEnabled, onDisabled, ...props }: MfaSetupProps) {
  const k = useKit("mfa-setup", MfaSetup, props)
  const { part } = k
  const id = useId()
  const t = { ...enMfa, ...k.m.mfa }
  const setup = useAccountAction("mfa/setup", MfaSetup)
  const enable = useAccountAction("mfa/enable", MfaSetup)
  const disable = useAccountAction("mfa/disable", MfaSetup)
  const [on, setOn] = useState(enabled)
  // Once set, the step's lead says what just happened (two-factor turned off).
  const [changed, setChanged] = useState(false)
  const [saved, setSaved] = useState(false)
  // Set up elsewhere meanwhile (`mfa_enabled`): say so, and offer to turn it off.
  const state = on || setup.error?.code === "mfa_enabled" ? "on" : enable.status === "success" ? "codes" : setup.status === "success" ? "scan" : "off"
  // Each step's first words take focus once the user moved on from the first step; never on load.
  const first = useRef(state)
  const moved = useRef(false)
  if (state !== first.current) moved.current = true
  const lead = (text: ReactNode) =>
    moved.current ? <Notice part={part}>{text}</Notice> : <p {...part("status", "nak:kit-lead")}>{text}</p>
  const secret = String(setup.data?.secret ?? "")
  const codes = (enable.data?.recoveryCodes as string[] | undefined) ?? []
  const restart = () => {
    setup.set(null)
    enable.set(null)
    disable.set(null)
    setSaved(false)
  }
  const button = (variant: "primary" | "secondary", wide = true) =>
    buttonClasses(variant, wide ? "nak:kit-pad nak:w-full" : "nak:kit-pad-sm")

  return (
    <Root k={k} state={state} heading={t.title} props={props}>
      {state === "off" ? (
        <>
          {lead(changed ? `${t.off} ${t.offBody}` : t.offBody)}
          <AccountFormUnit k={k} action={setup} fields={[]} submit={t.start} />
        </>
      ) : state === "scan" ? (
        <>
          {lead(enable.error?.code === "mfa_setup_required" ? t.restart : t.scan)}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(String(setup.data?.qrSvg ?? ""))}`}
            alt={t.qrAlt}
            width={176}
            height={176}
            {...part("qr", "nak:kit-qr")}
          />
          <div {...part("key", "nak:kit-row")}>
            <span id={`${id}-key`} {...part("label", "nak:kit-label")}>
              {t.keyLabel}
            </span>
            {/* Selected whole with one click (user-select: all), to copy into the app. */}
            <code aria-labelledby={`${id}-key`} {...part("key-value", "nak:kit-code")}>
              {secret.replace(/(.{4})(?=.)/g, "$1 ")}
            </code>
          </div>
          {enable.error?.code === "mfa_setup_required" ? (
            <button type="button" onClick={restart} {...part("submit", button("secondary"))}>
              {t.start}
            </button>
          ) : (
            <AccountFormUnit k={k} action={enable} fields={[["code", "code", t.codeLabel]]} submit={t.enable} />
          )}
        </>
      ) : state === "codes" ? (
        <>
          {lead(
            <>
              <strong {...part("codes-title", "nak:kit-heading")}>{t.codesTitle}</strong>
              {t.codesBody}
            </>,
          )}
          <ul aria-label={t.codesTitle} {...part("codes", "nak:kit-codes")}>
            {codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
          <div {...part("footer", "nak:kit-row")}>
            <Copy text={codes.join("\n")} label={t.copy} done={t.copied} className={button("secondary", false)} part={part} />
            <a
              href={`data:text/plain;charset=utf-8,${encodeURIComponent(`${t.codesTitle}\n\n${codes.join("\n")}\n`)}`}
              download="recovery-codes.txt"
              {...part("download", button("secondary", false))}
            >
              {t.download}
            </a>
          </div>
          <div {...part("field", "nak:kit-row")}>
            <input id={`${id}-saved`} type="checkbox" checked={saved} onChange={() => setSaved(!saved)} {...part("checkbox", "nak:kit-mark")} />
            <label htmlFor={`${id}-saved`} {...part("label", "nak:kit-label")}>
              {t.saved}
            </label>
          </div>
          <button
            type="button"
            disabled={!saved}
            onClick={() => {
              setOn(true)
              onEnabled?.()
            }}
            {...part("submit", button("primary"))}
          >
            {t.done}
          </button>
        </>
      ) : (
        <>
          {lead(`${setup.error ? t.alreadyOn : t.on} ${t.disableBody}`)}
          <AccountFormUnit
            k={k}
            action={disable}
            fields={[["password", "current", k.m.loginForm.passwordLabel]]}
            submit={t.disable}
            onSent={() => {
              restart()
              setOn(false)
              setChanged(true)
              onDisabled?.()
            }}
          />
        </>
      )}
    </Root>
  )
}

/** Copies `text`; says "Copied" once it did. */
function Copy({ text, label, done, className, part }: { text: string; label: string; done: string; className: string; part: ReturnType<typeof useKit>["part"] }) {
  const [copied, setCopied] = useState(false)
  return (
    <button type="button" onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))} {...part("copy", className)}>
      <span aria-live="polite">{copied ? done : label}</span>
    </button>
  )
}
