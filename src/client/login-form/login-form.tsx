import { getProviders, signIn } from "next-auth/react"
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react"
import { safeCallbackUrl } from "../../shared"
import { useSettings } from "../auth-provider/auth-provider"
import { useMessages } from "../use-messages"
import { cn, kit } from "../lib/cn"
import { buttonClasses, inputClasses } from "../lib/styles"
import { errorMessage, format, type MessagesOverride } from "../messages"

/** A sign-in option, as `getProviders()` returns them. */
export interface LoginProvider {
  id: string
  name: string
  type: "oauth" | "email" | "credentials" | string
}

/** The styled parts of {@link LoginForm}, for `classNames`. */
export type LoginFormSlot =
  | "root"
  | "title"
  | "error"
  | "form"
  | "field"
  | "label"
  | "input"
  | "password-toggle"
  | "submit"
  | "divider"
  | "oauth"
  | "oauth-button"
  | "check-inbox"
  | "skeleton"

/** Props of {@link LoginForm}. */
export interface LoginFormProps {
  /**
   * The sign-in options: what `getProviders()` returns, or a list. Left out, they are
   * fetched with `getProviders()`, with a skeleton meanwhile.
   */
  providers?: Record<string, LoginProvider> | readonly LoginProvider[] | null
  /**
   * Where to go after signing in; sanitised with `safeCallbackUrl`.
   * @default the page's `?callbackUrl=`, else "/"
   */
  callbackUrl?: string
  /** Called with the target URL after a successful sign-in, before navigating. */
  onSuccess?: (url: string) => void
  /** Called with next-auth's error code when signing in fails. */
  onError?: (code: string) => void
  /** An error code to show at first. @default the page's `?error=` */
  error?: string | null
  /** What the credentials form asks for. @default "email" */
  identifier?: "email" | "username"
  /** Navigate to the callback URL after signing in. @default true */
  redirectOnSuccess?: boolean
  /** The heading; `false` for none. @default messages.loginForm.title */
  title?: ReactNode | false
  /** The heading's level: `"h1"` when the form is the page's main content. @default "h2" */
  titleAs?: "h1" | "h2" | "h3"
  /** Replaces some strings for this form only. */
  messages?: MessagesOverride
  /** Classes for the root, merged after the kit's. */
  className?: string
  /** Classes by part. */
  classNames?: Partial<Record<LoginFormSlot, string>>
  /** Drop the kit's own classes and style from scratch via `data-slot`. @default false */
  unstyled?: boolean
}

type Pending = null | "credentials" | "email" | { provider: string }

function toList(providers: LoginFormProps["providers"]): LoginProvider[] | null {
  if (!providers) return null
  return Array.isArray(providers) ? [...providers] : Object.values(providers)
}

function fromQuery(name: string): string | null {
  return typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get(name)
}

/**
 * A complete sign-in form: credentials, OAuth buttons and an email link, as the providers
 * configure. It signs in with `signIn(…, { redirect: false })`, shows next-auth's errors (and a
 * `?error=` in the URL) as plain sentences in a live region without ever saying whether an
 * account exists, blocks double submits, and then sends the user to the sanitised
 * `callbackUrl`.
 *
 * @example
 * ```tsx
 * // pages/login.tsx
 * export default function Login() {
 *   return <LoginForm />
 * }
 * <LoginForm providers={await getProviders()} callbackUrl="/dashboard" identifier="username" />
 * ```
 */
