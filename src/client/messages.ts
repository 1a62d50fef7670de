import type { NextAuthErrorCode } from "../core/types"
import { type AccountCardsMessages, enAccountCards } from "./account-cards/messages"
import { type AccountSettingsMessages, enAccountSettings } from "./account-settings/messages"
import { type AuthPagesMessages, enAuthPages } from "./auth-pages/messages"
import { enMfa, type MfaMessages } from "./mfa/messages"

export type { AccountCardsMessages } from "./account-cards/messages"
export type { AccountSettingsMessages } from "./account-settings/messages"
export type { AuthPagesMessages } from "./auth-pages/messages"
export type { MfaMessages } from "./mfa/messages"

/**
 * next-auth's error codes, those of the kit's `accounts.authorize` (`MfaRequired` / `MfaInvalid`
 * for the two-factor step, `PasskeyInvalid` for a passkey that did not verify, `RateLimited` after
 * too many attempts; `EmailNotVerified` from a 0.2 server, for an address not confirmed yet,
 * which 0.3 answers as `CredentialsSignin`), plus `default` for any other.
 */
export type AuthErrorCode = NextAuthErrorCode | "EmailNotVerified" | "MfaRequired" | "MfaInvalid" | "PasskeyInvalid" | "RateLimited" | "default"

/**
 * A sentence with a count, one form per plural category of the language (CLDR's, as
 * `Intl.PluralRules` picks them: English has `one` and `other`, Polish `one`, `few`, `many`,
 * `other`, Arabic all six). `other` is required; a category left out falls back to it.
 *
 * @example
 * ```ts
 * const minutes: PluralForms = { one: "{n} minute", other: "{n} minutes" }
 * ```
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }

/**
 * Every string the components show. Replace some or all through `messages` on
 * `AuthProvider` or on a component. `{name}`-style placeholders are filled in; counts pick
 * their {@link PluralForms} by `locale` and are written in its digits.
 *
 * A language of your own: type it `Required<Messages>` to be told of any string left out.
 */
export interface Messages {
  /**
   * The language of these strings, a BCP 47 tag (`"en"`, `"pt-BR"`): plurals and numbers
   * follow its rules (`Intl.PluralRules`, `Intl.NumberFormat`).
   */
  locale: string
  /**
   * Its writing direction. The parts that leave the page's tree (the dialog, the user menu) set
   * it; the rest follow the page, so set it there too: `<html lang={m.locale} dir={m.dir}>`.
   */
  dir: "ltr" | "rtl"
  loginForm: {
    title: string
    emailLabel: string
    usernameLabel: string
    passwordLabel: string
    showPassword: string
    hidePassword: string
    submit: string
    submitting: string
    divider: string
    /** `{provider}`: the provider's name. */
    continueWith: string
    loadingProviders: string
    emailLinkLabel: string
    emailLinkSubmit: string
    checkInboxTitle: string
    /** `{email}`: the address the link went to. */
    checkInboxBody: string
    useAnotherEmail: string
    noProviders: string
    /** The link to `config.accounts.pages.forgotPassword`. */
    forgotPassword: string
    /** The link to `config.accounts.pages.signUp`; also the sign-up form's title and button. */
    createAccount: string
    /** After `EmailNotVerified` (a 0.2 server): the button that sends the confirmation link again. */
    resendLink: string
    /**
     * After a refused password, where the app has sign-up (`config.accounts.pages`): a quiet
     * button that sends the confirmation link again, since an unconfirmed address is refused
     * exactly as a wrong password.
     */
    resendConfirmation: string
    /** After a new verification link was asked for; never says whether the account exists. */
    resent: string
    /** Two-factor: above the code field. */
    codeStep: string
    /** Two-factor: above the recovery code field. */
    recoveryStep: string
    codeLabel: string
    recoveryLabel: string
    /** Switches the second step to a recovery code. */
    useRecoveryCode: string
    /** Switches it back to the authenticator app. */
    useApp: string
    /** Back to the password. */
    back: string
  }
  errors: Record<AuthErrorCode, string>
  /**
   * `LoginDialog`'s strings. Optional as `mfa` is: only `LoginDialog` ships them, filling in
   * English for what is left out.
   */
  loginDialog?: {
    trigger: string
    title: string
    description: string
    close: string
  }
  /** `SignOutButton`'s strings (and `UserButton`'s "Signing out…"), optional in the same way. */
  signOut?: {
    label: string
    pending: string
    confirmQuestion: string
    confirm: string
    cancel: string
  }
  /** `UserButton`'s strings, optional in the same way. */
  userButton?: {
    /** `{name}`: the user's name or email. */
    menuLabel: string
    signOut: string
  }
  /**
   * `MfaSetup`'s strings. Optional as `accounts` is: only `MfaSetup` ships them, filling in
   * English for what is left out.
   */
  mfa?: MfaMessages
  /**
   * `AuthErrorPage`'s and `VerifyRequestPage`'s headings and sentences. Optional as `mfa` is:
   * only those pages ship them, filling in English for what is left out.
   */
  authPages?: AuthPagesMessages
  /**
   * The account forms (`SignUpForm`, `VerifyEmail`, `ForgotPasswordForm`, `ResetPasswordForm`,
   * `ChangePasswordForm`). They also use `loginForm`'s `emailLabel`, `passwordLabel`,
   * `showPassword`/`hidePassword`, `submit` (their "Sign in" links), `createAccount` and
   * `resent`. Field errors are keyed by the server's codes (`required`, `invalid_email`, …).
   *
   * Optional because only the account forms ship these strings: `useMessages()` leaves them
   * out unless the app passes them (every shipped language has them), and the forms fill in
   * English.
   */
  accounts?: AccountMessages
  /**
   * `SessionsCard`'s and `LinkedAccountsCard`'s strings. Optional as `mfa` is: only the cards
   * ship them, filling in English for what is left out.
   */
  accountCards?: AccountCardsMessages
  /**
   * `AccountSettings`' own strings (profile, email and delete cards, the re-authentication
   * prompt). Optional as `mfa` is: only `AccountSettings` ships them, filling in English for
   * what is left out.
   */
  accountSettings?: AccountSettingsMessages
}

