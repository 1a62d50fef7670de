/**
 * The account emails' strings as functions, the form `renderEmail` reads. The languages
 * themselves are {@link ServerMessages} (`src/server/locales`); `createAccounts({ messages })`
 * changes the English ones in this form.
 */
import type { EngineEmailKind } from "../../core/accounts/engine"
import { formatDuration, formatMessage, formatTime, type ServerEmailTemplate, type ServerMessages } from "../i18n/messages"
import { en } from "../locales/en"

/**
 * The kinds of email the kit sends: the link to verify an address, the link to reset a
 * password, "someone tried to sign up with your address", "your password was changed",
 * "two-factor authentication was turned on" / "… off" (`mfa-enabled`, `mfa-disabled`), and
 * "a new sign-in" from a browser the user had not used before (`new-sign-in`), "your
 * account was deleted" (`account-deleted`), and for an email change: the link to the new
 * address (`change-email`), the notice to the old one (`email-change-requested`), "someone tried
 * to use your address for another account" to the owner of a taken address
 * (`email-change-attempt`) and "your email was changed" to the old address (`email-changed`),
 * and "a passkey was added" / "… removed" (`passkey-added`, `passkey-removed`, linking to the
 * account page).
 *
 * @example
 * ```ts
 * const sendEmail = async (email: AccountEmail) => (email.kind === "reset-password" ? urgent : normal).send(email)
 * ```
 */
export type AccountEmailKind = EngineEmailKind

/**
 * What each email's strings may use.
 *
 * @example
 * ```ts
 * const subject = ({ appName, name }: EmailContext) => `${name ?? "Hi"}, welcome to ${appName}`
 * ```
 */
export interface EmailContext {
  /** The app's name, for subjects and signatures. */
  appName: string
  /** The recipient's display name, or `null`. Plain text: the kit escapes it for HTML. */
  name: string | null
  /** How long the link works, in words ("24 hours"), for the kinds with a token. */
  expiresIn: string
  /** `new-sign-in`: when, in words, UTC ("December 5, 2026 at 7:30:12 PM UTC"); else empty. */
  time?: string
  /** `new-sign-in`: the browser ("Firefox 128"), "—" when unknown; else empty. */
  browser?: string
  /** `new-sign-in`: the operating system ("Windows 10"), "—" when unknown; else empty. */
  os?: string
  /** `new-sign-in`: the client IP, "—" when unknown; else empty. */
  ip?: string
  /** The email change's kinds: the address asked for (plain text, escaped for HTML by the kit); else empty. */
  email?: string
}

/**
 * The strings of one kind of email.
 *
 * @example
 * ```ts
 * const reset: Partial<EmailMessages> = { action: "Passwort zurücksetzen", subject: () => "Neues Passwort" }
 * ```
 */
export interface EmailMessages {
  subject: (context: EmailContext) => string
  /** The paragraphs before the button. */
  intro: (context: EmailContext) => string[]
  /** The button's label; the button links to the email's `url`. */
  action: string
  /** The paragraphs after the button. */
  outro: (context: EmailContext) => string[]
}

/**
 * The strings of the account emails in one language, as functions. See
 * {@link defaultAccountMessages} for the English ones; the other languages are
 * {@link ServerMessages} (`createAccounts({ locales })`).
 *
 * @example
 * ```ts
 * const german: AccountMessages = { ...defaultAccountMessages, greeting: (name) => (name ? `Hallo ${name},` : "Hallo,") }
 * ```
 */
export interface AccountMessages {
  /**
   * The language of the strings, a BCP 47 tag: the HTML email's `lang` and `dir`.
   * @default "en"
   */
  locale?: string
  /** The first line: "Hello Ada," or "Hello,". */
  greeting: (name: string | null) => string
  /** Under the button: "If the button does not work, open this link:". */
  linkFallback: string
  /** The last line. */
  signature: (appName: string) => string
  /** A duration in words: 3_600_000 → "1 hour". */
  duration: (ms: number) => string
  /** A moment in words, UTC (the `new-sign-in` email's `{time}`). @default in `locale`, by `Intl.DateTimeFormat` */
  time?: (date: Date) => string
  emails: Record<AccountEmailKind, EmailMessages>
}