export function LoginForm({
  providers: given,
  callbackUrl,
  onSuccess,
  onError,
  error: initialError,
  identifier = "email",
  redirectOnSuccess = true,
  title,
  titleAs: Title = "h2",
  messages: override,
  className,
  classNames = {},
  unstyled,
}: LoginFormProps) {
  const { navigate } = useSettings("LoginForm")
  const messages = useMessages("LoginForm", override)
  const t = messages.loginForm
  const id = useId()
  const [fetched, setFetched] = useState<LoginProvider[] | null>(null)
  const [error, setError] = useState<string | null>(initialError ?? null)
  const [pending, setPending] = useState<Pending>(null)
  const [showPassword, setShowPassword] = useState(false)
  const [sentTo, setSentTo] = useState<string | null>(null)
  const busy = useRef(false)
  const errorRef = useRef<HTMLDivElement>(null)
  const inboxRef = useRef<HTMLHeadingElement>(null)

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

  // The URL's ?error= only on the client, after hydration.
  useEffect(() => {
    if (initialError === undefined) {
      const code = fromQuery("error")
      if (code) setError(code)
    }
  }, [initialError])

  useEffect(() => {
    if (error) errorRef.current?.focus()
  }, [error])
  useEffect(() => {
    if (sentTo) inboxRef.current?.focus()
  }, [sentTo])

  const target = () => safeCallbackUrl(callbackUrl ?? fromQuery("callbackUrl"), { origin: window.location.origin })
  const slot = (name: LoginFormSlot, classes: string) => cn(kit(unstyled, classes), classNames[name])

  async function run(kind: Exclude<Pending, null>, action: () => Promise<void>) {
    if (busy.current) return
    busy.current = true
    setPending(kind)
    setError(null)
    try {
      await action()
    } finally {
      busy.current = false
      setPending(null)
    }
  }

  const fail = (code: string) => {
    setError(code)
    onError?.(code)
  }

  const credentialsProvider = providers?.find((p) => p.type === "credentials")
  const emailProvider = providers?.find((p) => p.type === "email")
  const oauthProviders = providers?.filter((p) => p.type === "oauth") ?? []

  function submitCredentials(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    void run("credentials", async () => {
      const to = target()
      const result = await signIn(credentialsProvider!.id, {
        redirect: false,
        callbackUrl: to,
        [identifier]: String(data.get(identifier) ?? ""),
        password: String(data.get("password") ?? ""),
      })
      if (!result || result.error || !result.ok) return fail(result?.error ?? "default")
      const next = safeCallbackUrl(result.url ?? to, { origin: window.location.origin, fallback: to })
      onSuccess?.(next)
      if (redirectOnSuccess) navigate(next)
    })
  }

  function submitEmail(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim()
    void run("email", async () => {
      const result = await signIn(emailProvider!.id, { redirect: false, email, callbackUrl: target() })
      if (!result || result.error || !result.ok) return fail(result?.error ?? "EmailSignin")
      setSentTo(email)
    })
  }

  function signInWith(provider: LoginProvider) {
    void run({ provider: provider.id }, async () => {
      // OAuth leaves the page: next-auth navigates to the provider itself.
      await signIn(provider.id, { callbackUrl: target() })
    })
  }

  const errorId = `${id}-error`
  const invalid = error === "CredentialsSignin"
  const field = slot("field", "nak:grid nak:gap-1.5")
  const label = slot("label", "nak:text-sm nak:font-medium")
  const input = slot("input", inputClasses)
  const button = (primary: boolean) => `${buttonClasses(primary ? "primary" : "secondary")} nak:w-full`

  if (sentTo) {
    return (
      <div data-slot="login-form" data-state="email-sent" className={cn(slot("root", "nak:grid nak:gap-4 nak:font-kit nak:text-foreground"), className)}>
        <div data-slot="login-form-check-inbox" role="status" className={slot("check-inbox", "nak:grid nak:gap-2")}>
          <h2 ref={inboxRef} tabIndex={-1} className={kit(unstyled, "nak:m-0 nak:text-lg nak:font-semibold nak:outline-none")}>
            {t.checkInboxTitle}
          </h2>
          <p className={kit(unstyled, "nak:m-0 nak:text-sm nak:text-muted-foreground")}>{format(t.checkInboxBody, { email: sentTo })}</p>
        </div>
        <button type="button" data-slot="login-form-submit" className={slot("submit", button(false))} onClick={() => setSentTo(null)}>
          {t.useAnotherEmail}
        </button>
      </div>
    )
  }

  return (
    <div
      data-slot="login-form"
      data-state={pending ? "submitting" : error ? "error" : providers ? "idle" : "loading"}
      className={cn(slot("root", "nak:grid nak:w-full nak:max-w-sm nak:gap-5 nak:font-kit nak:text-foreground"), className)}
    >
      {title === false ? null : (
        <Title data-slot="login-form-title" className={slot("title", "nak:m-0 nak:text-xl nak:font-semibold")}>
          {title ?? t.title}
        </Title>
      )}

      <div
        ref={errorRef}
        id={errorId}
        role="alert"
        tabIndex={-1}
        data-slot="login-form-error"
        data-error={error ?? undefined}
        hidden={!error}
        className={slot("error", "nak:rounded-kit nak:border nak:border-destructive nak:px-3 nak:py-2 nak:text-sm nak:text-destructive nak:outline-none")}
      >
        {error ? errorMessage(messages, error) : null}
      </div>

      {providers === null ? (
        <div data-slot="login-form-skeleton" role="status" aria-live="polite" className={slot("skeleton", "nak:grid nak:gap-3")}>
          <span className={kit(unstyled, "nak:sr-only")}>{t.loadingProviders}</span>
          <div aria-hidden="true" className={kit(unstyled, "nak:h-9 nak:animate-pulse nak:rounded-kit nak:bg-muted")} />
          <div aria-hidden="true" className={kit(unstyled, "nak:h-9 nak:animate-pulse nak:rounded-kit nak:bg-muted")} />
          <div aria-hidden="true" className={kit(unstyled, "nak:h-9 nak:animate-pulse nak:rounded-kit nak:bg-muted")} />
        </div>
      ) : providers.length === 0 ? (
        <p className={kit(unstyled, "nak:m-0 nak:text-sm nak:text-muted-foreground")}>{t.noProviders}</p>
      ) : null}

      {credentialsProvider ? (
        <form
          data-slot="login-form-credentials"
          noValidate
          onSubmit={submitCredentials}
          aria-busy={pending === "credentials"}
          className={slot("form", "nak:grid nak:gap-4")}
        >
          <div data-slot="login-form-field" className={field}>
            <label htmlFor={`${id}-identifier`} className={label}>
              {identifier === "email" ? t.emailLabel : t.usernameLabel}
            </label>
            <input
              id={`${id}-identifier`}
              name={identifier}
              type={identifier === "email" ? "email" : "text"}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={320}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? errorId : undefined}
              disabled={pending !== null}
              data-slot="login-form-input"
              className={input}
            />
          </div>
          <div data-slot="login-form-field" className={field}>
            <label htmlFor={`${id}-password`} className={label}>
              {t.passwordLabel}
            </label>
            <div className={kit(unstyled, "nak:relative")}>
              <input
                id={`${id}-password`}
                name="password"
                type={showPassword ? "text" : "password"}
                autoComplete="current-password"
                required
                maxLength={1024}
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? errorId : undefined}
                disabled={pending !== null}
                data-slot="login-form-input"
                className={cn(input, kit(unstyled, "nak:pr-20"))}
              />
              <button
                type="button"
                data-slot="login-form-password-toggle"
                aria-controls={`${id}-password`}
                aria-pressed={showPassword}
                onClick={() => setShowPassword((shown) => !shown)}
                className={slot(
                  "password-toggle",
                  `${buttonClasses("quiet", "nak:justify-center nak:px-3")} nak:absolute nak:inset-y-0 nak:right-0`,
                )}
              >
                {showPassword ? t.hidePassword : t.showPassword}
              </button>
            </div>
          </div>
          <button type="submit" data-slot="login-form-submit" disabled={pending !== null} className={slot("submit", button(true))}>
            {pending === "credentials" ? t.submitting : t.submit}
          </button>
        </form>
      ) : null}

      {credentialsProvider && (oauthProviders.length > 0 || emailProvider) ? (
        <div data-slot="login-form-divider" className={slot("divider", "nak:flex nak:items-center nak:gap-3 nak:text-xs nak:uppercase nak:text-muted-foreground")}>
          <span aria-hidden="true" className={kit(unstyled, "nak:h-px nak:flex-1 nak:bg-border")} />
          {t.divider}
          <span aria-hidden="true" className={kit(unstyled, "nak:h-px nak:flex-1 nak:bg-border")} />
        </div>
      ) : null}

      {oauthProviders.length > 0 ? (
        <div data-slot="login-form-oauth" className={slot("oauth", "nak:grid nak:gap-2")}>
          {oauthProviders.map((provider) => (
            <button
              key={provider.id}
              type="button"
              data-slot="login-form-oauth-button"
              data-provider={provider.id}
              disabled={pending !== null}
              aria-busy={typeof pending === "object" && pending?.provider === provider.id}
              onClick={() => signInWith(provider)}
              className={slot("oauth-button", button(false))}
            >
              {format(t.continueWith, { provider: provider.name })}
            </button>
          ))}
        </div>
      ) : null}

      {emailProvider ? (
        <form data-slot="login-form-email" noValidate onSubmit={submitEmail} aria-busy={pending === "email"} className={slot("form", "nak:grid nak:gap-3")}>
          <div data-slot="login-form-field" className={field}>
            <label htmlFor={`${id}-email-link`} className={label}>
              {t.emailLinkLabel}
            </label>
            <input
              id={`${id}-email-link`}
              name="email"
              type="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={320}
              disabled={pending !== null}
              data-slot="login-form-input"
              className={input}
            />
          </div>
          <button type="submit" data-slot="login-form-submit" disabled={pending !== null} className={slot("submit", button(!credentialsProvider))}>
            {t.emailLinkSubmit}
          </button>
        </form>
      ) : null}
    </div>
  )
}
