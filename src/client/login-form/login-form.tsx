import type { ReactNode } from "react"
import { useSettings } from "../auth-provider/auth-provider"
import type { ProviderMarks } from "./marks"
import {
  LoginFormAccountLinks,
  LoginFormCheckInbox,
  LoginFormCredentials,
  LoginFormDivider,
  LoginFormEmailLink,
  LoginFormEmpty,
  LoginFormError,
  LoginFormFooter,
  LoginFormOAuthButtons,
  type LoginFormOptions,
  LoginFormPasskey,
  LoginFormRoot,
  LoginFormSkeleton,
  LoginFormTitle,
} from "./parts"

export type { LoginFormSlot, LoginProvider } from "./context"

/** Props of {@link LoginForm}. */
export interface LoginFormProps extends LoginFormOptions {
  /** The heading; `false` for none. @default messages.loginForm.title */
  title?: ReactNode | false
  /**
   * Provider marks for the OAuth buttons: `providerMarks` (opt-in: apps that do not pass it do
   * not ship the SVGs) or your own, by provider id.
   */
  marks?: ProviderMarks
  /**
   * Links under the form, e.g. `LoginFormLink`s of your own.
   * @default "Forgot password?" and "Create account" to `config.accounts.pages`, when set
   */
  footer?: ReactNode
}

/**
 * A complete sign-in form: credentials, OAuth buttons and an email link, as the providers
 * configure, and "Sign in with a passkey" (with the browser's passkey autofill) where passkeys
 * are on (`config.accounts.passkeys`). It signs in with `signIn(…, { redirect: false })`, shows next-auth's errors (and a
 * `?error=` in the URL) as plain sentences in a live region without ever saying whether an
 * account exists, blocks double submits, and then sends the user to the sanitised
 * `callbackUrl`.
 *
 * It is the ready-made assembly of the `LoginForm*` parts; to reorder them, add fields or
 * links, build your own from {@link LoginFormRoot} and the parts.
 *
 * @example
 * ```tsx
 * // pages/login.tsx
 * export default function Login() {
 *   return <LoginForm />
 * }
 * <LoginForm providers={await getProviders()} callbackUrl="/dashboard" identifier="username" />
 * <LoginForm marks={providerMarks} footer={<LoginFormLink href="/forgot-password">Forgot password?</LoginFormLink>} />
 * ```
 */
export function LoginForm({ title, marks, footer, ...options }: LoginFormProps) {
  // Named here, so that the error outside AuthProvider names the component the app used.
  useSettings(LoginForm)
  return (
    <LoginFormRoot {...options}>
      {title === false ? null : <LoginFormTitle>{title}</LoginFormTitle>}
      <LoginFormError />
      <LoginFormSkeleton />
      <LoginFormEmpty />
      <LoginFormCredentials />
      <LoginFormPasskey />
      <LoginFormDivider />
      <LoginFormOAuthButtons marks={marks} />
      <LoginFormEmailLink />
      <LoginFormCheckInbox />
      {footer ? <LoginFormFooter>{footer}</LoginFormFooter> : <LoginFormAccountLinks />}
    </LoginFormRoot>
  )
}
