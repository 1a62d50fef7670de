import { useEffect, useRef, useState } from "react"
import { loginUrl } from "../../core/login-url"
import { useAuthState } from "../auth-provider/auth-provider"
import { format } from "../messages"
import {
  AccountFields,
  AccountForm,
  type AccountFormProps,
  type FieldSpec,
  type Kit,
  type NewPasswordProps,
  Notice,
  Root,
  summary,
  useKit,
  useFromUrl,
} from "./parts"
import { useAccountAction } from "./use-account-action"

// The five account forms, in one module (one set of imports in the bundle), built from the
// internals in ./parts.

/** Props of {@link SignUpForm}. */
export interface SignUpFormProps extends AccountFormProps, NewPasswordProps {
  /** Ask for a name (optional, `autocomplete="name"`). @default true */
  askName?: boolean
  /** Called with the address once the server took the sign-up (202). */
  onSuccess?: (email: string) => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`); else the form says "we sent an email". */
  redirectTo?: string
}

/**
 * Creates a credentials account: name (optional), email and a new password with its rules
 * shown, checked before posting `{ email, password, name? }` to `${accountPath}/signup`. Then it
 * says that an email is on its way, the same for a taken address (whose owner is told by
 * email): it never reveals whether an account exists. Links to the login page.
 *
 * @example
 * ```tsx
 * // pages/signup.tsx
 * export default function SignUp() {
 *   return <SignUpForm titleAs="h1" />
 * }
 * ```
 */
export function SignUpForm({ askName = true, onSuccess, redirectTo, minPasswordLength, maxPasswordLength, ...props }: SignUpFormProps) {
  const k = useKit("sign-up-form", "SignUpForm", props)
  const { m, t } = k
  return (
    <AccountForm
      k={k}
      action={useAccountAction("signup", "SignUpForm")}
      props={props}
      heading={m.loginForm.createAccount}
      fields={[
        ...(askName ? [["name", "name", t.nameLabel] satisfies FieldSpec] : []),
        ["email", "email", m.loginForm.emailLabel],
        ["password", "new", m.loginForm.passwordLabel],
      ]}
      min={minPasswordLength}
      max={maxPasswordLength}
      submit={m.loginForm.createAccount}
      done={(values) => format(t.signUpDone, { email: values.email!.trim() })}
      footer={k.link(k.config.loginPath, m.loginForm.submit)}
      onSuccess={(values) => onSuccess?.(values.email!.trim())}
      redirectTo={redirectTo}
    />
  )
}

/** Props of {@link VerifyEmail}. */
export interface VerifyEmailProps extends AccountFormProps {
  /** The verification link's token. @default the page's `?token=` */
  token?: string
  /** Called once the address is confirmed. */
  onSuccess?: () => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`), e.g. the login page. */
  redirectTo?: string
}

/**
 * The page a verification email links to: posts the token to `${accountPath}/verify-email`
 * once, as soon as it mounts (never twice, even under React's StrictMode), and says how it went
 * in a status region: confirming, confirmed (with a link to sign in), or an unknown, used or
 * expired link, with a field to ask for a new one (`resend-verification`, answered neutrally).
 *
 * @example
 * ```tsx
 * // pages/verify-email.tsx: the email links here with ?token=
 * export default function Verify() {
 *   return <VerifyEmail titleAs="h1" />
 * }
 * ```
 */
export function VerifyEmail({ token: given, onSuccess, redirectTo, ...props }: VerifyEmailProps) {
  const k = useKit("verify-email", "VerifyEmail", props)
  const action = useAccountAction("verify-email", "VerifyEmail")
  const token = useFromUrl("token", given, true)
  // A token is single use: StrictMode's second effect run, or a new render, must not post it again.
  const started = useRef(false)
  useEffect(() => {
    if (!token || started.current) return
    started.current = true
    void action.run({ token }).then((ok) => {
      if (!ok) return
      onSuccess?.()
      if (redirectTo) k.go(redirectTo)
    })
  })
  const { t, m, config, link } = k
  const { status, error } = action
  const invalid = token === "" || error?.code === "invalid_token" || error?.code === "invalid_input"
  return (
    <Root k={k} state={invalid ? "invalid" : status === "idle" ? "pending" : status} heading={t.verifyTitle} props={props}>
      <div role="status" {...k.part("status", "nak:kit-notice")}>
        {invalid ? (
          t.invalidLink
        ) : status === "success" ? (
          <>
            {t.verified}
            {link(config.loginPath, m.loginForm.submit)}
          </>
        ) : error ? (
          summary(m, error)
        ) : (
          t.verifying
        )}
      </div>
      {invalid ? <Resend k={k} /> : null}
    </Root>
  )
}

/** "Send a new link": an address, posted to `resend-verification`, answered neutrally. */
function Resend({ k }: { k: Kit }) {
  const action = useAccountAction("resend-verification", "VerifyEmail")
  return action.status === "success" ? (
    <Notice k={k}>{k.m.loginForm.resent}</Notice>
  ) : (
    <AccountFields k={k} action={action} fields={[["email", "email", k.m.loginForm.emailLabel]]} submit={k.t.resend} onSent={() => {}} />
  )
}

