import { normalisePassword } from "../../core/account-rules"
import { type ComponentPropsWithoutRef, type FormEvent, type ReactElement, type ReactNode, useEffect, useMemo, useState } from "react"
import { safeCallbackUrl } from "../../core"
import { useSettings } from "../auth-provider/auth-provider"
import { buttonClasses } from "../lib/styles"
import { type AccountMessages, format, type Messages, type MessagesOverride, plural, resolveAccountMessages } from "../messages"
import { type Consumer, createKitContext } from "../primitives/context"
import { Field, type FieldProps } from "../primitives/field"
import { type Part, parts } from "../primitives/part"
import { type AsChildProps, compose, Slot } from "../primitives/slot"
import { Alert, Notice } from "../primitives/status"
import type { AccountActionState, AccountError } from "./use-account-action"
import { REAUTHENTICATE } from "../account-cards/messages"

/**
 * The parts of an account form, for `classNames`. Each is also the element's `data-slot`, as
 * `<form>-<slot>` (`sign-up-form-input`; the root is the form's own name, `sign-up-form`).
 * `status` is `VerifyEmail`'s and `MfaSetup`'s; `done` holds the success message.
 */
export type AccountFormSlot =
  | "root"
  | "title"
  | "error"
  | "form"
  | "field"
  | "label"
  | "input"
  | "password"
  | "password-toggle"
  | "hint"
  | "field-error"
  | "submit"
  | "status"
  | "done"
  | "footer"
  | "link"
  // MfaSetup's own: the QR code, the setup key and its value, the copy and download buttons,
  // the recovery codes and their heading, and the "I saved them" checkbox.
  | "qr"
  | "key"
  | "key-value"
  | "copy"
  | "codes"
  | "codes-title"
  | "download"
  | "checkbox"

/** Props that every account form takes; other `<div>` attributes go to the root. */
export interface AccountFormProps extends Omit<ComponentPropsWithoutRef<"div">, "title"> {
  /** The heading; `false` for none. @default the form's own, e.g. "Create account" */
  title?: ReactNode | false
  /** The heading's level: `"h1"` when the form is the page's main content. @default "h2" */
  titleAs?: "h1" | "h2" | "h3"
  /** Replaces some strings for this form only (`messages.accounts`, `messages.loginForm`). */
  messages?: MessagesOverride
  /** Classes by part, merged after the kit's; `className` styles the root. */
  classNames?: Partial<Record<AccountFormSlot, string>>
  /** Drop the kit's own classes and style from scratch via `data-slot`. @default false */
  unstyled?: boolean
}

/** Props of the forms that set a password. */
export interface NewPasswordProps {
  /** The shortest password the server takes, for the rules shown and the check before submitting. @default 8 */
  minPasswordLength?: number
  /** The longest. @default 128 */
  maxPasswordLength?: number
}

/** The strings of the account forms: `messages` with `accounts` filled in. */
export type AccountStrings = Messages & { accounts: AccountMessages }

/**
 * The strings, settings and `part()` styling helper of one account form (or of `MfaSetup`, or
 * an auth page), with its title's options.
 */
export function useKit(slot: string, consumer: Consumer, { messages, classNames, unstyled, title, titleAs }: AccountFormProps) {
  const settings = useSettings(consumer)
  const m = useMemo(() => resolveAccountMessages(settings.messages, messages), [settings.messages, messages])
  const part = parts(slot, unstyled, classNames)
  return {
    ...settings,
    m,
    t: m.accounts,
    part,
    title,
    titleAs,
    /** A link to one of the app's pages (the browser needs the basePath). */
    link: (path: string | undefined, text: string) => (path ? <AccountFormLink href={settings.config.basePath + path}>{text}</AccountFormLink> : null),
    go: (path: string) => settings.navigate(settings.config.basePath + safeCallbackUrl(path)),
  }
}

export type Kit = ReturnType<typeof useKit>

/**
 * The root `<div>` with `data-state`, and the heading unless `title` is `false`, for a
 * component that is not one form (`MfaSetup`, the auth pages).
 */
export function Root({ k, state, heading, props, children }: { k: Kit; state: string; heading: string; props: AccountFormProps; children: ReactNode }) {
  return (
    <AccountFormRoot form={{ ...k, state, title: k.title ?? heading } as unknown as AccountFormContextValue} props={props}>
      <AccountFormTitle />
      {children}
    </AccountFormRoot>
  )
}

