import { createContext, useContext } from "react"
import type { AccountSettingsState } from "../../core/accounts/features/settings"
import type { ReauthenticationPrompt } from "../accounts/reauthentication"

/**
 * What the cards inside `AccountSettingsRoot` share: the account's settings (`GET
 * ${accountPath}/settings`) and the re-authentication prompt.
 */
export interface AccountSettingsContextValue {
  /** `loading` until the first answer, then `ready` or `error`. */
  status: "loading" | "ready" | "error"
  /** The user and what the account has (a password, two-factor), once loaded. */
  account: AccountSettingsState | null
  /** Loads the settings again (after a card changed them). */
  reload: () => Promise<void>
  /** Opens the re-authentication prompt; resolves whether the user confirmed. */
  reauthenticate: ReauthenticationPrompt
}

export const AccountSettingsContext = /* @__PURE__ */ createContext<AccountSettingsContextValue | null>(null)

/**
 * The shared state of `AccountSettingsRoot`, for a card of your own inside it; `null`
 * outside it (each of the kit's cards also works alone).
 *
 * @example
 * ```tsx
 * function TwoFactorBadge() {
 *   const settings = useAccountSettings()
 *   return settings?.account?.twoFactor ? <span>2FA on</span> : null
 * }
 * ```
 */
export function useAccountSettings(): AccountSettingsContextValue | null {
  return useContext(AccountSettingsContext)
}