/** Props of {@link ForgotPasswordForm}. */
export interface ForgotPasswordFormProps extends AccountFormProps {
  /** Called with the address once the server took the request (202). */
  onSuccess?: (email: string) => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`). */
  redirectTo?: string
}

/**
 * Asks for a password-reset link: posts `{ email }` to `${accountPath}/forgot-password` and
 * then always says the same neutral sentence, whether or not an account uses the address.
 * Links back to the login page.
 *
 * @example
 * ```tsx
 * // pages/forgot-password.tsx
 * export default function ForgotPassword() {
 *   return <ForgotPasswordForm titleAs="h1" />
 * }
 * ```
 */
export function ForgotPasswordForm({ onSuccess, redirectTo, ...props }: ForgotPasswordFormProps) {
  const k = useKit("forgot-password-form", "ForgotPasswordForm", props)
  const { m, t } = k
  return (
    <AccountForm
      k={k}
      action={useAccountAction("forgot-password", "ForgotPasswordForm")}
      props={props}
      heading={t.forgotTitle}
      fields={[["email", "email", m.loginForm.emailLabel]]}
      submit={t.forgotSubmit}
      done={(values) => format(t.forgotDone, { email: values.email!.trim() })}
      footer={k.link(k.config.loginPath, m.loginForm.submit)}
      onSuccess={(values) => onSuccess?.(values.email!.trim())}
      redirectTo={redirectTo}
    />
  )
}

/** Props of {@link ResetPasswordForm}. */
export interface ResetPasswordFormProps extends AccountFormProps, NewPasswordProps {
  /** The reset link's token. @default the page's `?token=` */
  token?: string
  /** Called once the password is changed. */
  onSuccess?: () => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`), e.g. the login page. */
  redirectTo?: string
}

/**
 * Sets a new password from a reset link: new password (its rules shown) and confirmation,
 * checked before posting `{ token, password }` to `${accountPath}/reset-password`. Then it says
 * that every session ended and links to the login page. An unknown, used or expired link is
 * a clear dead end with a link to ask for a new one (`config.accounts.pages.forgotPassword`).
 *
 * @example
 * ```tsx
 * // pages/reset-password.tsx: the reset email links here with ?token=
 * export default function ResetPassword() {
 *   return <ResetPasswordForm titleAs="h1" />
 * }
 * ```
 */
export function ResetPasswordForm({ token: given, onSuccess, redirectTo, minPasswordLength, maxPasswordLength, ...props }: ResetPasswordFormProps) {
  const k = useKit("reset-password-form", "ResetPasswordForm", props)
  const action = useAccountAction("reset-password", "ResetPasswordForm")
  const token = useFromUrl("token", given, true)
  const { m, t, config, link } = k
  const { error } = action
  return (
    <AccountForm
      k={k}
      action={action}
      props={props}
      heading={t.resetTitle}
      fields={[
        ["password", "new", t.newPasswordLabel],
        ["confirmPassword", "confirm", t.confirmPasswordLabel],
      ]}
      extra={{ token: token ?? "" }}
      min={minPasswordLength}
      max={maxPasswordLength}
      submit={t.resetTitle}
      view={
        (token === "" || error?.code === "invalid_token" || error?.fields?.token) && (
          <>
            {t.invalidLink}
            {link(config.accounts?.pages?.forgotPassword, t.requestLink)}
          </>
        )
      }
      done={() => (
        <>
          {t.resetDone}
          {link(config.loginPath, m.loginForm.submit)}
        </>
      )}
      onSuccess={onSuccess}
      redirectTo={redirectTo}
    />
  )
}

/** Props of {@link ChangePasswordForm}. */
export interface ChangePasswordFormProps extends AccountFormProps, NewPasswordProps {
  /** Called once the password is changed. */
  onSuccess?: () => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`). */
  redirectTo?: string
}

/**
 * Changes the signed-in user's password: current password, new password (its rules shown) and
 * confirmation, checked before posting `{ currentPassword, newPassword }` to
 * `${accountPath}/change-password`. The server ends the user's other sessions. Signed out (or a
 * 401), it asks to sign in again, with a link that comes back here.
 *
 * @example
 * ```tsx
 * // pages/account.tsx
 * export const getServerSideProps = requireSession()
 * export default function Account() {
 *   return <ChangePasswordForm onSuccess={() => toast("Password changed")} />
 * }
 * ```
 */
export function ChangePasswordForm({ onSuccess, redirectTo, minPasswordLength, maxPasswordLength, ...props }: ChangePasswordFormProps) {
  const k = useKit("change-password-form", "ChangePasswordForm", props)
  const action = useAccountAction("change-password", "ChangePasswordForm")
  const { status } = useAuthState("ChangePasswordForm")
  const { m, t, config } = k
  // The page to come back to, once known on the client (the server's render has no URL).
  const [here, setHere] = useState<string>()
  useEffect(() => setHere(location.pathname + location.search + location.hash), [])
  return (
    <AccountForm
      k={k}
      action={action}
      props={props}
      heading={t.changeTitle}
      fields={[
        ["currentPassword", "current", t.currentPasswordLabel],
        ["newPassword", "new", t.newPasswordLabel],
        ["confirmPassword", "confirm", t.confirmPasswordLabel],
      ]}
      min={minPasswordLength}
      max={maxPasswordLength}
      submit={t.changeTitle}
      view={
        (status === "unauthenticated" || action.error?.code === "unauthenticated") && (
          <>
            {t.sessionEnded}
            {k.link(loginUrl(config.loginPath, here), m.loginForm.submit)}
          </>
        )
      }
      done={() => t.changed}
      onSuccess={onSuccess}
      redirectTo={redirectTo}
    />
  )
}