/**
 * A query parameter of the page (`?token=` of an emailed link, `?error=` of next-auth's error
 * page), read on the client after hydration (the server's render has no URL): `undefined`
 * until then, `""` when there is none. A given value wins. With `strip`, the parameter is taken
 * out of the address bar, the history and later Referer headers once read (a token).
 */
export function useFromUrl(name: string, given: string | undefined, strip?: boolean): string | undefined {
  const [value, setValue] = useState<string>()
  useEffect(() => {
    if (given !== undefined) return
    const url = new URL(location.href)
    // StrictMode runs this twice: the second run finds the address bar already cleaned.
    setValue((read) => url.searchParams.get(name) ?? read ?? "")
    if (strip && url.searchParams.has(name)) {
      url.searchParams.delete(name)
      history.replaceState(history.state, "", url.pathname + url.search + url.hash)
    }
  }, [given, name, strip])
  return given ?? value
}

/**
 * What a field asks for: `email`, `name`, a `new` password (with the rules shown), the
 * `current` one, the `confirm`ation of the new one, a one-time `code` from an authenticator app,
 * a picture's `url`, or a `phrase` to type as shown (checked, never posted).
 */
export type FieldKind = "email" | "name" | "new" | "current" | "confirm" | "code" | "url" | "phrase"

/**
 * A field's extras: its first `value`, a `hint` under it, for a `phrase` the text to type, and
 * what to say for some refusals, by code (`mismatch`: the phrase differs).
 */
export interface FieldExtras {
  value?: string
  hint?: string
  phrase?: string
  errors?: Partial<Record<string, string>>
}

/** A field of an account form: its `name` (as posted), kind and label, and its extras. */
export type FieldSpec = [name: string, kind: FieldKind, label: string, extras?: FieldExtras]

/**
 * What the parts of an account form share, from its root (`SignUpFormRoot`, …): the strings,
 * the request's state, the fields the root knows, and what replaces the form. Read it with
 * {@link useAccountForm} to build a part of your own.
 */
export interface AccountFormContextValue {
  /** The strings, with the provider's and the form's overrides applied. */
  m: AccountStrings
  /** `m.accounts`. */
  t: AccountMessages
  /** The styling helper: `data-slot="<form>-<slot>"` and the classes (see `LoginFormContextValue.part`). */
  part: Part<AccountFormSlot>
  /** The heading's text, as `title` gives it (`false`: none) or the form's own, and its level. */
  title: ReactNode | false
  titleAs?: "h1" | "h2" | "h3"
  /**
   * The form's state, its root's `data-state`: the request's `status` (`idle`, `pending`,
   * `success`, `error`), `error` at a dead end too; `VerifyEmail`'s also `invalid`.
   */
  state: string
  /** The request: its status, error and answer. */
  action: AccountActionState
  /** The fields the root checks and posts, by `name`: `[name, kind, label]`. */
  fields: FieldSpec[]
  /** The submit button's text. */
  submit: string
  /** The password length the rules show and the check enforces. */
  min: number
  max: number
  /** What replaces the form for good (an invalid link, an ended session), if anything. */
  view: ReactNode
  /** The success message once the server said yes, else `null`. */
  done: ReactNode
  /** The links under the form, by default. */
  footer: ReactNode
  /** Checks the form's fields and posts them. */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void
  /** The form stays after a success, its message above it (a settings card: edit again). */
  persistent?: boolean
  /** The submit button is a destructive one (deleting the account). */
  danger?: boolean
}

// Not destructured, and pure, and its provider read where it is rendered: an app without the
// account forms drops it all.
const accountForm = /* @__PURE__ */ createKitContext<AccountFormContextValue>(
  process.env.NODE_ENV !== "production"
    ? "SignUpFormRoot`, `ForgotPasswordFormRoot`, `ResetPasswordFormRoot`, `ChangePasswordFormRoot` or `VerifyEmailRoot"
    : undefined,
)

/**
 * An account form's shared state, for a part of your own inside `SignUpFormRoot`,
 * `ForgotPasswordFormRoot`, `ResetPasswordFormRoot`, `ChangePasswordFormRoot` or
 * `VerifyEmailRoot`: the request's status and error, the fields, the strings and `part()`.
 *
 * @param consumer your component (or its name), for the error when it is used outside a root
 * @example
 * ```tsx
 * function Terms() {
 *   const { action } = useAccountForm(Terms)
 *   return <p hidden={action.status === "success"}>By signing up you accept the <a href="/terms">terms</a>.</p>
 * }
 * ```
 */
