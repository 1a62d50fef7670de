import { useSession } from "next-auth/react"
import { type ComponentPropsWithoutRef, type ReactNode, useEffect, useMemo, useRef, useState } from "react"
import type { AccountSettingsState, ProfileUser } from "../../core/accounts/features/settings"
import type { AccountCardProviders } from "../account-cards/card"
import { LinkedAccountsCard } from "../account-cards/linked-accounts-card"
import { SessionsCard } from "../account-cards/sessions-card"
import { useAuthState } from "../auth-provider/auth-provider"
import { ChangePasswordForm, type ChangePasswordFormProps, root } from "../accounts/forms"
import { type AccountFormProps, type FieldSpec, type Kit, Root, useKit } from "../accounts/parts"
import { ReauthenticationContext } from "../accounts/reauthentication"
import { requestAccount } from "../accounts/use-account-action"
import { buttonClasses } from "../lib/styles"
import { format, type MessagesOverride } from "../messages"
import { MfaSetup, type MfaSetupProps } from "../mfa/mfa-setup"
import { parts } from "../primitives/part"
import { useSignOut } from "../sign-out-button/use-sign-out"
import { AccountSettingsContext, type AccountSettingsContextValue, useAccountSettings } from "./account-settings-context"
import { type AccountSettingsMessages, enAccountSettings } from "./messages"
import { AccountSettingsPasskeys } from "./passkeys-card"
import { ReauthenticateDialog } from "./reauthenticate-dialog"

export { type AccountSettingsContextValue, useAccountSettings }

/** `messages.accountSettings`, English filled in. */
const stringsOf = (k: Pick<Kit, "m">): AccountSettingsMessages => ({ ...enAccountSettings, ...k.m.accountSettings })

/** The signed-in user as the cards show it: the settings' answer inside the root, else the session's. */
function useProfile(): ProfileUser | null {
  const settings = useAccountSettings()
  const auth = useAuthState("AccountSettings")
  if (settings?.account) return settings.account.user
  const user = auth.session?.user
  return user?.email ? { email: user.email, name: user.name ?? null, image: user.image ?? null } : null
}

/** Props of {@link AccountSettingsProfile}. */
export interface AccountSettingsProfileProps extends AccountFormProps {
  /** Called once the profile is saved. */
  onSuccess?: () => void
}

/**
 * The profile card: the user's name and picture (an `https:` URL), posted to
 * `${accountPath}/profile`; then next-auth's `update()` refreshes the session, so `UserButton`
 * and `useAuth()` show the change. The form stays, its result announced above it. Works alone
 * (with the session's name and picture) or inside {@link AccountSettingsRoot}.
 *
 * @example
 * ```tsx
 * <AccountSettingsProfile titleAs="h3" onSuccess={() => toast("Saved")} />
 * ```
 */
export const AccountSettingsProfile: (props: AccountSettingsProfileProps) => ReactNode = /* @__PURE__ */ root("profile-card", "AccountSettingsProfile", "profile", (k, _, { onSuccess }) => {
  const s = stringsOf(k)
  const user = useProfile()
  const settings = useAccountSettings()
  const { update } = useSession() ?? {}
  const fields: FieldSpec[] = user
    ? [
        ["name", "name", k.t.nameLabel, { value: user.name ?? "" }],
        ["image", "url", s.imageLabel, { value: user.image ?? "", hint: s.imageHint }],
      ]
    : []
  return {
    heading: s.profileTitle,
    fields,
    submit: s.saveProfile,
    persistent: true,
    done: () => s.profileSaved,
    onSent: () => {
      // next-auth ≥ 4.22: the session re-reads the profile (the kit's jwt callback on "update").
      void update?.()
      void settings?.reload()
      ;(onSuccess as (() => void) | undefined)?.()
    },
  }
})

/** Props of {@link AccountSettingsEmail}. */
export interface AccountSettingsEmailProps extends AccountFormProps {
  /** Called with the new address once the link is on its way. */
  onSuccess?: (email: string) => void
}

/**
 * The email card: the address the user signs in with, and a field for a new one, posted to
 * `${accountPath}/change-email` (a sensitive action: inside {@link AccountSettingsRoot}, the
 * re-authentication prompt opens when needed). The new address gets a link whose button
 * confirms the change; the card says so, the same whether or not the address is taken.
 *
 * @example
 * ```tsx
 * <AccountSettingsEmail titleAs="h3" />
 * ```
 */
export const AccountSettingsEmail: (props: AccountSettingsEmailProps) => ReactNode = /* @__PURE__ */ root("email-card", "AccountSettingsEmail", "change-email", (k) => {
  const s = stringsOf(k)
  const user = useProfile()
  return {
    heading: s.emailTitle,
    fields: [["email", "email", s.newEmailLabel, { hint: user ? format(s.currentEmail, { email: user.email }) : undefined, errors: { unchanged: s.sameEmail } }]],
    submit: s.changeEmail,
    persistent: true,
    done: (values) => format(s.emailSent, { email: values.email!.trim() }),
  }
})

