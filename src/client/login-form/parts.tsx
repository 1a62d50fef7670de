import { getProviders } from "next-auth/react"
import { type ComponentPropsWithoutRef, lazy, type ReactElement, type ReactNode, Suspense, useEffect, useId, useRef, useState } from "react"
import { requestAccount } from "../accounts/use-account-action"
import { useSettings } from "../auth-provider/auth-provider"
import { useMessages } from "../use-messages"
import { kit } from "../lib/cn"
import { buttonClasses } from "../lib/styles"
import { errorMessage, format, type MessagesOverride } from "../messages"
import { Field as FieldBase, type FieldProps } from "../primitives/field"
import { parts } from "../primitives/part"
import { type AsChildProps, compose, Slot } from "../primitives/slot"
import { Alert, useFocusWhen } from "../primitives/status"
import { loginFormContext, type LoginFormSlot, type LoginProvider, useLoginForm } from "./context"
import type { ProviderMarks } from "./marks"
import { type UseSignInOptions, useSignIn } from "./use-sign-in"

/** The options of a login form, shared by {@link LoginFormRoot} and `LoginForm`. */
export interface LoginFormOptions extends UseSignInOptions {
  /**
   * The sign-in options: what `getProviders()` returns, or a list. Left out, they are
   * fetched with `getProviders()`, with a skeleton meanwhile.
   */
  providers?: Record<string, LoginProvider> | readonly LoginProvider[] | null
  /** What the credentials form asks for. @default "email" */
  identifier?: "email" | "username"
  /**
   * The level of the headings (the title and "check your inbox"): `"h1"` when the form is the
   * page's main content. @default "h2"
   */
  titleAs?: "h1" | "h2" | "h3"
  /** Replaces some strings for this form only. */
  messages?: MessagesOverride
  /** Classes for the root, merged after the kit's. */
  className?: string
  /** Classes by part, merged after the kit's. */
  classNames?: Partial<Record<LoginFormSlot, string>>
  /** Drop the kit's own classes and style from scratch via `data-slot`. @default false */
  unstyled?: boolean
}

/** Props of {@link LoginFormRoot}: the form's options, its parts as children, and `<div>` attributes. */
export interface LoginFormRootProps
  extends LoginFormOptions,
    Omit<ComponentPropsWithoutRef<"div">, keyof LoginFormOptions | "title"> {
  children?: ReactNode
}

type Div<Extra = object> = ComponentPropsWithoutRef<"div"> & Extra

const button = (primary: boolean) => buttonClasses(primary ? "primary" : "secondary", "nak:kit-pad nak:w-full")

function toList(providers: LoginFormOptions["providers"]): LoginProvider[] | null {
  if (!providers) return null
  return Array.isArray(providers) ? [...providers] : Object.values(providers)
}

/**
 * The login form's root: runs {@link useSignIn}, fetches the providers when none are given,
 * and shares both with the parts inside it. Every part takes `className` and renders a
 * `data-slot`; put them in any order, leave some out, add your own. Once an email link is
 * sent, every part but {@link LoginFormCheckInbox} steps aside.
 *
 * @example
 * ```tsx
 * <LoginFormRoot callbackUrl="/dashboard" titleAs="h1">
 *   <LoginFormTitle />
 *   <LoginFormOAuthButtons marks={providerMarks} />
 *   <LoginFormDivider />
 *   <LoginFormError />
 *   <LoginFormCredentials />
 *   <LoginFormCheckInbox />
 * </LoginFormRoot>
 * ```
 */