export function useAccountForm(consumer: Consumer = useAccountForm): AccountFormContextValue {
  return accountForm[1](consumer)
}

/** A password's length as the server counts it: code points after NFKC. */
const passwordLength = (password: string) => [...normalisePassword(password)].length

/** The summary sentence for a failed request. */
export function summary({ locale, accounts: t, accountCards }: AccountStrings, { code, fields, retryAfter = 60 }: AccountError): string {
  if (code === "rate_limited") return format(t.rateLimited, { time: plural(locale, t.minutes, Math.ceil(retryAfter / 60) || 1) })
  // A sensitive action after a sign-in long ago: the sentence the account cards say.
  if (code === "reauthentication_required") return accountCards?.reauthenticate ?? REAUTHENTICATE

  return code === "invalid_input" && fields && Object.keys(fields).length > 0 ? t.summary : t.generic
}

const FIELD_CODES = ["required", "invalid_email", "too_short", "too_long", "too_common", "mismatch", "invalid_code"]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** What a root tells {@link useAccountFormState} about its form. */
export interface AccountFormSpec {
  /** The form's own heading, when the root's `title` gives none. */
  heading?: string
  fields: FieldSpec[]
  submit: string
  /** Posted beside the fields (a token). */
  extra?: Record<string, string>
  min?: number
  max?: number
  /** The success message, from what was submitted. */
  done?: (values: Record<string, string>) => ReactNode
  view?: ReactNode
  footer?: ReactNode
  /** After the server said yes, with what was submitted. */
  onSent?: (values: Record<string, string>) => void
  persistent?: boolean
  danger?: boolean
}

/**
 * The state of one account form: checks the fields it knows before anything is posted
 * (required, the email's shape, the password's length, the confirmation, which is never
 * posted), posts them once at a time with `action`, and keeps what was sent for the success
 * message.
 */
export function useAccountFormState(
  k: Pick<AccountFormContextValue, "m" | "t" | "part" | "title" | "titleAs">,
  action: AccountActionState,
  { heading, fields, submit, extra, min = 8, max = 128, done, view, footer, onSent, persistent, danger }: AccountFormSpec,
): AccountFormContextValue {
  // What was sent, for the success message: set just after the answer, which React 18 may
  // render apart from it.
  const [values, setValues] = useState<Record<string, string> | null>(null)
  return {
    ...k,
    title: k.title ?? heading,
    state: view ? "error" : action.status,
    action,
    fields,
    submit,
    min,
    max,
    view,
    done: action.status === "success" && values ? done?.(values) : null,
    footer,
    persistent,
    danger,
    onSubmit: async (event) => {
      event.preventDefault()
      if (action.status === "pending") return
      const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>
      const body: Record<string, string> = { ...extra }
      const problems: Record<string, string> = {}
      for (const [name, kind, , extras] of fields) {
        const value = values[name]
        // A field the app left out of its form is neither checked nor posted.
        if (value === undefined) continue
        const problem = !value
          ? kind === "name" || kind === "url"
            ? ""
            : "required"
          : kind === "email"
            ? EMAIL.test(value.trim()) ? "" : "invalid_email"
            : kind === "new"
              ? passwordLength(value) < min ? "too_short" : passwordLength(value) > max ? "too_long" : ""
              : (kind === "confirm" && value !== values[fields.find((f) => f[1] === "new")![0]]) ||
                  (kind === "phrase" && value.trim().toLowerCase() !== extras?.phrase?.toLowerCase())
                ? "mismatch"
                : ""
        if (problem) problems[name] = problem
        if (kind !== "confirm" && kind !== "phrase") body[name] = value
      }
      if (Object.keys(problems).length > 0) return action.set({ code: "invalid_input", fields: problems })
      if (await action.run(body)) {
        setValues(values)
        onSent?.(values)
      }
    },
  }
}

/** Props of {@link AccountFormTitle}. */
export type AccountFormTitleProps = ComponentPropsWithoutRef<"h2"> & {
  /** The heading level. @default the root's `titleAs` */
  as?: "h1" | "h2" | "h3"
}

/**
 * The form's heading: the root's `title`, else the form's own ("Create account", …), unless
 * given children; nothing when the root's `title` is `false`.
 *
 * @example
 * ```tsx
 * <AccountFormTitle as="h1">Join Acme</AccountFormTitle>
 * ```
 */
export function AccountFormTitle({ as, children, ...props }: AccountFormTitleProps) {
  const { title, titleAs, part } = useAccountForm(AccountFormTitle)
  const Title = as ?? titleAs ?? "h2"
  return title === false ? null : <Title {...part("title", "nak:kit-title", props)}>{children ?? title}</Title>
}

