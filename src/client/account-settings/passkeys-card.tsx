import { useEffect, useId, useState } from "react"
import type { PasskeyListItem } from "../../core/accounts/features/passkeys"
import { MAX_NAME_LENGTH } from "../../core/account-rules"
import { type AccountCardProps, CardMessage, CardRoot, useAccountCard, When } from "../account-cards/card"
import { AccountFormTitle } from "../accounts/parts"
import { buttonClasses, inputClasses } from "../lib/styles"
import { format } from "../messages"
import { passkeysSupported, registerPasskey } from "../passkeys/webauthn"
import { useAccountSettings } from "./account-settings-context"
import { enAccountSettings } from "./messages"

/** One of the user's passkeys, as `GET ${accountPath}/passkeys` lists it. */
export type AccountPasskey = PasskeyListItem

/** Props of {@link AccountSettingsPasskeys}. */
export type AccountSettingsPasskeysProps = AccountCardProps

/**
 * The passkeys card: the user's passkeys (`GET ${accountPath}/passkeys`), each with its name,
 * when it was added and last used, and "Synced" when its provider backs it up; "Add a passkey"
 * (the browser creates one; a sensitive action: inside `AccountSettingsRoot` the
 * re-authentication prompt opens first when needed, then it goes on), "Rename" (an inline
 * form) and "Remove" (refused, and said so, for the account's last way to sign in). In a
 * browser without WebAuthn it says so instead of offering to add one; renaming and removing
 * still work. Nothing is shown when the server has passkeys off (`passkeys` answers 404).
 * Works alone or inside `AccountSettingsRoot`.
 *
 * @example
 * ```tsx
 * <AccountSettingsPasskeys titleAs="h3" />
 * ```
 */
export function AccountSettingsPasskeys(props: AccountSettingsPasskeysProps) {
  const shell = useAccountCard<{ passkeys: AccountPasskey[] }>("passkeys-card", AccountSettingsPasskeys, "passkeys", props)
  const { part, m, t, pending, act, status, k } = shell
  const s = { ...enAccountSettings, ...m.accountSettings }
  const settings = useAccountSettings()
  // Known after hydration only: the server cannot tell, and both renders must agree.
  const [supported, setSupported] = useState<boolean | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const inputId = useId()
  useEffect(() => setSupported(passkeysSupported()), [])
  // 404: the server has passkeys off (no `passkeys` option), so there is nothing to offer.
  if (status === "error" && shell.error?.code === "not_found") return null
  const passkeys = shell.data?.passkeys ?? []
  const changed = () => void settings?.reload()
  const refused = (code: string) =>
    ({
      passkey_cancelled: s.passkeyCancelled,
      passkey_exists: s.passkeyExists,
      passkey_unsupported: s.passkeysUnsupported,
      passkey_failed: s.passkeyFailed,
      passkey_invalid: s.passkeyFailed,
      last_sign_in_method: s.passkeyLastMethod,
    })[code]
  const add = async () => {
    await act("add", () => registerPasskey(k.config), {}, s.passkeyAdded, refused)
    changed()
  }
  const remove = async (passkey: AccountPasskey) => {
    await act(`remove:${passkey.id}`, "passkeys/remove", { id: passkey.id }, format(s.passkeyRemoved, { name: passkey.name }), refused)
    changed()
  }
  return (
    <CardRoot shell={shell as never} heading={s.passkeysTitle} props={props}>
      {props.children ?? (
        <>
          <AccountFormTitle />
          <p {...part("details", "nak:kit-muted nak:m-0")}>{supported === false ? s.passkeysUnsupported : s.passkeysIntro}</p>
          <CardMessage shell={shell as never} loading={s.passkeysLoading} props={{}} />
          {status === "ready" ? (
            passkeys.length === 0 ? (
              <p {...part("empty", "nak:kit-muted")}>{s.passkeysEmpty}</p>
            ) : (
              <ul {...part("list", "nak:m-0 nak:grid nak:list-none nak:gap-3 nak:p-0")}>
                {passkeys.map((passkey) => (
                  <li key={passkey.id} {...part("item", "nak:grid nak:gap-1 nak:rounded-kit nak:border nak:border-solid nak:border-border nak:p-3")}>
                    {editing === passkey.id ? (
                      <form
                        {...part("form", "nak:grid nak:gap-2")}
                        onSubmit={(event) => {
                          event.preventDefault()
                          const name = String(new FormData(event.currentTarget).get("name") ?? "").trim()
                          setEditing(null)
                          if (name && name !== passkey.name) void act(`rename:${passkey.id}`, "passkeys/rename", { id: passkey.id, name }, format(s.passkeyRenamed, { name }), refused)
                        }}
                      >
                        <label htmlFor={inputId} className="nak:kit-label">
                          {s.passkeyNameLabel}
                        </label>
                        <input
                          id={inputId}
                          name="name"
                          required
                          maxLength={MAX_NAME_LENGTH}
                          defaultValue={passkey.name}
                          autoFocus
                          {...part("input", inputClasses)}
                        />
                        <span className="nak:kit-row">
                          <button type="submit" {...part("action", buttonClasses("primary", "nak:kit-pad-sm"))}>
                            {s.passkeySave}
                          </button>
                          <button type="button" onClick={() => setEditing(null)} {...part("action", buttonClasses("secondary", "nak:kit-pad-sm"))}>
                            {s.cancel}
                          </button>
                        </span>
                      </form>
                    ) : (
                      <>
                        <span {...part("name", "nak:kit-row nak:text-sm nak:font-medium")}>
                          {passkey.name}
                          {passkey.backedUp ? <span {...part("badge", "nak:rounded-full nak:bg-muted nak:px-2 nak:text-xs nak:font-medium")}>{s.passkeySynced}</span> : null}
                        </span>
                        <span {...part("details", "nak:kit-hint nak:flex nak:flex-wrap nak:gap-x-3")}>
                          <When at={passkey.createdAt} template={s.passkeyCreated} locale={m.locale} />
                          {passkey.lastUsedAt ? <When at={passkey.lastUsedAt} template={s.passkeyLastUsed} locale={m.locale} /> : <span>{s.passkeyNeverUsed}</span>}
                        </span>
                        <span className="nak:kit-row">
                          <button
                            type="button"
                            aria-label={format(s.passkeyRenameLabel, { name: passkey.name })}
                            disabled={pending !== null}
                            onClick={() => setEditing(passkey.id)}
                            {...part("action", buttonClasses("secondary", "nak:kit-pad-sm"))}
                          >
                            {s.passkeyRename}
                          </button>
                          <button
                            type="button"
                            aria-label={format(s.passkeyRemoveLabel, { name: passkey.name })}
                            disabled={pending !== null}
                            aria-busy={pending === `remove:${passkey.id}` || undefined}
                            onClick={() => void remove(passkey)}
                            {...part("action", buttonClasses("secondary", "nak:kit-pad-sm"))}
                          >
                            {s.passkeyRemove}
                          </button>
                        </span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )
          ) : null}
          {supported ? (
            <button type="button" disabled={pending !== null} aria-busy={pending === "add" || undefined} onClick={() => void add()} {...part("footer", buttonClasses("primary", "nak:kit-pad nak:w-full"))}>
              {s.addPasskey}
            </button>
          ) : null}
        </>
      )}
    </CardRoot>
  )
}
