import type { ApiErrorCode } from "../../core/api-errors"
import type { EngineEmailKind as AccountEmailKind } from "../../core/accounts/engine"

/**
 * The strings of one kind of account email. Plain text with `{placeholders}`: `{appName}`,
 * `{name}` (the recipient's name, empty when there is none), `{expiresIn}` (how long the
 * link works, in words, for `verify-email` and `reset-password`), and for `new-sign-in`
 * `{time}` (when, in the email's language, UTC), `{browser}`, `{os}` and `{ip}` ("—" when
 * unknown), and for the email change's kinds `{email}` (the address asked for). The kit escapes the whole line for the HTML body, values included, so write no
 * HTML here.
 *
 * @example
 * ```ts
 * const reset: ServerEmailTemplate = {
 *   subject: "Reset your {appName} password",
 *   intro: ["Someone (hopefully you) asked to reset the password of your account."],
 *   action: "Choose a new password",
 *   outro: ["This link works once and expires in {expiresIn}."],
 * }
 * ```
 */
export interface ServerEmailTemplate {
  subject: string
  /** The paragraphs before the button. */
  intro: readonly string[]
  /** The button's label; the button links to the email's `url`. */
  action: string
  /** The paragraphs after the button. */
  outro: readonly string[]
}

/**
 * The strings of the account emails in one language: the parts every email shares, and one
 * {@link ServerEmailTemplate} per {@link AccountEmailKind}.
 *
 * @example
 * ```ts
 * import { fr } from "next-auth-kit/locales/fr/server"
 * const emails: ServerEmailMessages = { ...fr.emails, signature: "L'équipe {appName}" }
 * ```
 */
export interface ServerEmailMessages extends Record<AccountEmailKind, ServerEmailTemplate> {
  /** The first line, with `{name}`: "Hello {name},". */
  greeting: string
  /** The first line when the recipient has no name: "Hello,". */
  greetingAnonymous: string
  /** Above the link written out: "If the button does not work, copy this link into your browser:". */
  linkFallback: string
  /** The last line, with `{appName}`: "— {appName}". */
  signature: string
}

/**
 * Every string the server sends in one language: the `message` of each API error and the
 * account emails. The kit ships one per language as `next-auth-kit/locales/<tag>/server`;
 * English is built in ({@link defaultServerMessages}). Give them to `createAuthKit` and
 * `createAccounts` as `locales`, and each answer and email speaks the request's language.
 *
 * Numbers and durations (`{time}`, `{expiresIn}`) are formatted by `Intl.NumberFormat` for
 * `locale`, plural forms included, so the strings hold none.
 *
 * @example
 * ```ts
 * import { de } from "next-auth-kit/locales/de/server"
 * import { fr } from "next-auth-kit/locales/fr/server"
 *
 * // A language of your own: every key is required, so a missing one is a type error.
 * const sv: ServerMessages = { locale: "sv", errors: { … }, emails: { … } }
 * createAccounts({ ...authConfig, store, sendEmail, locales: [de, fr, sv] })
 * ```
 */
export interface ServerMessages {
  /**
   * The language, a BCP 47 tag (`"fr"`, `"pt-BR"`): matched against `Accept-Language`, sent
   * as `Content-Language`, and the locale of `Intl` formatting and of the HTML emails' `lang`
   * and `dir`.
   */
  locale: string
  /**
   * The `message` of each API error (the `error` code stays the same in every language).
   * `rate_limited` may use `{time}`: how long until the next try ("15 minutes").
   */
  errors: Record<ApiErrorCode, string>
  /** The account emails. */
  emails: ServerEmailMessages
}

/**
 * Fills `{placeholders}` with values, in one pass: a value that itself holds `{name}` stays
 * as it is. Placeholders without a value stay too.
 */
export function formatMessage(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? values[key]! : whole))
}

type Unit = "second" | "minute" | "hour" | "day"
const formats = new Map<string, Intl.NumberFormat>()

const times = new Map<string, Intl.DateTimeFormat>()

/** A moment in words, in UTC: "December 5, 2026 at 7:30:12 PM UTC", "5. Dezember 2026 um 19:30:12 UTC". */
export function formatTime(date: Date, locale: string): string {
  let format = times.get(locale)
  if (!format) times.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "long", timeZone: "UTC" })))
  return format.format(date)
}

/** "24 hours", "24 Stunden", "يومان": the count and its unit, plural forms by CLDR. */
function quantity(locale: string, unit: Unit, count: number): string {
  const key = `${locale} ${unit}`
  let format = formats.get(key)
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" })))
  return format.format(count)
}

const MINUTE = 60_000

/**
 * How long a link works, in words: to the nearest minute under an hour, hour under two days
 * (or when not whole days), else days. 3_600_000 → "1 hour"; in French "1 heure".
 */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.round(ms / MINUTE)
  if (minutes < 60) return quantity(locale, "minute", Math.max(minutes, 1))
  const hours = Math.round(minutes / 60)
  if (hours < 48 || hours % 24 !== 0) return quantity(locale, "hour", hours)
  return quantity(locale, "day", hours / 24)
}

/**
 * How long to wait, from `Retry-After` seconds, rounded up (never promise too early):
 * seconds under a minute, minutes under two hours, then hours. 61 → "2 minutes".
 */
export function formatWait(seconds: number, locale: string): string {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return quantity(locale, "second", s)
  const minutes = Math.ceil(s / 60)
  if (minutes < 120) return quantity(locale, "minute", minutes)
  return quantity(locale, "hour", Math.ceil(minutes / 60))
}

const RTL_SCRIPTS = new Set(["Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"])

/** The writing direction of a language: `rtl` for Arabic, Hebrew, …, else `ltr`. */
export function directionOf(tag: string): "ltr" | "rtl" {
  try {
    const locale = new Intl.Locale(tag) as Intl.Locale & {
      getTextInfo?: () => { direction?: string }
      textInfo?: { direction?: string }
    }
    const direction = (locale.getTextInfo?.() ?? locale.textInfo)?.direction
    if (direction === "rtl" || direction === "ltr") return direction
    return RTL_SCRIPTS.has(locale.maximize().script ?? "") ? "rtl" : "ltr"
  } catch {
    return "ltr"
  }
}