/**
 * What the form says, in the place of its choosing (the closed forms: above the fields). After
 * a failed submit, a summary ("Check the marked fields.", how long to wait when rate limited, a
 * generic sentence for a server error) in a `role="alert"` region that takes focus (always in
 * the DOM, hidden while there is nothing to say, so that screen readers hear it appear); at a
 * dead end (an invalid reset link, an ended session), that message; once the server said yes,
 * the success message ("We sent an email to …") in a status region that takes focus.
 * `className` and the rest go to the summary's region.
 *
 * @example
 * ```tsx
 * <AccountFormMessage className="text-sm" />
 * ```
 */
export function AccountFormMessage(props: ComponentPropsWithoutRef<"div">) {
  const { view, done, action, part, m } = useAccountForm(AccountFormMessage)
  const { error } = action
  return done || view ? (
    <Notice part={part} alert={!done}>
      {done || view}
    </Notice>
  ) : (
    <Alert {...props} part={part} error={error}>
      {error ? summary(m, error) : null}
    </Alert>
  )
}

/**
 * The `<form>`: checks the root's fields, then posts them (a double submit posts once; a field
 * of your own is not sent: the endpoints take fixed bodies). Your
 * `onSubmit` runs first; `event.preventDefault()` there cancels it. Steps aside once the form
 * succeeded, and at a dead end.
 *
 * @default children: every field of the root, then the submit button
 * @example
 * ```tsx
 * <AccountFormFields>
 *   <AccountFormField name="email" placeholder="you@company.com" />
 *   <AccountFormField name="password" />
 *   <AccountFormSubmit />
 * </AccountFormFields>
 * ```
 */
export function AccountFormFields({ children, onSubmit, ...props }: ComponentPropsWithoutRef<"form">) {
  const { fields, done, view, state, part, persistent, onSubmit: submit } = useAccountForm(AccountFormFields)
  return (done && !persistent) || view ? null : (
    <form noValidate aria-busy={state === "pending"} {...part("form", "nak:grid nak:gap-4", props)} onSubmit={compose(onSubmit, submit)}>
      {children ?? (
        <>
          {fields.map(([name]) => (
            <AccountFormField key={name} name={name} />
          ))}
          <AccountFormSubmit />
        </>
      )}
    </form>
  )
}

/** Props of {@link AccountFormField}: `className` styles the field, the rest goes to the `<input>`. */
export interface AccountFormFieldProps extends Omit<ComponentPropsWithoutRef<"input">, "part" | "name"> {
  /**
   * One of the root's fields: `email`, `password` and `name` (`SignUpFormRoot`), `email`
   * (`ForgotPasswordFormRoot`), `password` and `confirmPassword` (`ResetPasswordFormRoot`),
   * `currentPassword`, `newPassword` and `confirmPassword` (`ChangePasswordFormRoot`). Its
   * label, type, `autocomplete`, rules and errors come from the root.
   */
  name: string
  /** The visible label. @default the root's, e.g. "Email" */
  label?: ReactNode
}

/**
 * One of the root's fields, labelled, with the right `type` and `autocomplete` (`email`,
 * `new-password`, `current-password`), the password rules under a new password, the
 * show/hide toggle on passwords, and its error tied to it (`aria-invalid`, `aria-describedby`).
 *
 * @example
 * ```tsx
 * <AccountFormField name="email" placeholder="you@company.com" />
 * ```
 */
export function AccountFormField({ name, label: given, ...props }: AccountFormFieldProps) {
  const { fields, action, m, t, part, min, max } = useAccountForm(AccountFormField)
  const [, kind, label, extras] = fields.find((field) => field[0] === name) ?? []
  // Why the field was refused: a client check's or the server's code.
  const code = action.error?.fields?.[name]
  const text = kind === "email" || kind === "name" || kind === "url" || kind === "phrase"
  const maxLength = kind === "email" ? 254 : kind === "name" ? 100 : kind === "url" ? 2048 : undefined
  return (
    <Field
      part={part}
      name={name}
      label={given ?? label}
      type={kind === "email" || kind === "url" ? kind : text || kind === "code" ? "text" : "password"}
      autoComplete={kind === "url" ? "photo" : kind === "phrase" ? "off" : text ? kind : kind === "code" ? "one-time-code" : kind === "current" ? "current-password" : "new-password"}
      required={kind !== "name" && kind !== "url"}
      maxLength={maxLength}
      defaultValue={extras?.value}
      {...(kind === "email" || kind === "url" || kind === "phrase" ? { autoCapitalize: "none", spellCheck: false } : kind === "code" ? { inputMode: "numeric" as const } : {})}
      hint={kind === "new" ? plural(m.locale, t.passwordRules, min) : extras?.hint}
      error={
        code &&
        (kind === "current" && code === "mismatch"
          ? t.wrongPassword
          : extras?.errors?.[code]
            ? extras.errors[code]
          : plural(m.locale, FIELD_CODES.includes(code) ? t[code as "too_short"] : t.invalid, code === "too_long" ? (maxLength ?? max) : min))
      }
      toggle={text || kind === "code" ? undefined : m.loginForm}
      {...props}
    />
  )
}

