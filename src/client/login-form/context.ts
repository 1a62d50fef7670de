import type { Messages } from "../messages"
import { type Consumer, createKitContext } from "../primitives/context"
import type { Part } from "../primitives/part"
import type { SignInState } from "./use-sign-in"

/** A sign-in option, as `getProviders()` returns them. */
export interface LoginProvider {
  id: string
  name: string
  type: "oauth" | "email" | "credentials" | string
}

/**
 * The styled parts of the login form, for `classNames` on {@link LoginForm} and
 * {@link LoginFormRoot}. Each is also the element's `data-slot`, as `login-form-<slot>`
 * (the root is `login-form`).
 */
export type LoginFormSlot =
  | "root"
  | "title"
  | "error"
  | "resend"
  | "resent"
  | "skeleton"
  | "skeleton-item"
  | "empty"
  | "form"
  | "field"
  | "label"
  | "input"
  | "password"
  | "password-toggle"
  // A field's hint and error (LoginFormField's `hint` and `error`).
  | "hint"
  | "field-error"
  | "submit"
  // "Sign in with a passkey" (LoginFormPasskey) and why its prompt failed.
  | "passkey"
  | "passkey-error"
  | "divider"
  | "divider-line"
  | "oauth"
  | "oauth-button"
  | "oauth-mark"
  | "check-inbox"
  | "check-inbox-status"
  | "check-inbox-title"
  | "check-inbox-body"
  | "use-another-email"
  | "footer"
  | "link"
  // Two-factor's second step (LoginFormCode): its sentence, the row under it, the switch
  // between the app's code and a recovery code, and "Back".
  | "code-step"
  | "code-actions"
  | "code-switch"
  | "back"

/**
 * What the login form's parts share: the {@link useSignIn} state and actions, the providers
 * sorted by kind, the strings, and the styling helpers. Read it with {@link useLoginForm} to
 * build a part of your own.
 */
export interface LoginFormContextValue extends SignInState {
  /** A `useId()` base for the form's element ids. */
  id: string
  /** The sign-in options; `null` while they load. */
  providers: LoginProvider[] | null
  /** The first credentials provider, if any. */
  credentialsProvider: LoginProvider | undefined
  /** The first email provider, if any. */
  emailProvider: LoginProvider | undefined
  /** The OAuth providers, in order. */
  oauthProviders: LoginProvider[]
  /** What the credentials form asks for. */
  identifier: "email" | "username"
  /** The heading level of the title and the "check your inbox" heading. */
  titleAs: "h1" | "h2" | "h3"
  /** The strings, with the provider's and the form's overrides applied. */
  messages: Messages
  /** `messages.loginForm`. */
  t: Messages["loginForm"]
  /** Whether the kit's own classes are dropped. */
  unstyled: boolean | undefined
  /**
   * The attributes of a part: `data-slot="login-form-<slot>"`, then `props`, then the classes:
   * the kit's (unless `unstyled`), `classNames[slot]` from the root, and `props.className`
   * last, so that it wins.
   * @example
   * ```tsx
   * <div {...part("field", "nak:grid nak:gap-1.5", props)} />
   * ```
   */
  part: Part<LoginFormSlot>
}

// Pure and not destructured, so that an app that imports only the gates drops it.
export const loginFormContext = /* @__PURE__ */ createKitContext<LoginFormContextValue>("LoginFormRoot")

/**
 * The login form's shared state, for a part of your own inside {@link LoginFormRoot}: the
 * sign-in state (`pending`, `error`, `sentTo`), its actions, the providers and the strings.
 *
 * @param consumer your component (or its name), for the error when it is used outside `LoginFormRoot`
 * @example
 * ```tsx
 * function RememberMe() {
 *   const { pending } = useLoginForm(RememberMe)
 *   return <label><input type="checkbox" name="remember" disabled={pending !== null} /> Remember me</label>
 * }
 * ```
 */
export function useLoginForm(consumer: Consumer = useLoginForm): LoginFormContextValue {
  return loginFormContext[1](consumer)
}