export function LoginFormRoot({
  providers: given,
  identifier = "email",
  titleAs = "h2",
  messages: override,
  className,
  classNames,
  unstyled,
  children,
  ...rest
}: LoginFormRootProps) {
  const messages = useMessages(LoginFormRoot, override)
  const state = useSignIn(rest)
  // The sign-in options are useSignIn's; the rest are the <div>'s.
  const { callbackUrl, onSuccess, onError, error, redirectOnSuccess, ...props } = rest
  const id = useId()
  const [fetched, setFetched] = useState<LoginProvider[] | null>(null)
  const providers = toList(given) ?? fetched
  useEffect(() => {
    if (given !== undefined) return
    let live = true
    getProviders().then((list) => {
      if (live) setFetched(toList(list) ?? [])
    })
    return () => {
      live = false
    }
  }, [given])

  const part = parts("login-form", unstyled, classNames)
  const { pending, sentTo, mfa } = state
  const Provider = loginFormContext[0]
  return (
    <Provider
      value={{
        ...state,
        id,
        providers,
        credentialsProvider: providers?.find((p) => p.type === "credentials"),
        emailProvider: providers?.find((p) => p.type === "email"),
        oauthProviders: providers?.filter((p) => p.type === "oauth") ?? [],
        identifier,
        titleAs,
        messages,
        t: messages.loginForm,
        unstyled,
        part,
      }}
    >
      <div
        data-state={sentTo ? "email-sent" : pending ? "submitting" : state.error ? "error" : mfa ? "mfa" : providers ? "idle" : "loading"}
        {...part("root", "nak:kit-root", { ...props, className })}
      >
        {children}
      </div>
    </Provider>
  )
}

/** Props of {@link LoginFormTitle}. */
export type LoginFormTitleProps = ComponentPropsWithoutRef<"h2"> & {
  /** The heading level. @default the root's `titleAs` */
  as?: "h1" | "h2" | "h3"
}

/**
 * The form's heading, `messages.loginForm.title` unless given children.
 *
 * @example
 * ```tsx
 * <LoginFormTitle as="h1">Welcome back</LoginFormTitle>
 * ```
 */
export function LoginFormTitle({ as, children, ...props }: LoginFormTitleProps) {
  const { titleAs, t, part, sentTo } = useLoginForm(LoginFormTitle)
  const Title = as ?? titleAs
  if (sentTo) return null
  return <Title {...part("title", "nak:kit-title", props)}>{children ?? t.title}</Title>
}

/**
 * The error region: next-auth's error code as a sentence (never whether an account exists), in
 * a `role="alert"` live region that takes focus. Always in the DOM (hidden when there is no
 * error), so that screen readers hear it appear; the fields point to it with
 * `aria-describedby`.
 *
 * @example
 * ```tsx
 * <LoginFormError className="text-sm" />
 * ```
 */
export function LoginFormError(props: Div) {
  const { id, error, messages, part, sentTo, identifier } = useLoginForm(LoginFormError)
  const { accounts } = useSettings(LoginFormError).config
  if (sentTo) return null
  // A 0.2 server says `EmailNotVerified`; a 0.3 one answers an unconfirmed address exactly as a
  // wrong password, so where the app runs the kit's accounts (`config.accounts`), every refused
  // password is offered the link (a username cannot be sent one).
  const resend = identifier === "email" && (error === "EmailNotVerified" || (error === "CredentialsSignin" && !!accounts))
  return (
    <Alert id={`${id}-error`} data-error={error ?? undefined} {...props} part={part} error={error}>
      {error ? errorMessage(messages, error) : null}
      {resend ? <Resend quiet={error !== "EmailNotVerified"} /> : null}
    </Alert>
  )
}

/**
 * Sends the confirmation link again to the address in the form, then says so neutrally (the
 * same for every address: never whether the account exists). `quiet` after a refused password,
 * where most people simply mistyped. Remounted, so reset, by every attempt.
 */
function Resend({ quiet }: { quiet: boolean }) {
  const { id, t, messages, part } = useLoginForm(LoginFormError)
  const { config } = useSettings(LoginFormError)
  // Sent (true), failed (false), or on its way.
  const [status, setStatus] = useState<boolean | "pending">()
  return typeof status === "boolean" ? (
    <p {...part("resent", "nak:m-0 nak:mt-1")}>{status ? t.resent : messages.errors.default}</p>
  ) : (
    <button
      type="button"
      disabled={!!status}
      onClick={() => {
        // The address in the form: the one just refused, or (after a redirect with ?error=) one
        // to type first.
        const input = document.getElementById(`${id}-identifier`) as HTMLInputElement | null
        const email = input?.value.trim()
        if (!email) return input?.focus()
        setStatus("pending")
        void requestAccount(config, "resend-verification", { email }).then((answer) => setStatus(answer.ok))
      }}
      {...part("resend", buttonClasses(quiet ? "quiet" : "secondary", "nak:kit-pad-sm nak:mt-2"))}
    >
      {quiet ? t.resendConfirmation : t.resendLink}
    </button>
  )
}

