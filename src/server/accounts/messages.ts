/**
 * Every string of the account emails, in one object so that an app (or a later version of the
 * kit) can translate them: pass a partial copy as `createAccounts({ messages })`.
 */

/**
 * The kinds of email the kit sends: the link to verify an address, the link to reset a
 * password, "someone tried to sign up with your address", "your password was changed", and
 * "two-factor authentication was turned on" / "… off" (`mfa-enabled`, `mfa-disabled`).
 *
 * @example
 * ```ts
 * const sendEmail = async (email: AccountEmail) => (email.kind === "reset-password" ? urgent : normal).send(email)
 * ```
 */
export type AccountEmailKind =
  | "verify-email"
  | "reset-password"
  | "signup-attempt"
  | "password-changed"
  | "mfa-enabled"
  | "mfa-disabled"

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
 * The strings of the account emails. See {@link defaultAccountMessages} for the English ones.
 *
 * @example
 * ```ts
 * const german: AccountMessages = { ...defaultAccountMessages, greeting: (name) => (name ? `Hallo ${name},` : "Hallo,") }
 * ```
 */
export interface AccountMessages {
  /** The first line: "Hello Ada," or "Hello,". */
  greeting: (name: string | null) => string
  /** Under the button: "If the button does not work, open this link:". */
  linkFallback: string
  /** The last line. */
  signature: (appName: string) => string
  /** A duration in words: 3_600_000 → "1 hour". */
  duration: (ms: number) => string
  emails: Record<AccountEmailKind, EmailMessages>
}

/**
 * A partial {@link AccountMessages}: the strings given replace the English ones.
 *
 * @example
 * ```ts
 * const messages: AccountMessagesOverride = { signature: (appName) => `Your friends at ${appName}` }
 * ```
 */
export type AccountMessagesOverride = Partial<Omit<AccountMessages, "emails">> & {
  emails?: Partial<Record<AccountEmailKind, Partial<EmailMessages>>>
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The English strings of the account emails.
 *
 * @example
 * ```ts
 * createAccounts({
 *   store, sendEmail,
 *   messages: { emails: { "verify-email": { subject: ({ appName }) => `Welcome to ${appName}!` } } },
 * })
 * ```
 */
export const defaultAccountMessages: AccountMessages = {
  greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
  linkFallback: "If the button does not work, copy this link into your browser:",
  signature: (appName) => `— ${appName}`,
  duration: (ms) => {
    const minutes = Math.round(ms / 60_000)
    if (minutes < 60) return plural(Math.max(minutes, 1), "minute", "minutes")
    const hours = Math.round(minutes / 60)
    if (hours < 48 || hours % 24 !== 0) return plural(hours, "hour", "hours")
    return plural(hours / 24, "day", "days")
  },
  emails: {
    "verify-email": {
      subject: ({ appName }) => `Confirm your email address for ${appName}`,
      intro: ({ appName }) => [`Thanks for signing up for ${appName}. Please confirm that this is your email address.`],
      action: "Confirm my email address",
      outro: ({ expiresIn }) => [
        `This link works once and expires in ${expiresIn}.`,
        "If you did not create an account, you can ignore this email.",
      ],
    },
    "reset-password": {
      subject: ({ appName }) => `Reset your ${appName} password`,
      intro: () => ["Someone (hopefully you) asked to reset the password of your account."],
      action: "Choose a new password",
      outro: ({ expiresIn }) => [
        `This link works once and expires in ${expiresIn}.`,
        "If you did not ask for this, you can ignore this email: your password stays as it is.",
      ],
    },
    "signup-attempt": {
      subject: ({ appName }) => `Someone tried to sign up for ${appName} with your address`,
      intro: () => [
        "Someone just tried to create an account with your email address. You already have one, so nothing was changed.",
        "If it was you, sign in instead. If you forgot your password, you can reset it from the sign-in page.",
      ],
      action: "Sign in",
      outro: () => ["If it was not you, you can ignore this email."],
    },
    "password-changed": {
      subject: ({ appName }) => `Your ${appName} password was changed`,
      intro: () => [
        "The password of your account was just changed, and every other session of your account was signed out.",
      ],
      action: "Reset my password",
      outro: () => ["If you made this change, there is nothing more to do. If you did not, reset your password now."],
    },
    "mfa-enabled": {
      subject: ({ appName }) => `Two-factor authentication is on for your ${appName} account`,
      intro: () => [
        "Two-factor authentication was just turned on for your account. From now on, signing in asks for a code from your authenticator app (or one of your recovery codes) after your password.",
      ],
      action: "Reset my password",
      outro: () => [
        "If you made this change, keep your recovery codes somewhere safe. If you did not, someone else has access to your account: reset your password now.",
      ],
    },
    "mfa-disabled": {
      subject: ({ appName }) => `Two-factor authentication is off for your ${appName} account`,
      intro: () => ["Two-factor authentication was just turned off for your account: signing in now asks for your password only."],
      action: "Reset my password",
      outro: () => [
        "If you made this change, there is nothing more to do. If you did not, reset your password now and turn two-factor authentication on again.",
      ],
    },
  },
}

/** The English strings with the app's overrides on top. */
export function mergeMessages(override: AccountMessagesOverride | undefined): AccountMessages {
  if (!override) return defaultAccountMessages
  const { emails, ...rest } = override
  const merged = { ...defaultAccountMessages, ...rest, emails: { ...defaultAccountMessages.emails } }
  for (const kind of Object.keys(emails ?? {}) as AccountEmailKind[]) {
    merged.emails[kind] = { ...defaultAccountMessages.emails[kind], ...emails![kind] }
  }
  return merged
}