/** The account forms' strings, in {@link Messages}. */
export interface AccountMessages {
  nameLabel: string
  newPasswordLabel: string
  confirmPasswordLabel: string
  currentPasswordLabel: string
  /** Shown under a new password before submitting. `{min}`: the shortest length. */
  passwordRules: PluralForms
  required: string
  invalid_email: string
  /** `{min}`: the shortest length. */
  too_short: PluralForms
  /** `{max}`: the longest length. */
  too_long: PluralForms
  too_common: string
  /** The confirmation differs from the new password. */
  mismatch: string
  /** A one-time code that did not match (`invalid_code`). */
  invalid_code: string
  /** The current password was wrong (`currentPassword: "mismatch"` from the server). */
  wrongPassword: string
  /** Any other field code. */
  invalid: string
  /** The summary above the form when fields need attention. */
  summary: string
  /** `{time}`: how long to wait, `minutes`. */
  rateLimited: string
  /** `{n}`: a count of minutes, one or more. */
  minutes: PluralForms
  /** A server or network failure; never the server's details. */
  generic: string
  pending: string
  /** `{email}`: the address. Neutral: a taken address gets an email too. */
  signUpDone: string
  verifyTitle: string
  /** `VerifyEmail`'s button: only a click confirms, never opening the link. */
  confirm: string
  verifying: string
  verified: string
  /** `VerifyEmail` after confirming a new address of an account (an email change). `{email}`: the new address. */
  emailChanged: string
  /** An unknown, used or expired link (verification or reset). */
  invalidLink: string
  /** Sends a new verification link. */
  resend: string
  forgotTitle: string
  forgotSubmit: string
  /** `{email}`: the address. The same whether or not an account uses it. */
  forgotDone: string
  resetTitle: string
  resetDone: string
  /** The link from an invalid reset link to the forgot-password page. */
  requestLink: string
  changeTitle: string
  changed: string
  /** `ChangePasswordForm` after a 401. */
  sessionEnded: string
}

/** A deep partial of {@link Messages}, for overrides. */
export type MessagesOverride = {
  [K in keyof Messages]?: Messages[K] extends string ? Messages[K] : Partial<Messages[K]>
}

