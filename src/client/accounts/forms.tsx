import { type ComponentPropsWithoutRef, type ReactNode, useEffect, useState } from "react"
import type { AccountAction } from "../../core/account-rules"
import { loginUrl } from "../../core/login-url"
import { useAuthState } from "../auth-provider/auth-provider"
import { useSignIn } from "../login-form/use-sign-in"
import { format } from "../messages"
import {
  type AccountFormContextValue,
  AccountFormFields,
  type AccountFormProps,
  AccountFormRoot,
  type AccountFormSpec,
  AccountFormTitle,
  AccountFormUnit,
  assembly,
  type FieldSpec,
  type Kit,
  type NewPasswordProps,
  summary,
  useAccountForm,
  useAccountFormState,
  useFromUrl,
  useKit,
} from "./parts"
import { type AccountActionState, useAccountAction } from "./use-account-action"

// The five account forms, in one module (one set of imports in the bundle): each a root that
// owns the request and the checks. Without children a root renders its default parts, so the
// closed component (`SignUpForm`) is the root itself: one function, no second copy of the form.

/** What any account form's root takes; each form's props name the ones it uses. */
interface AnyRootProps extends AccountFormProps, NewPasswordProps {
  onSuccess?: (email: string) => void
  redirectTo?: string
  askName?: boolean
  token?: string
  callbackUrl?: string
}

/**
 * A root (of these forms and of `AccountSettings`' cards): its strings and request, the form's fields and messages from `define` (called as a
 * hook: it may use hooks), `onSuccess` and `redirectTo` once the server said yes, and the
 * parts inside it (`parts` when it is given none). `define`'s `context` replaces what the parts
 * see (`VerifyEmail`'s states).
 */
export const root =
  <P extends AccountFormProps>(
    slot: string,
    name: string,
    endpoint: AccountAction,
    define: (k: Kit, action: AccountActionState, props: AnyRootProps) => AccountFormSpec & { context?: Partial<AccountFormContextValue> },
    parts: ReactNode = assembly,
  ) =>
  ({ onSuccess, redirectTo, minPasswordLength, maxPasswordLength, askName, token, callbackUrl, children, ...props }: AnyRootProps & P) => {
    const k = useKit(slot, name, props)
    const action = useAccountAction(endpoint, name)
    const { context, ...spec } = define(k, action, { onSuccess, redirectTo, askName, token, callbackUrl })
    const form = useAccountFormState(k, action, {
      min: minPasswordLength,
      max: maxPasswordLength,
      onSent: (values) => {
        onSuccess?.(values.email?.trim() as string)
        if (redirectTo) k.go(redirectTo)
      },
      ...spec,
    })
    return (
      <AccountFormRoot form={{ ...form, ...context }} props={props}>
        {children ?? parts}
      </AccountFormRoot>
    )
  }

/** The link back to the login page. */
const signInLink = ({ link, config, m }: Kit) => link(config.loginPath, m.loginForm.submit)

/** Props of {@link SignUpForm} and {@link SignUpFormRoot}. */
export interface SignUpFormProps extends AccountFormProps, NewPasswordProps {
  /** Ask for a name (optional, `autocomplete="name"`). @default true */
  askName?: boolean
  /** Called with the address once the server took the sign-up (202). */
  onSuccess?: (email: string) => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`); else the form says "we sent an email". */
  redirectTo?: string
}

/**
 * The root of a sign-up form: its fields are `name` (unless `askName={false}`), `email` and
 * `password` (a new one, its rules shown), checked before posting `{ email, password, name? }`
 * to `${accountPath}/signup`. Put the shared parts inside it ({@link AccountFormTitle},
 * `AccountFormMessage`, `AccountFormFields`, `AccountFormField`, `AccountFormSubmit`,
 * `AccountFormFooter`), in any order, with your own; without children it renders its default
 * parts (it is `SignUpForm`).
 *
 * @example
 * ```tsx
 * <SignUpFormRoot titleAs="h1" askName={false}>
 *   <AccountFormTitle>Join Acme</AccountFormTitle>
 *   <AccountFormMessage />
 *   <AccountFormFields>
 *     <AccountFormField name="email" placeholder="you@company.com" />
 *     <AccountFormField name="password" />
 *     <p>By signing up you accept the <a href="/terms">terms</a>.</p>
 *     <AccountFormSubmit />
 *   </AccountFormFields>
 *   <AccountFormFooter />
 * </SignUpFormRoot>
 * ```
 */
export const SignUpFormRoot: (props: SignUpFormProps) => ReactNode = /* @__PURE__ */ root("sign-up-form", "SignUpFormRoot", "signup", (k, _, { askName = true }) => ({
  heading: k.m.loginForm.createAccount,
  fields: [
    ...(askName ? [["name", "name", k.t.nameLabel] satisfies FieldSpec] : []),
    ["email", "email", k.m.loginForm.emailLabel],
    ["password", "new", k.m.loginForm.passwordLabel],
  ],
  submit: k.m.loginForm.createAccount,
  done: (values) => format(k.t.signUpDone, { email: values.email!.trim() }),
  footer: signInLink(k),
}))

/**
 * Creates a credentials account: name (optional), email and a new password with its rules
 * shown, checked before posting `{ email, password, name? }` to `${accountPath}/signup`. Then it
 * says that an email is on its way, the same for a taken address (whose owner is told by
 * email): it never reveals whether an account exists. Links to the login page. It is {@link SignUpFormRoot} with its default parts.
 *
 * @example
 * ```tsx
 * // pages/signup.tsx
 * export default function SignUp() {
 *   return <SignUpForm titleAs="h1" />
 * }
 * ```
 */
export const SignUpForm = SignUpFormRoot

/** Props of {@link ForgotPasswordForm} and {@link ForgotPasswordFormRoot}. */
export interface ForgotPasswordFormProps extends AccountFormProps {
  /** Called with the address once the server took the request (202). */
  onSuccess?: (email: string) => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`). */
  redirectTo?: string
}

