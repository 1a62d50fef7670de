import { normalisePassword } from "../../core/account-rules"
import {
  type ComponentPropsWithoutRef,
  type FormEvent,
  type ReactNode,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react"
import { safeCallbackUrl } from "../../core"
import { useSettings } from "../auth-provider/auth-provider"
import { cn, kit } from "../lib/cn"
import { buttonClasses, inputClasses, passwordInputClasses } from "../lib/styles"
import { type AccountMessages, format, type Messages, type MessagesOverride, plural, resolveAccountMessages } from "../messages"
import type { AccountActionState, AccountError } from "./use-account-action"

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

/** The strings, ids, settings and the `part()` styling helper of one account form. */
export function useKit(slot: string, consumer: string, { messages, classNames, unstyled }: AccountFormProps) {
  const settings = useSettings(consumer)
  const m = useMemo(() => resolveAccountMessages(settings.messages, messages), [settings.messages, messages])
  const part = (name: AccountFormSlot, classes: string, props: { className?: string } = {}) => ({
    "data-slot": name === "root" ? slot : `${slot}-${name}`,
    ...props,
    className: cn(kit(unstyled, classes), classNames?.[name], props.className),
  })
  return {
    ...settings,
    m,
    t: m.accounts,
    id: useId(),
    part,
    /** A link to one of the app's pages (the browser needs the basePath). */
    link: (path: string | undefined, text: string) =>
      path ? (
        <a href={settings.config.basePath + path} {...part("link", "nak:kit-link")}>
          {text}
        </a>
      ) : null,
    go: (path: string) => settings.navigate(settings.config.basePath + safeCallbackUrl(path)),
  }
}

export type Kit = ReturnType<typeof useKit>

/** The root `<div>` with `data-state`, and the heading. */
export function Root({
  k,
  state,
  heading,
  props: { title, titleAs: Title = "h2", messages, classNames, unstyled, ...props },
  children,
}: {
  k: Kit
  state: string
  heading: string
  props: AccountFormProps
  children: ReactNode
}) {
  return (
    <div data-state={state} {...k.part("root", "nak:kit-root", props)}>
      {title === false ? null : <Title {...k.part("title", "nak:kit-title")}>{title ?? heading}</Title>}
      {children}
    </div>
  )
}

/** A message that replaces the form (success, or a dead end such as an invalid link) and takes focus. */
export function Notice({ k, alert, children }: { k: Kit; alert?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <div
      ref={ref}
      role={alert ? "alert" : "status"}
      tabIndex={-1}
      {...k.part(alert ? "error" : "done", "nak:kit-notice nak:outline-none")}
    >
      {children}
    </div>
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

/** A password's length as the server counts it: code points after NFKC. */
const passwordLength = (password: string) => [...normalisePassword(password)].length

/** The summary sentence for a failed request. */
export function summary({ locale, accounts: t }: Messages & { accounts: AccountMessages }, { code, fields, retryAfter = 60 }: AccountError): string {
  if (code === "rate_limited") return format(t.rateLimited, { time: plural(locale, t.minutes, Math.ceil(retryAfter / 60) || 1) })
  return code === "invalid_input" && fields && Object.keys(fields).length > 0 ? t.summary : t.generic
}

const FIELD_CODES = ["required", "invalid_email", "too_short", "too_long", "too_common", "mismatch", "invalid_code"]

/**
 * What a field asks for: `email`, `name`, a `new` password (with the rules shown), the
 * `current` one, the `confirm`ation of the new one, or a one-time `code` from an authenticator app.
 */
export type FieldKind = "email" | "name" | "new" | "current" | "confirm" | "code"

/** A field of an account form: its `name` (as posted), kind and label. */
export type FieldSpec = [name: string, kind: FieldKind, label: string]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * The form itself: labelled fields with their rules and errors, checked before anything is
 * posted, a live summary that takes focus when submitting fails, and a submit button that is
 * disabled while the request is pending. The confirmation field is checked, never posted.
 */
export function AccountFields({
  k,
  action,
  fields,
  submit,
  extra,
  min = 8,
  max = 128,
  onSent,
}: {
  k: Kit
  action: AccountActionState
  fields: FieldSpec[]
  submit: string
  /** Posted beside the fields (a token). */
  extra?: Record<string, string>
  min?: number
  max?: number
  /** After the server said yes, with what was submitted. */
  onSent: (values: Record<string, string>) => void
}) {
  const { t, part } = k
  const { error, status } = action
  const summaryRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (error) summaryRef.current?.focus()
  }, [error])

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (status === "pending") return
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>
    const body: Record<string, string> = { ...extra }
    const problems: Record<string, string> = {}
    for (const [name, kind] of fields) {
      const value = values[name] ?? ""
      const problem = !value
        ? kind === "name"
          ? ""
          : "required"
        : kind === "email"
          ? EMAIL.test(value.trim()) ? "" : "invalid_email"
          : kind === "new"
            ? passwordLength(value) < min ? "too_short" : passwordLength(value) > max ? "too_long" : ""
            : kind === "confirm" && value !== values[fields.find((f) => f[1] === "new")![0]]
              ? "mismatch"
              : ""
      if (problem) problems[name] = problem
      if (kind !== "confirm") body[name] = value
    }
    if (Object.keys(problems).length > 0) return action.set({ code: "invalid_input", fields: problems })
    if (await action.run(body)) onSent(values)
  }

  return (
    <>
      <div
        ref={summaryRef}
        role="alert"
        tabIndex={-1}
        hidden={!error}
        {...part("error", "nak:kit-alert")}
      >
        {error ? summary(k.m, error) : null}
      </div>
      <form noValidate aria-busy={status === "pending"} onSubmit={onSubmit} {...part("form", "nak:grid nak:gap-4")}>
        {fields.map(([name, kind, label]) => (
          <Field key={name} k={k} name={name} kind={kind} label={label} code={error?.fields?.[name]} min={min} max={max} />
        ))}
        <button type="submit" disabled={status === "pending"} {...part("submit", buttonClasses("primary", "nak:kit-pad nak:w-full"))}>
          {status === "pending" ? t.pending : submit}
        </button>
      </form>
    </>
  )
}