/**
 * A skeleton while the providers load (`providers` not given), announced politely.
 *
 * @example
 * ```tsx
 * <LoginFormSkeleton />
 * ```
 */
export function LoginFormSkeleton(props: Div) {
  const { providers, t, part, unstyled } = useLoginForm(LoginFormSkeleton)
  if (providers) return null
  const bar = <div aria-hidden="true" {...part("skeleton-item", "nak:kit-skeleton")} />
  return (
    <div role="status" aria-live="polite" {...part("skeleton", "nak:grid nak:gap-3", props)}>
      <span className={kit(unstyled, "nak:sr-only")}>{t.loadingProviders}</span>
      {bar}
      {bar}
      {bar}
    </div>
  )
}

/**
 * The message shown when no sign-in option is configured.
 *
 * @example
 * ```tsx
 * <LoginFormEmpty>Sign-in is closed for maintenance.</LoginFormEmpty>
 * ```
 */
export function LoginFormEmpty({ children, ...props }: ComponentPropsWithoutRef<"p">) {
  const { providers, t, part } = useLoginForm(LoginFormEmpty)
  if (providers?.length !== 0) return null
  return <p {...part("empty", "nak:kit-muted", props)}>{children ?? t.noProviders}</p>
}

/**
 * The credentials `<form>`, shown when a credentials provider is configured. It sends every
 * named field inside it to `signIn("credentials", …)`, so a field of your own (a company code,
 * "remember me") reaches your `authorize` beside the identifier and the password. Your
 * `onSubmit` runs first; `event.preventDefault()` there cancels signing in.
 *
 * @default children: the identifier field, the password field and the submit button
 * @example
 * ```tsx
 * <LoginFormCredentials>
 *   <LoginFormIdentifierField />
 *   <LoginFormPasswordField />
 *   <LoginFormField name="companyCode" label="Company code" autoComplete="organization" />
 *   <LoginFormSubmit />
 * </LoginFormCredentials>
 * ```
 */
export function LoginFormCredentials({ children, onSubmit, ...props }: ComponentPropsWithoutRef<"form">) {
  const { credentialsProvider, pending, part, credentials, sentTo, mfa } = useLoginForm(LoginFormCredentials)
  if (!credentialsProvider || sentTo) return null
  // Two-factor's second step takes the form's place; the password stays in memory.
  if (mfa) return <LoginFormCode />
  return (
    <form
      noValidate
      aria-busy={pending === "credentials"}
      {...part("form", "nak:grid nak:gap-4", props)}
      data-slot="login-form-credentials"
      onSubmit={compose(onSubmit, (event) => {
        event.preventDefault()
        void credentials(new FormData(event.currentTarget), credentialsProvider.id)
      })}
    >
      {children ?? (
        <>
          <LoginFormIdentifierField />
          <LoginFormPasswordField />
          <LoginFormSubmit />
        </>
      )}
    </form>
  )
}

// The passkey part, its strings and the ceremony: a chunk of its own, loaded as the form mounts.
const PasskeyPart = /* @__PURE__ */ lazy(() => import("./passkey"))

/**
 * "Sign in with a passkey", where passkeys are on (`config.accounts.passkeys`), the browser has
 * WebAuthn and a credentials provider is configured: the browser's prompt, then
 * `signIn(provider, { passkey })`; a passkey that verified the user needs no two-factor code.
 * It also starts the browser's passkey autofill (conditional mediation, where supported) for
 * {@link LoginFormIdentifierField}, which then says `autocomplete="username webauthn"`: picking a
 * passkey there signs in the same way. A closed or timed-out prompt, or a passkey the browser
 * could not use, is said under the button (`data-slot="login-form-passkey-error"`). The part is a chunk of its own, loaded as the form
 * mounts; `@simplewebauthn/browser` is loaded only when a passkey is used.
 *
 * @example
 * ```tsx
 * <LoginFormRoot>
 *   <LoginFormError />
 *   <LoginFormPasskey />
 *   <LoginFormDivider />
 *   <LoginFormCredentials />
 * </LoginFormRoot>
 * ```
 */