/**
 * The password card: `ChangePasswordForm`. Inside {@link AccountSettingsRoot}, for an account
 * without a password (made through a provider), it says so instead and links to the
 * forgot-password page, whose link sets one.
 *
 * @example
 * ```tsx
 * <AccountSettingsPassword titleAs="h3" />
 * ```
 */
export function AccountSettingsPassword(props: ChangePasswordFormProps) {
  const settings = useAccountSettings()
  const k = useKit("password-card", AccountSettingsPassword, props)
  // Inside the root, shown once it is known whether the account has a password.
  if (settings && !settings.account) return null
  if (settings?.account?.password !== false) return <ChangePasswordForm {...props} />
  const s = stringsOf(k)
  return (
    <Root k={k} state="none" heading={k.t.changeTitle} props={props}>
      <p {...k.part("status", "nak:kit-muted")}>{s.noPassword}</p>
      {k.link(k.config.accounts?.pages?.forgotPassword, s.setPassword)}
    </Root>
  )
}

/**
 * The two-factor card: `MfaSetup`. Inside {@link AccountSettingsRoot} it knows whether two-factor
 * is on (from the settings), so `enabled` need not be given; alone, pass it.
 *
 * @example
 * ```tsx
 * <AccountSettingsTwoFactor titleAs="h3" />
 * ```
 */
export function AccountSettingsTwoFactor({ onEnabled, onDisabled, ...props }: MfaSetupProps) {
  const settings = useAccountSettings()
  if (settings && !settings.account) return null
  const enabled = props.enabled ?? settings?.account?.twoFactor
  const changed = (then?: () => void) => () => {
    void settings?.reload()
    then?.()
  }
  return <MfaSetup {...props} enabled={enabled} onEnabled={changed(onEnabled)} onDisabled={changed(onDisabled)} />
}

/** Props of {@link AccountSettingsDelete}. */
export interface AccountSettingsDeleteProps extends AccountFormProps {
  /** Where to go once the account is deleted and the browser signed out. @default "/" */
  redirectTo?: string
}

/**
 * The delete-account card: what deleting does, a field where the user types the confirmation
 * phrase ("delete my account", in the language's words; checked before anything is sent), and
 * a destructive button that posts to `${accountPath}/delete-account` (a sensitive action: inside
 * {@link AccountSettingsRoot}, the re-authentication prompt opens when needed). Then the
 * browser signs out and goes to `redirectTo`.
 *
 * @example
 * ```tsx
 * <AccountSettingsDelete titleAs="h3" redirectTo="/goodbye" />
 * ```
 */
export const AccountSettingsDelete: (props: AccountSettingsDeleteProps) => ReactNode = /* @__PURE__ */ root("delete-account-card", "AccountSettingsDelete", "delete-account", (k, _, { redirectTo }) => {
  const s = stringsOf(k)
  const { signOutNow } = useSignOut(AccountSettingsDelete)
  return {
    heading: s.deleteTitle,
    fields: [["confirm", "phrase", format(s.deleteLabel, { phrase: s.deletePhrase }), { phrase: s.deletePhrase, errors: { mismatch: s.deleteMismatch }, hint: s.deleteBody }]],
    submit: s.deleteSubmit,
    danger: true,
    onSent: () => void signOutNow(redirectTo ?? "/"),
  }
})

/** The parts of {@link AccountSettings}, for `classNames`; each is also its `data-slot` (`account-settings-status`). */
export type AccountSettingsSlot = "root" | "status" | "error" | "retry"

/** Props of {@link AccountSettings} and {@link AccountSettingsRoot}; other `<div>` attributes go to the root. */
export interface AccountSettingsProps extends ComponentPropsWithoutRef<"div"> {
  /** The cards' heading level. @default "h2" */
  titleAs?: "h1" | "h2" | "h3"
  /** Replaces some strings for every card (`messages.accountSettings`, `messages.accounts`, …). */
  messages?: MessagesOverride
  /** Drop the kit's own classes, in every card too. @default false */
  unstyled?: boolean
  /** Classes by part, merged after the kit's; `className` styles the root. */
  classNames?: Partial<Record<AccountSettingsSlot, string>>
  /** The app's sign-in options, for the sessions' and linked accounts' cards; else `getProviders()`. */
  providers?: AccountCardProviders
  /** Where to go once the account is deleted. @default "/" */
  afterDeleteUrl?: string
  /** The cards; without children, every card of the kit in order. */
  children?: ReactNode
}