// English without the account forms' strings: what every component starts from, so that an app
// without the account forms does not ship them (the forms add `enAccounts` themselves).
const enCore: Messages = {
  locale: "en",
  dir: "ltr",
  loginForm: {
    title: "Sign in",
    emailLabel: "Email",
    usernameLabel: "Username",
    passwordLabel: "Password",
    showPassword: "Show password",
    hidePassword: "Hide password",
    submit: "Sign in",
    submitting: "Signing in…",
    divider: "or",
    continueWith: "Continue with {provider}",
    loadingProviders: "Loading sign-in options…",
    emailLinkLabel: "Email",
    emailLinkSubmit: "Email me a sign-in link",
    checkInboxTitle: "Check your inbox",
    checkInboxBody: "We sent a sign-in link to {email}. It may take a minute to arrive.",
    useAnotherEmail: "Use another email",
    noProviders: "No sign-in options are configured.",
    forgotPassword: "Forgot password?",
    createAccount: "Create account",
    resendLink: "Send the link again",
    resendConfirmation: "Didn't get the confirmation email? Send it again",
    resent: "If the address needs it, we sent a new link. Check your inbox.",
    codeStep: "Enter the 6-digit code from your authenticator app.",
    recoveryStep: "Enter one of your recovery codes. Each one works once.",
    codeLabel: "Authentication code",
    recoveryLabel: "Recovery code",
    useRecoveryCode: "Use a recovery code",
    useApp: "Use your authenticator app",
    back: "Back",
  },
  errors: {
    CredentialsSignin: "Those details did not match. Check them and try again.",
    OAuthSignin: "We could not start signing in with that provider. Please try again.",
    OAuthCallback: "Signing in with that provider did not complete. Please try again.",
    OAuthCreateAccount: "We could not create your account with that provider. Try another way to sign in.",
    EmailCreateAccount: "We could not create your account with that email. Try another way to sign in.",
    Callback: "Signing in did not complete. Please try again.",
    OAuthAccountNotLinked:
      "This email already belongs to an account. Sign in the way you did before, then link this provider from your account page.",
    EmailSignin: "We could not send the sign-in email. Check the address and try again.",
    SessionRequired: "Please sign in to see this page.",
    AccessDenied: "You do not have permission to sign in.",
    Verification: "This sign-in link is no longer valid. It may have been used already or expired.",
    Configuration: "Signing in is not possible right now. Please try again later.",
    EmailNotVerified: "Confirm your email address first: open the link we sent you.",
    MfaRequired: "Enter the code from your authenticator app to finish signing in.",
    MfaInvalid: "That code did not work. Enter the current code from your app, or a recovery code you have not used.",
    PasskeyInvalid: "This passkey was not accepted. Try again, or sign in another way.",
    RateLimited: "Too many attempts. Wait a few minutes, then try again.",
    default: "Something went wrong while signing in. Please try again.",
  },
}

/** `LoginDialog`'s English (in the dialog's bundle only). */
export const enLoginDialog: NonNullable<Messages["loginDialog"]> = {
  trigger: "Sign in",
  title: "Sign in",
  description: "Sign in to your account to continue.",
  close: "Close",
}

/** `SignOutButton`'s English. */
export const enSignOut: NonNullable<Messages["signOut"]> = {
  label: "Sign out",
  pending: "Signing out…",
  confirmQuestion: "Sign out of your account?",
  confirm: "Sign out",
  cancel: "Cancel",
}

/** `UserButton`'s English. */
export const enUserButton: NonNullable<Messages["userButton"]> = {
  menuLabel: "Account menu for {name}",
  signOut: "Sign out",
}

