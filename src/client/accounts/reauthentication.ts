import { createContext } from "react"

/**
 * Asks the user to prove it's them again (the re-authentication prompt): resolves `true` once
 * the session is fresh, `false` when the user gave up.
 */
export type ReauthenticationPrompt = () => Promise<boolean>

/**
 * The prompt that the account forms and cards inside `AccountSettingsRoot` use when an action
 * answers 403 `reauthentication_required`: they ask, then run the action once more. Outside it
 * (`null`), they say to sign in again.
 */
export const ReauthenticationContext = /* @__PURE__ */ createContext<ReauthenticationPrompt | null>(null)