/**
 * The root of the account settings: loads what the account has (`GET ${accountPath}/settings`)
 * and shares it with the cards inside it, and holds the re-authentication prompt (a Radix
 * Dialog asking for the password, or a code from the authenticator app): when a card's action
 * answers 403 `reauthentication_required`, the prompt opens, and once the user confirmed, the
 * action runs again by itself. Without children it renders every card (it is
 * `AccountSettings`): {@link AccountSettingsProfile}, {@link AccountSettingsEmail},
 * {@link AccountSettingsPassword}, {@link AccountSettingsTwoFactor}, `AccountSettingsPasskeys`, `SessionsCard`,
 * `LinkedAccountsCard` and {@link AccountSettingsDelete}; with children, the ones you choose, in
 * any order, with your own.
 *
 * @example
 * ```tsx
 * <AccountSettingsRoot titleAs="h3">
 *   <AccountSettingsProfile />
 *   <AccountSettingsPassword />
 *   <SessionsCard />
 * </AccountSettingsRoot>
 * ```
 */
export function AccountSettingsRoot({ titleAs, messages, unstyled, classNames, providers, afterDeleteUrl, children, ...props }: AccountSettingsProps) {
  const k = useKit("account-settings", AccountSettingsRoot, { messages, unstyled })
  const s = stringsOf(k)
  const part = parts<AccountSettingsSlot>("account-settings", unstyled, classNames)
  const [loaded, setLoaded] = useState<{ status: AccountSettingsContextValue["status"]; account: AccountSettingsState | null }>({ status: "loading", account: null })
  // The prompt's answer, while it is open.
  const [asking, setAsking] = useState<((confirmed: boolean) => void) | null>(null)
  const live = useRef(true)
  const config = k.config
  const value = useMemo<AccountSettingsContextValue>(() => {
    const reload = async () => {
      const answer = await requestAccount(config, "settings")
      if (live.current) setLoaded(answer.ok ? { status: "ready", account: answer.data as unknown as AccountSettingsState } : { status: "error", account: null })
    }
    return { ...loaded, reload, reauthenticate: () => new Promise<boolean>((resolve) => setAsking(() => resolve)) }
  }, [loaded, config])
  useEffect(() => {
    live.current = true
    void value.reload()
    return () => {
      live.current = false
    }
  }, [])
  const shared = { titleAs, messages, unstyled }
  const cards = { ...shared, providers }
  return (
    <AccountSettingsContext.Provider value={value}>
      <ReauthenticationContext.Provider value={value.reauthenticate}>
        <div data-state={loaded.status} {...part("root", "nak:grid nak:w-full nak:max-w-sm nak:gap-10 nak:font-kit nak:text-foreground", props)}>
          <div role="status" {...part("status", "nak:kit-muted nak:empty:hidden")}>
            {loaded.status === "loading" ? s.loading : null}
          </div>
          {loaded.status === "error" ? (
            <div role="alert" {...part("error", "nak:kit-alert nak:grid nak:justify-items-start nak:gap-2")}>
              <p className="nak:m-0">{s.loadError}</p>
              <button type="button" onClick={() => void value.reload()} {...part("retry", buttonClasses("secondary", "nak:kit-pad-sm"))}>
                {k.m.accountCards?.retry ?? "Try again"}
              </button>
            </div>
          ) : null}
          {children ?? (
            <>
              <AccountSettingsProfile {...shared} />
              <AccountSettingsEmail {...shared} />
              <AccountSettingsPassword {...shared} />
              <AccountSettingsTwoFactor {...shared} />
              <AccountSettingsPasskeys {...shared} />
              <SessionsCard {...cards} />
              <LinkedAccountsCard {...cards} />
              <AccountSettingsDelete {...shared} redirectTo={afterDeleteUrl} />
            </>
          )}
        </div>
      </ReauthenticationContext.Provider>
      <ReauthenticateDialog
        open={asking !== null}
        account={loaded.account}
        messages={messages}
        unstyled={unstyled}
        onDone={(confirmed) => {
          asking?.(confirmed)
          setAsking(null)
        }}
      />
    </AccountSettingsContext.Provider>
  )
}

/**
 * The signed-in user's account settings, one card each: profile (name, picture), email address
 * (changed through a link to the new one), password, two-factor authentication, passkeys, where the user
 * is signed in, linked accounts, and deleting the account (after typing a confirmation phrase).
 * A sensitive action after a sign-in long ago opens a re-authentication prompt (password or
 * code) and continues once the user confirmed. It is {@link AccountSettingsRoot} with every card.
 *
 * @example
 * ```tsx
 * // pages/account.tsx
 * export const getServerSideProps = requireSession()
 * export default function Account() {
 *   return <AccountSettings titleAs="h2" afterDeleteUrl="/goodbye" />
 * }
 * ```
 */
export const AccountSettings = AccountSettingsRoot