const enAccounts: AccountMessages = {
  nameLabel: "Name",
  newPasswordLabel: "New password",
  confirmPasswordLabel: "Confirm new password",
  currentPasswordLabel: "Current password",
  passwordRules: { one: "At least {min} character. Avoid common passwords.", other: "At least {min} characters. Avoid common passwords." },
  required: "Fill in this field.",
  invalid_email: "Enter an email address such as name@example.com.",
  too_short: { one: "Use at least {min} character.", other: "Use at least {min} characters." },
  too_long: { one: "Use at most {max} character.", other: "Use at most {max} characters." },
  too_common: "This password is too common. Choose another one.",
  mismatch: "The passwords do not match.",
  invalid_code: "That code did not match. Check that your phone's time is right and try the new code.",
  wrongPassword: "This is not your current password.",
  invalid: "Check this field.",
  summary: "Check the marked fields.",
  rateLimited: "Too many attempts. Try again in {time}.",
  minutes: { one: "{n} minute", other: "{n} minutes" },
  generic: "Something went wrong. Please try again.",
  pending: "Please wait…",
  signUpDone: "We sent an email to {email}. Open the link in it to confirm your address.",
  verifyTitle: "Confirm your email",
  confirm: "Confirm email address",
  verifying: "Confirming your email…",
  verified: "Your email is confirmed. You can sign in now.",
  emailChanged: "Your email address is now {email}.",
  invalidLink: "This link is invalid or has expired.",
  resend: "Send a new link",
  forgotTitle: "Reset your password",
  forgotSubmit: "Email me a reset link",
  forgotDone: "If an account uses {email}, we sent it a link to reset the password.",
  resetTitle: "Set a new password",
  resetDone: "Your password is changed, and you are signed out everywhere. Sign in with the new one.",
  requestLink: "Request a new link",
  changeTitle: "Change password",
  changed: "Your password is changed.",
  sessionEnded: "Your session has ended. Sign in again to continue.",
}

/** English, the default. */
export const en: Required<Messages> = /* @__PURE__ */ Object.assign({}, enCore, { loginDialog: enLoginDialog, signOut: enSignOut, userButton: enUserButton, accounts: enAccounts, mfa: enMfa, authPages: enAuthPages, accountCards: enAccountCards, accountSettings: enAccountSettings })

// What the account forms start from: without MfaSetup's and the auth pages' strings, which they add themselves.
const enForAccounts: Messages = /* @__PURE__ */ Object.assign({}, enCore, { accounts: enAccounts })

/**
 * English with the provider's and the component's replacements on top. Only components that
 * show text call it, so the strings stay out of bundles that import just the gates.
 */
export function resolveMessages(...overrides: Array<MessagesOverride | undefined>): Messages {
  return mergeMessages(enCore, ...overrides)
}

/** {@link resolveMessages} with the account forms' English filled in, for those forms. */
export function resolveAccountMessages(
  ...overrides: Array<MessagesOverride | undefined>
): Messages & { accounts: AccountMessages } {
  return mergeMessages(enForAccounts, ...overrides) as Messages & { accounts: AccountMessages }
}

/** Merges overrides into a full set of messages. */
export function mergeMessages(base: Messages, ...overrides: Array<MessagesOverride | undefined>): Messages {
  let result = base
  for (const override of overrides) {
    if (!override) continue
    const next = { ...result } as Record<string, unknown>
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) continue
      const current = next[key]
      next[key] = typeof value === "object" && typeof current === "object" ? { ...current, ...value } : value
    }
    result = next as unknown as Messages
  }
  return result
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match)
}

/**
 * `forms` for the count `n`: the form of `n`'s plural category in `locale` (else `other`), its
 * placeholder (`{n}`, `{min}`, `{max}`: one per form) filled with `n` in the locale's digits.
 * A plain string is only filled in.
 */
export function plural(locale: string, forms: string | PluralForms, n: number): string {
  const text = typeof forms === "string" ? forms : (forms[new Intl.PluralRules(locale).select(n)] ?? forms.other)
  // Intl.NumberFormat's digits and grouping (`toLocaleString` formats with it, in fewer bytes).
  return text.replace(/\{\w+\}/g, n.toLocaleString(locale))
}

/**
 * The message for an error code; unknown codes get the default text. Own keys only: a code
 * from the URL such as `__proto__` or `constructor` is unknown, not an object to render.
 */
export function errorMessage(messages: Messages, code: string): string {
  return messages.errors[knownError(messages, code)]
}

/** The code when the messages have a sentence for it, else `"default"`. */
export const knownError = (messages: Messages, code: string) =>
  (Object.hasOwn(messages.errors, code) ? code : "default") as AuthErrorCode