export function LoginFormPasskey(props: ComponentPropsWithoutRef<"button">) {
  const { config } = useSettings(LoginFormPasskey)
  // Off, the part is never fetched.
  return config.accounts?.passkeys ? (
    <Suspense>
      <PasskeyPart {...props} config={config} />
    </Suspense>
  ) : null
}

/**
 * Two-factor's second step, after the password was right for an account with two-factor on
 * (`MfaRequired`): the 6-digit code from the authenticator app (`autocomplete="one-time-code"`,
 * numeric keyboard, pasted spaces ignored) or, after "Use a recovery code", a recovery code.
 * It signs in with the credentials given before and the code, never asking for the password
 * again; "Back" returns to the password. {@link LoginFormCredentials} shows it in its own place;
 * use it alone only in a form of your own built on {@link useLoginForm}.
 *
 * @example
 * ```tsx
 * <LoginFormRoot>
 *   <LoginFormError />
 *   <LoginFormCredentials />
 * </LoginFormRoot>
 * ```
 */
export function LoginFormCode({ onSubmit, ...props }: ComponentPropsWithoutRef<"form">) {
  const { id, mfa, pending, t, part, code, reset, error } = useLoginForm(LoginFormCode)
  const [recovery, setRecovery] = useState(false)
  // The field takes focus when the step opens and when it switches kind: once it is enabled,
  // which may be a render later (the sign-in that opened the step is still pending, and React
  // 18 commits that apart from the step).
  const focusField = useRef(false)
  useEffect(() => {
    focusField.current = mfa
  }, [mfa, recovery])
  useEffect(() => {
    if (!focusField.current || pending !== null) return
    focusField.current = false
    document.getElementById(`${id}-code`)?.focus()
  }, [mfa, recovery, pending, id])
  if (!mfa) return null
  const invalid = error === "MfaInvalid"
  return (
    <form
      noValidate
      aria-busy={pending === "credentials"}
      {...part("form", "nak:grid nak:gap-4", props)}
      data-slot="login-form-code"
      onSubmit={compose(onSubmit, (event) => {
        event.preventDefault()
        void code(String(new FormData(event.currentTarget).get("code") ?? "").replace(recovery ? /^\s+|\s+$/g : /\s+/g, ""))
      })}
    >
      <p id={`${id}-code-step`} {...part("code-step", "nak:kit-muted")}>
        {recovery ? t.recoveryStep : t.codeStep}
      </p>
      <Field
        key={recovery ? "recovery" : "app"}
        id={`${id}-code`}
        label={recovery ? t.recoveryLabel : t.codeLabel}
        name="code"
        type="text"
        inputMode={recovery ? "text" : "numeric"}
        autoComplete={recovery ? "off" : "one-time-code"}
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={32}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-code-step ${id}-error` : `${id}-code-step`}
      />
      <button type="submit" disabled={pending !== null} {...part("submit", button(true))}>
        {pending === "credentials" ? t.submitting : t.submit}
      </button>
      <div {...part("code-actions", "nak:kit-footer")}>
        <button type="button" onClick={() => setRecovery(!recovery)} {...part("code-switch", buttonClasses("quiet", "nak:px-0"))}>
          {recovery ? t.useApp : t.useRecoveryCode}
        </button>
        <button type="button" onClick={reset} {...part("back", buttonClasses("quiet", "nak:px-0"))}>
          {t.back}
        </button>
      </div>
    </form>
  )
}

/** Props of {@link LoginFormField}: `className` styles the field, the rest goes to the `<input>`. */
export interface LoginFormFieldProps extends Omit<ComponentPropsWithoutRef<"input">, "part"> {
  /** The visible label. */
  label: ReactNode
  /** A hint under the input, part of its accessible description. */
  hint?: ReactNode
  /** Why the value was refused: marks the input invalid (`aria-invalid`) and describes it. */
  error?: ReactNode
}

/** The kit's field (and, with `toggle`, the password field) in the login form's parts, disabled while signing in. */
function Field(props: LoginFormFieldProps & Pick<FieldProps, "toggle">) {
  const { pending, part } = useLoginForm("LoginFormField")
  return <FieldBase part={part} disabled={pending !== null} {...props} />
}

/**
 * A labelled input in the kit's style, for fields of your own inside
 * {@link LoginFormCredentials}: its `name` and value are sent to `signIn` with the others.
 * `className` styles the field; every other prop goes to the `<input>`. Disabled while signing in.
 * A `hint` and an `error` are tied to the input with `aria-describedby`.
 *
 * @example
 * ```tsx
 * <LoginFormField name="companyCode" label="Company code" autoComplete="organization" required />
 * <LoginFormField name="companyCode" label="Company code" hint="It is on your badge." />
 * ```
 */
export const LoginFormField: (props: LoginFormFieldProps) => ReactElement = Field

/** Props of {@link LoginFormIdentifierField} and {@link LoginFormPasswordField}. */
export interface LoginFormInputFieldProps extends Omit<LoginFormFieldProps, "label"> {
  /** The visible label. @default messages.loginForm.emailLabel, usernameLabel or passwordLabel */
  label?: ReactNode
}

/**
 * The email or username field (as the root's `identifier` says), with `autocomplete="username"`
 * (`"username webauthn"` where passkeys are on, for the browser's passkey autofill), marked
 * invalid after `CredentialsSignin`.
 *
 * @example
 * ```tsx
 * <LoginFormIdentifierField placeholder="you@company.com" />
 * ```
 */
export function LoginFormIdentifierField({ label, ...props }: LoginFormInputFieldProps) {
  const { id, identifier, t, error } = useLoginForm(LoginFormIdentifierField)
  const invalid = error === "CredentialsSignin"
  // With passkeys on, the browser's autofill lists them here too (LoginFormPasskey asks for it).
  const passkeys = useSettings(LoginFormIdentifierField).config.accounts?.passkeys
  return (
    <Field
      id={`${id}-identifier`}
      label={label ?? (identifier === "email" ? t.emailLabel : t.usernameLabel)}
      name={identifier}
      type={identifier === "email" ? "email" : "text"}
      autoComplete={passkeys ? "username webauthn" : "username"}
      autoCapitalize="none"
      spellCheck={false}
      required
      maxLength={320}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${id}-error` : undefined}
      {...props}
    />
  )
}