/**
 * The root of a forgot-password form: its field is `email`, posted as `{ email }` to
 * `${accountPath}/forgot-password`; the answer is the same neutral sentence for any address.
 *
 * @example
 * ```tsx
 * <ForgotPasswordFormRoot>
 *   <AccountFormTitle />
 *   <AccountFormMessage />
 *   <AccountFormFields />
 * </ForgotPasswordFormRoot>
 * ```
 */
export const ForgotPasswordFormRoot: (props: ForgotPasswordFormProps) => ReactNode = /* @__PURE__ */ root("forgot-password-form", "ForgotPasswordFormRoot", "forgot-password", (k) => ({
  heading: k.t.forgotTitle,
  fields: [["email", "email", k.m.loginForm.emailLabel]],
  submit: k.t.forgotSubmit,
  done: (values) => format(k.t.forgotDone, { email: values.email!.trim() }),
  footer: signInLink(k),
}))

/**
 * Asks for a password-reset link: posts `{ email }` to `${accountPath}/forgot-password` and
 * then always says the same neutral sentence, whether or not an account uses the address.
 * Links back to the login page. It is {@link ForgotPasswordFormRoot} with its default parts.
 *
 * @example
 * ```tsx
 * // pages/forgot-password.tsx
 * export default function ForgotPassword() {
 *   return <ForgotPasswordForm titleAs="h1" />
 * }
 * ```
 */
export const ForgotPasswordForm = ForgotPasswordFormRoot