/** Props of {@link AccountFormSubmit}. */
export type AccountFormSubmitProps = ComponentPropsWithoutRef<"button"> & AsChildProps

/**
 * The submit button: the form's action ("Create account", …), "Please wait…" and disabled while
 * the request is pending. With `asChild`, your own button, with its own content.
 *
 * @example
 * ```tsx
 * <AccountFormSubmit>Sign me up</AccountFormSubmit>
 * ```
 */
export function AccountFormSubmit({ asChild, children, ...props }: AccountFormSubmitProps) {
  const { state, submit, t, part, danger } = useAccountForm(AccountFormSubmit)
  const pending = state === "pending"
  const Button = asChild ? Slot : "button"
  return (
    <Button type="submit" disabled={pending} {...part("submit", buttonClasses(danger ? "destructive" : "primary", "nak:kit-pad nak:w-full"), props)}>
      {asChild ? children : pending ? t.pending : (children ?? submit)}
    </Button>
  )
}

/**
 * A row of links under the form: the root's ("Sign in") unless given children.
 *
 * @example
 * ```tsx
 * <AccountFormFooter>
 *   <AccountFormLink href="/login">I have an account</AccountFormLink>
 * </AccountFormFooter>
 * ```
 */
export function AccountFormFooter({ children, ...props }: ComponentPropsWithoutRef<"div">) {
  const { footer, part } = useAccountForm(AccountFormFooter)
  const links = children ?? footer
  return links ? <div {...part("footer", "nak:kit-footer", props)}>{links}</div> : null
}

/** Props of {@link AccountFormLink}: with `asChild`, your router's link is rendered with the link's props and classes. */
export type AccountFormLinkProps = ComponentPropsWithoutRef<"a"> & AsChildProps

/**
 * A link in the kit's style (`href` used as it is), for the footer. With `asChild`, your
 * router's link navigates without a full reload.
 *
 * @example
 * ```tsx
 * <AccountFormLink asChild>
 *   <Link href="/login">Sign in</Link>
 * </AccountFormLink>
 * ```
 */
export function AccountFormLink({ asChild, ...props }: AccountFormLinkProps) {
  const Link = asChild ? Slot : "a"
  return <Link {...useAccountForm(AccountFormLink).part("link", "nak:kit-link", props)} />
}

/** The root `<div>` of an account form with its state, sharing `form` with the parts inside it. */
export function AccountFormRoot({ form, props, children }: { form: AccountFormContextValue; props: AccountFormProps; children: ReactNode }): ReactElement {
  const { title, titleAs, messages, classNames, unstyled, ...rest } = props
  const AccountFormProvider = accountForm[0]
  return (
    <AccountFormProvider value={form}>
      <div data-state={form.state} {...form.part("root", "nak:kit-root", rest)}>
        {children}
      </div>
    </AccountFormProvider>
  )
}

/**
 * A form of its own inside another (`MfaSetup`'s steps, `VerifyEmail`'s "send a new link"):
 * its message (summary or success) and its fields, sharing the outer one's strings and slots.
 */
export function AccountFormUnit({ k, action, ...spec }: { k: Pick<AccountFormContextValue, "m" | "t" | "part" | "title" | "titleAs">; action: AccountActionState } & AccountFormSpec) {
  const AccountFormProvider = accountForm[0]
  return (
    <AccountFormProvider value={useAccountFormState(k, action, spec)}>
      <AccountFormMessage />
      <AccountFormFields />
    </AccountFormProvider>
  )
}

/** The parts every closed account form is assembled from, in order. */
export const assembly = (
  <>
    <AccountFormTitle />
    <AccountFormMessage />
    <AccountFormFields />
    <AccountFormFooter />
  </>
)