function Field({
  k: { id, t, m, part },
  name,
  kind,
  label,
  code,
  min,
  max,
}: {
  k: Kit
  name: string
  kind: FieldKind
  label: string
  /** Why the field was refused: a client check's or the server's code. */
  code?: string
  min: number
  max: number
}) {
  const [shown, setShown] = useState(false)
  const inputId = `${id}-${name}`
  const secret = kind !== "email" && kind !== "name" && kind !== "code"
  const maxLength = kind === "email" ? 254 : kind === "name" ? 100 : undefined
  const hint = kind === "new" && plural(m.locale, t.passwordRules, min)
  const error =
    code &&
    (kind === "current" && code === "mismatch"
      ? t.wrongPassword
      : plural(m.locale, FIELD_CODES.includes(code) ? t[code as "too_short"] : t.invalid, code === "too_long" ? (maxLength ?? max) : min))
  const input = (
    <input
      id={inputId}
      name={name}
      type={kind === "email" ? "email" : secret && !shown ? "password" : "text"}
      autoComplete={
        kind === "email" || kind === "name" ? kind : kind === "code" ? "one-time-code" : kind === "current" ? "current-password" : "new-password"
      }
      required={kind !== "name"}
      maxLength={maxLength}
      {...(kind === "email" ? { autoCapitalize: "none", spellCheck: false } : kind === "code" ? { inputMode: "numeric" as const } : {})}
      aria-invalid={error ? true : undefined}
      aria-describedby={cn(hint && `${inputId}-hint`, error && `${inputId}-error`)}
      {...part("input", secret ? passwordInputClasses : inputClasses)}
    />
  )
  return (
    <div {...part("field", "nak:grid nak:gap-1.5")}>
      <label htmlFor={inputId} {...part("label", "nak:kit-label")}>
        {label}
      </label>
      {secret ? (
        <div {...part("password", "nak:relative")}>
          {input}
          <button
            type="button"
            aria-controls={inputId}
            aria-pressed={shown}
            onClick={() => setShown(!shown)}
            {...part("password-toggle", buttonClasses("quiet", "nak:kit-toggle"))}
          >
            {shown ? m.loginForm.hidePassword : m.loginForm.showPassword}
          </button>
        </div>
      ) : (
        input
      )}
      {hint ? (
        <p id={`${inputId}-hint`} {...part("hint", "nak:kit-hint")}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} {...part("field-error", "nak:kit-field-error")}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** The parts an assembled account form is made of; see {@link AccountForm}. */
export interface AccountFormInternals {
  k: Kit
  action: AccountActionState
  props: AccountFormProps
  heading: string
  fields: FieldSpec[]
  submit: string
  extra?: Record<string, string>
  min?: number
  max?: number
  /** The success message, from what was submitted. */
  done: (values: Record<string, string>) => ReactNode
  /** Replaces the form (an invalid link, an ended session). */
  view?: ReactNode
  /** Links under the form. */
  footer?: ReactNode
  onSuccess?: (values: Record<string, string>) => void
  redirectTo?: string
}

/** A whole account form: title, summary, fields, then the success message; links under it. */
export function AccountForm({ k, action, props, heading, done, view, footer, onSuccess, redirectTo, ...fields }: AccountFormInternals) {
  // What was sent, for the success message: set just after the answer, which React 18 may
  // render apart from it.
  const [values, setValues] = useState<Record<string, string> | null>(null)
  return (
    <Root k={k} state={view ? "error" : action.status} heading={heading} props={props}>
      {action.status === "success" && values ? (
        <Notice k={k}>{done(values)}</Notice>
      ) : view ? (
        <Notice k={k} alert>
          {view}
        </Notice>
      ) : (
        <AccountFields
          k={k}
          action={action}
          {...fields}
          onSent={(sent) => {
            setValues(sent)
            onSuccess?.(sent)
            if (redirectTo) k.go(redirectTo)
          }}
        />
      )}
      {footer ? <div {...k.part("footer", "nak:kit-footer")}>{footer}</div> : null}
    </Root>
  )
}