/** Props of {@link ResetPasswordForm} and {@link ResetPasswordFormRoot}. */
export interface ResetPasswordFormProps extends AccountFormProps, NewPasswordProps {
  /** The reset link's token. @default the page's `?token=` */
  token?: string
  /** Called once the password is changed. */
  onSuccess?: () => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`), e.g. the login page. */
  redirectTo?: string
}

/**
 * The root of a reset-password form: its fields are `password` (new, its rules shown) and
 * `confirmPassword` (checked, never posted), posted with the link's token as
 * `{ token, password }` to `${accountPath}/reset-password`. An unknown, used or expired link
 * is a dead end that `AccountFormMessage` shows, with a link to ask for a new one.
 *
 * @example
 * ```tsx
 * <ResetPasswordFormRoot redirectTo="/login">
 *   <AccountFormTitle />
 *   <AccountFormMessage />
 *   <AccountFormFields />
 * </ResetPasswordFormRoot>
 * ```
 */
export const ResetPasswordFormRoot: (props: ResetPasswordFormProps) => ReactNode = /* @__PURE__ */ root("reset-password-form", "ResetPasswordFormRoot", "reset-password", (k, { error }, props) => {
  const { t, config, link } = k
  const token = useFromUrl("token", props.token, true)
  return {
    heading: t.resetTitle,
    fields: [
      ["password", "new", t.newPasswordLabel],
      ["confirmPassword", "confirm", t.confirmPasswordLabel],
    ],
    extra: { token: token ?? "" },
    submit: t.resetTitle,
    view: (token === "" || error?.code === "invalid_token" || error?.fields?.token) && (
      <>
        {t.invalidLink}
        {link(config.accounts?.pages?.forgotPassword, t.requestLink)}
      </>
    ),
    done: () => (
      <>
        {t.resetDone}
        {signInLink(k)}
      </>
    ),
  }
})

/**
 * Sets a new password from a reset link: new password (its rules shown) and confirmation,
 * checked before posting `{ token, password }` to `${accountPath}/reset-password`. Then it says
 * that every session ended and links to the login page. An unknown, used or expired link is
 * a clear dead end with a link to ask for a new one (`config.accounts.pages.forgotPassword`).
 * It is {@link ResetPasswordFormRoot} with its default parts.
 *
 * @example
 * ```tsx
 * // pages/reset-password.tsx: the reset email links here with ?token=
 * export default function ResetPassword() {
 *   return <ResetPasswordForm titleAs="h1" />
 * }
 * ```
 */
export const ResetPasswordForm = ResetPasswordFormRoot

/** Props of {@link ChangePasswordForm} and {@link ChangePasswordFormRoot}. */
export interface ChangePasswordFormProps extends AccountFormProps, NewPasswordProps {
  /** Called once the password is changed. */
  onSuccess?: () => void
  /** A page of the app to go to then (through `AuthProvider`'s `navigate`). */
  redirectTo?: string
}

/**
 * The root of a change-password form, for the signed-in user: its fields are
 * `currentPassword`, `newPassword` (its rules shown) and `confirmPassword` (checked, never
 * posted), posted as `{ currentPassword, newPassword }` to `${accountPath}/change-password`.
 * Signed out (or a 401), `AccountFormMessage` asks to sign in again, coming back here.
 *
 * @example
 * ```tsx
 * <ChangePasswordFormRoot onSuccess={() => toast("Password changed")}>
 *   <AccountFormMessage />
 *   <AccountFormFields />
 * </ChangePasswordFormRoot>
 * ```
 */
export const ChangePasswordFormRoot: (props: ChangePasswordFormProps) => ReactNode = /* @__PURE__ */ root("change-password-form", "ChangePasswordFormRoot", "change-password", (k, action) => {
  const { t, config } = k
  const { status } = useAuthState("ChangePasswordFormRoot")
  // The page to come back to, once known on the client (the server's render has no URL).
  const [here, setHere] = useState<string>()
  useEffect(() => setHere(location.pathname + location.search + location.hash), [])
  return {
    heading: t.changeTitle,
    fields: [
      ["currentPassword", "current", t.currentPasswordLabel],
      ["newPassword", "new", t.newPasswordLabel],
      ["confirmPassword", "confirm", t.confirmPasswordLabel],
    ],
    submit: t.changeTitle,
    view: (status === "unauthenticated" || action.error?.code === "unauthenticated") && (
      <>
        {t.sessionEnded}
        {k.link(loginUrl(config.loginPath, here), k.m.loginForm.submit)}
      </>
    ),
    done: () => t.changed,
  }
})

/**
 * Changes the signed-in user's password: current password, new password (its rules shown) and
 * confirmation, checked before posting `{ currentPassword, newPassword }` to
 * `${accountPath}/change-password`. The server ends the user's other sessions. Signed out (or a
 * 401), it asks to sign in again, with a link that comes back here. It is {@link ChangePasswordFormRoot} with its default parts.
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
export const ChangePasswordForm = ChangePasswordFormRoot

/** Props of {@link VerifyEmail} and {@link VerifyEmailRoot}. */
export interface VerifyEmailProps extends AccountFormProps {
  /** The confirmation link's token. @default the page's `?token=` */
  token?: string
  /**
   * Where to go once confirming signed the browser in (the server's answer carried a sign-in
   * grant); sanitised with `safeCallbackUrl`.
   * @default the page's `?callbackUrl=`, else "/"
   */
  callbackUrl?: string
  /** Called once the address is confirmed. */
  onSuccess?: () => void
  /**
   * A page of the app to go to once confirmed when that did not sign the browser in (through
   * `AuthProvider`'s `navigate`), e.g. the login page.
   */
  redirectTo?: string
}

/**
 * The root of the page a confirmation email links to. Opening the page confirms nothing: a
 * GET, a prefetch or a link scanner that runs the page's scripts posts nothing. Only the
 * button (`AccountFormFields` with its `AccountFormSubmit`, "Confirm email address") posts the
 * token to `${accountPath}/verify-email`, once. When the answer carries a sign-in grant, the
 * browser is signed in with it (`signIn("credentials", { grant })`) and sent to the sanitised
 * `callbackUrl`; otherwise (or if that sign-in fails) {@link VerifyEmailStatus} says the address
 * is confirmed, with a link to sign in. The link of an email change (the answer carries the new
 * `email`, no grant) says "Your email address is now …" and signs nobody in. `data-state`: `idle`, `pending`, `success`, `error`, or
 * `invalid` for a missing, unknown, used or expired link ({@link VerifyEmailResend} then asks
 * for a new one).
 *
 * @example
 * ```tsx
 * <VerifyEmailRoot titleAs="h1" callbackUrl="/welcome">
 *   <AccountFormTitle />
 *   <VerifyEmailStatus />
 *   <AccountFormFields>
 *     <AccountFormSubmit asChild>
 *       <Button size="lg">Yes, this is my address</Button>
 *     </AccountFormSubmit>
 *   </AccountFormFields>
 *   <VerifyEmailResend />
 * </VerifyEmailRoot>
 * ```
 */
export const VerifyEmailRoot: (props: VerifyEmailProps) => ReactNode = /* @__PURE__ */ root("verify-email", "VerifyEmailRoot", "verify-email", (k, action, { callbackUrl, onSuccess, redirectTo, token: given }) => {
  const token = useFromUrl("token", given, true)
  const after = () => redirectTo && k.go(redirectTo)
  // The URL's ?error= is the login page's business, not this one's.
  const signIn = useSignIn({ callbackUrl, error: null, onError: after })
  const { error, status, data } = action
  const grant = data?.grant
  // The link of an email change: the account's new address, and no grant (nobody signs in).
  const changedTo = typeof data?.email === "string" ? data.email : undefined
  // Each answer once (the grant is single use), after the click that asked for it.
  useEffect(() => {
    if (!data) return
    ;(onSuccess as (() => void) | undefined)?.()
    if (typeof grant === "string") void signIn.credentials({ grant })
    else after()
  }, [data])
  const { t, m, config, link } = k
  const state =
    token === "" || error?.code === "invalid_token" || error?.code === "invalid_input"
      ? "invalid"
      : // Signing in with the grant: still on its way until that failed (or navigated away).
        typeof grant === "string" && !signIn.error
        ? "pending"
        : status
  return {
    heading: t.verifyTitle,
    fields: [],
    submit: t.confirm,
    context: {
      state,
      view: state === "invalid" && t.invalidLink,
      done:
        state === "success" &&
        (changedTo !== undefined ? (
          format(t.emailChanged, { email: changedTo })
        ) : (
          <>
            {t.verified}
            {link(config.loginPath, m.loginForm.submit)}
          </>
        )),
      onSubmit: (event) => {
        event.preventDefault()
        if (token && state !== "pending") void action.run({ token })
      },
    },
  }
},
  <>
    <AccountFormTitle />
    <VerifyEmailStatus />
    <AccountFormFields />
    <VerifyEmailResend />
  </>,
)

/**
 * What happens to the address, in a status region: nothing yet, "Confirming your email…",
 * confirmed (with a link to sign in), why it failed (how long to wait when rate limited), or
 * an unknown, used or expired link.
 *
 * @example
 * ```tsx
 * <VerifyEmailStatus className="text-center" />
 * ```
 */
export function VerifyEmailStatus(props: ComponentPropsWithoutRef<"div">) {
  const { state, view, done, action, t, m, part } = useAccountForm(VerifyEmailStatus)
  return (
    <div role="status" {...part("status", "nak:kit-notice", props)}>
      {view || done || (state === "pending" ? t.verifying : action.error && summary(m, action.error))}
    </div>
  )
}

/**
 * After an unknown, used or expired link: a field for the address and "Send a new link",
 * posted to `resend-verification` and answered with the same sentence for every address.
 * Nothing otherwise.
 *
 * @example
 * ```tsx
 * <VerifyEmailRoot>
 *   <VerifyEmailStatus />
 *   <VerifyEmailResend />
 * </VerifyEmailRoot>
 * ```
 */
export function VerifyEmailResend() {
  const k = useAccountForm(VerifyEmailResend)
  const action = useAccountAction("resend-verification", VerifyEmailResend)
  return k.state === "invalid" ? (
    <AccountFormUnit k={k} action={action} fields={[["email", "email", k.m.loginForm.emailLabel]]} submit={k.t.resend} done={() => k.m.loginForm.resent} />
  ) : null
}

/**
 * The page a confirmation email links to (`?token=`): a button, "Confirm email address", that
 * alone confirms the address (opening the link, prefetching it or scanning it confirms
 * nothing); then the browser is signed in when the server hands a sign-in grant, and sent to
 * `callbackUrl`, else it says the address is confirmed with a link to sign in (or, for the link
 * of an email change, which address the account now has). An unknown,
 * used or expired link offers to send a new one (answered neutrally). It is {@link VerifyEmailRoot} with its default parts.
 *
 * @example
 * ```tsx
 * // pages/verify-email.tsx: the email links here with ?token=
 * export default function Verify() {
 *   return <VerifyEmail titleAs="h1" callbackUrl="/welcome" />
 * }
 * ```
 */
export const VerifyEmail = VerifyEmailRoot