/**
 * A partial {@link AccountMessages}: the strings given replace the English ones (the other
 * languages are changed by passing a changed locale in `locales`).
 *
 * @example
 * ```ts
 * const messages: AccountMessagesOverride = { signature: (appName) => `Your friends at ${appName}` }
 * ```
 */
export type AccountMessagesOverride = Partial<Omit<AccountMessages, "emails">> & {
  emails?: Partial<Record<AccountEmailKind, Partial<EmailMessages>>>
}

/**
 * A {@link ServerMessages}' email strings as {@link AccountMessages}: placeholders filled in,
 * durations in words by `Intl.NumberFormat` for its `locale`.
 *
 * @example
 * ```ts
 * import { fr } from "next-auth-kit/locales/fr/server"
 * const french = accountMessagesOf(fr)
 * french.duration(3_600_000) // "1 heure"
 * ```
 */
export function accountMessagesOf(messages: ServerMessages): AccountMessages {
  const { locale, emails } = messages
  const fill = (template: string, context: Partial<EmailContext>) =>
    formatMessage(template, {
      appName: context.appName ?? "",
      name: context.name ?? "",
      expiresIn: context.expiresIn ?? "",
      time: context.time ?? "",
      browser: context.browser ?? "",
      os: context.os ?? "",
      ip: context.ip ?? "",
      email: context.email ?? "",
    })
  const kind = (template: ServerEmailTemplate): EmailMessages => ({
    subject: (context) => fill(template.subject, context),
    intro: (context) => template.intro.map((line) => fill(line, context)),
    action: template.action,
    outro: (context) => template.outro.map((line) => fill(line, context)),
  })
  return {
    locale,
    greeting: (name) => (name ? fill(emails.greeting, { name }) : emails.greetingAnonymous),
    linkFallback: emails.linkFallback,
    signature: (appName) => fill(emails.signature, { appName }),
    duration: (ms) => formatDuration(ms, locale),
    time: (date) => formatTime(date, locale),
    emails: {
      "verify-email": kind(emails["verify-email"]),
      "reset-password": kind(emails["reset-password"]),
      "signup-attempt": kind(emails["signup-attempt"]),
      "password-changed": kind(emails["password-changed"]),
      "mfa-enabled": kind(emails["mfa-enabled"]),
      "mfa-disabled": kind(emails["mfa-disabled"]),
      "new-sign-in": kind(emails["new-sign-in"]),
      "account-deleted": kind(emails["account-deleted"]),
      "change-email": kind(emails["change-email"]),
      "email-change-requested": kind(emails["email-change-requested"]),
      "email-change-attempt": kind(emails["email-change-attempt"]),
      "email-changed": kind(emails["email-changed"]),
      "passkey-added": kind(emails["passkey-added"]),
      "passkey-removed": kind(emails["passkey-removed"]),
    },
  }
}

/**
 * The English strings of the account emails, as functions (from the built-in English
 * {@link ServerMessages}, `next-auth-kit/locales/en/server`).
 *
 * @example
 * ```ts
 * createAccounts({
 *   store, sendEmail,
 *   messages: { emails: { "verify-email": { subject: ({ appName }) => `Welcome to ${appName}!` } } },
 * })
 * ```
 */
export const defaultAccountMessages: AccountMessages = accountMessagesOf(en)

/** The English strings (or `base`) with the app's overrides on top. */
export function mergeMessages(override: AccountMessagesOverride | undefined, base: AccountMessages = defaultAccountMessages): AccountMessages {
  if (!override) return base
  const { emails, ...rest } = override
  const merged = { ...base, ...rest, emails: { ...base.emails } }
  for (const kind of Object.keys(emails ?? {}) as AccountEmailKind[]) {
    merged.emails[kind] = { ...base.emails[kind], ...emails![kind] }
  }
  return merged
}