/**
 * The password field with `autocomplete="current-password"` and a show/hide toggle, marked
 * invalid after `CredentialsSignin`.
 *
 * @example
 * ```tsx
 * <LoginFormPasswordField label="Passphrase" />
 * ```
 */
export function LoginFormPasswordField({ label, ...props }: LoginFormInputFieldProps) {
  const { id, t, error } = useLoginForm(LoginFormPasswordField)
  const invalid = error === "CredentialsSignin"
  return (
    <Field
      id={`${id}-password`}
      label={label ?? t.passwordLabel}
      name="password"
      type="password"
      autoComplete="current-password"
      required
      maxLength={1024}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${id}-error` : undefined}
      {...props}
      toggle={t}
    />
  )
}

/** Props of {@link LoginFormSubmit}. */
export type LoginFormSubmitProps = ComponentPropsWithoutRef<"button"> & AsChildProps

/**
 * The credentials form's submit button: "Sign in", "Signing in…" and disabled while pending.
 * With `asChild`, your own button is the submit button, with its own content.
 *
 * @example
 * ```tsx
 * <LoginFormSubmit>Log in</LoginFormSubmit>
 * <LoginFormSubmit asChild>
 *   <Button size="lg">Log in</Button>
 * </LoginFormSubmit>
 * ```
 */
export function LoginFormSubmit({ asChild, children, ...props }: LoginFormSubmitProps) {
  const { pending, t, part } = useLoginForm(LoginFormSubmit)
  const Button = asChild ? Slot : "button"
  return (
    <Button type="submit" disabled={pending !== null} {...part("submit", button(true), props)}>
      {asChild ? children : pending === "credentials" ? t.submitting : (children ?? t.submit)}
    </Button>
  )
}

/**
 * "or" between the credentials form and the other options; shown only when both exist.
 *
 * @example
 * ```tsx
 * <LoginFormDivider>or continue with</LoginFormDivider>
 * ```
 */
export function LoginFormDivider({ children, ...props }: Div) {
  const { credentialsProvider, emailProvider, oauthProviders, t, part, sentTo, mfa } = useLoginForm(LoginFormDivider)
  if (!credentialsProvider || !(oauthProviders.length > 0 || emailProvider) || sentTo || mfa) return null
  const line = <span aria-hidden="true" {...part("divider-line", "nak:kit-divider-line")} />
  return (
    <div {...part("divider", "nak:kit-divider", props)}>
      {line}
      {children ?? t.divider}
      {line}
    </div>
  )
}

/** Props of {@link LoginFormOAuthButtons}. */
export type LoginFormOAuthButtonsProps = Div<{
  /**
   * Provider marks by id, shown before each button's text and hidden from assistive
   * technology: pass `providerMarks` (opt-in, so apps without it do not ship the SVGs), or
   * your own.
   */
  marks?: ProviderMarks
}>

/**
 * One "Continue with …" button per OAuth provider, with the provider's mark when `marks` has it.
 *
 * @example
 * ```tsx
 * import { LoginFormOAuthButtons, providerMarks } from "next-auth-kit"
 *
 * <LoginFormOAuthButtons marks={providerMarks} className="grid-cols-2" />
 * ```
 */
export function LoginFormOAuthButtons({ marks, ...props }: LoginFormOAuthButtonsProps) {
  const { oauthProviders, pending, t, part, oauth, sentTo, mfa } = useLoginForm(LoginFormOAuthButtons)
  if (oauthProviders.length === 0 || sentTo || mfa) return null
  const markProps = part("oauth-mark", "nak:kit-mark", { "aria-hidden": true })
  return (
    <div {...part("oauth", "nak:grid nak:gap-2", props)}>
      {oauthProviders.map(({ id, name }) => {
        const mark = marks?.[id]
        return (
          <button
            key={id}
            type="button"
            data-provider={id}
            disabled={pending !== null}
            aria-busy={typeof pending === "object" && pending?.provider === id}
            onClick={() => void oauth(id)}
            {...part("oauth-button", button(false))}
          >
            {typeof mark === "string" ? (
              // width/height: a sane size when unstyled; the kit's classes take over otherwise.
              <svg focusable="false" viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" {...markProps}>
                <path d={mark} />
              </svg>
            ) : mark ? (
              <span {...markProps}>{mark}</span>
            ) : null}
            {format(t.continueWith, { provider: name })}
          </button>
        )
      })}
    </div>
  )
}

/**
 * The email-link `<form>` (address and "Email me a sign-in link"), shown when an email
 * provider is configured. Your `onSubmit` runs first; `event.preventDefault()` there cancels
 * sending.
 *
 * @example
 * ```tsx
 * <LoginFormEmailLink className="mt-2" />
 * ```
 */
export function LoginFormEmailLink({ onSubmit, ...props }: ComponentPropsWithoutRef<"form">) {
  const { id, emailProvider, credentialsProvider, pending, t, part, email, sentTo, mfa } = useLoginForm(LoginFormEmailLink)
  if (!emailProvider || sentTo || mfa) return null
  return (
    <form
      noValidate
      aria-busy={pending === "email"}
      {...part("form", "nak:grid nak:gap-3", props)}
      data-slot="login-form-email"
      onSubmit={compose(onSubmit, (event) => {
        event.preventDefault()
        void email(String(new FormData(event.currentTarget).get("email") ?? ""), emailProvider.id)
      })}
    >
      <Field
        id={`${id}-email-link`}
        label={t.emailLinkLabel}
        name="email"
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={320}
      />
      <button type="submit" disabled={pending !== null} {...part("submit", button(!credentialsProvider))}>
        {t.emailLinkSubmit}
      </button>
    </form>
  )
}

/** Props of {@link LoginFormCheckInbox}. */
export type LoginFormCheckInboxProps = Div<{
  /** The heading level. @default the root's `titleAs` */
  as?: "h1" | "h2" | "h3"
}>

/**
 * "Check your inbox" once an email link is sent: a status region whose heading takes focus,
 * and a "Use another email" button back to the form.
 *
 * @example
 * ```tsx
 * <LoginFormRoot titleAs="h1">
 *   …
 *   <LoginFormCheckInbox />
 * </LoginFormRoot>
 * ```
 */
export function LoginFormCheckInbox({ as, ...props }: LoginFormCheckInboxProps) {
  const { sentTo, reset, titleAs, t, part } = useLoginForm(LoginFormCheckInbox)
  const ref = useFocusWhen<HTMLHeadingElement>(sentTo)
  if (!sentTo) return null
  const Heading = as ?? titleAs
  return (
    <div {...part("check-inbox", "nak:grid nak:gap-4", props)}>
      <div role="status" {...part("check-inbox-status", "nak:grid nak:gap-2")}>
        <Heading ref={ref} tabIndex={-1} {...part("check-inbox-title", "nak:kit-heading nak:outline-none")}>
          {t.checkInboxTitle}
        </Heading>
        <p {...part("check-inbox-body", "nak:kit-muted")}>{format(t.checkInboxBody, { email: sentTo })}</p>
      </div>
      <button type="button" onClick={reset} {...part("use-another-email", button(false))}>
        {t.useAnotherEmail}
      </button>
    </div>
  )
}

/**
 * A row for links under the form: "Forgot password?", "Create account" ({@link LoginFormLink}).
 *
 * @example
 * ```tsx
 * <LoginFormFooter>
 *   <LoginFormLink href="/forgot-password">Forgot password?</LoginFormLink>
 *   <LoginFormLink href="/sign-up">Create account</LoginFormLink>
 * </LoginFormFooter>
 * ```
 */
export function LoginFormFooter(props: Div) {
  const { part, sentTo, mfa } = useLoginForm(LoginFormFooter)
  if (sentTo || mfa) return null
  return <div {...part("footer", "nak:kit-footer", props)} />
}

/**
 * "Forgot password?" and "Create account" under the credentials form, to the pages that
 * `config.accounts.pages` names (`forgotPassword`, `signUp`); nothing when neither is set.
 * `LoginForm` shows it unless given a `footer`.
 *
 * @example
 * ```tsx
 * <AuthProvider config={{ loginPath: "/login", accounts: { pages: { signUp: "/signup", forgotPassword: "/forgot-password" } } }}>
 *   <LoginFormRoot>
 *     <LoginFormCredentials />
 *     <LoginFormAccountLinks />
 *   </LoginFormRoot>
 * </AuthProvider>
 * ```
 */
export function LoginFormAccountLinks(props: Div) {
  const { t, credentialsProvider } = useLoginForm(LoginFormAccountLinks)
  const { config } = useSettings(LoginFormAccountLinks)
  const { forgotPassword, signUp } = config.accounts?.pages ?? {}
  if (!credentialsProvider || !(forgotPassword || signUp)) return null
  return (
    <LoginFormFooter {...props}>
      {forgotPassword ? <LoginFormLink href={config.basePath + forgotPassword}>{t.forgotPassword}</LoginFormLink> : null}
      {signUp ? <LoginFormLink href={config.basePath + signUp}>{t.createAccount}</LoginFormLink> : null}
    </LoginFormFooter>
  )
}

/** Props of {@link LoginFormLink}: with `asChild`, your router's link is rendered with the link's props and classes. */
export type LoginFormLinkProps = ComponentPropsWithoutRef<"a"> & AsChildProps

/**
 * A link in the kit's style, for the footer. With `asChild`, your router's link navigates
 * without a full reload.
 *
 * @example
 * ```tsx
 * <LoginFormLink asChild>
 *   <Link href="/sign-up">Create account</Link>
 * </LoginFormLink>
 * ```
 */
export function LoginFormLink({ asChild, ...props }: LoginFormLinkProps) {
  const Link = asChild ? Slot : "a"
  return <Link {...useLoginForm(LoginFormLink).part("link", "nak:kit-link", props)} />
}
