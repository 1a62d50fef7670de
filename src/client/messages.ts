import type { NextAuthErrorCode } from "../shared/types"

/** next-auth's error codes, plus `default` for any other. */
export type AuthErrorCode = NextAuthErrorCode | "default"

/**
 * Every string the components show. Replace some or all through `messages` on
 * `AuthProvider` or on a component. `{name}`-style placeholders are filled in.
 */
export interface Messages {
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
  }
  errors: Record<AuthErrorCode, string>
  loginDialog: {
    trigger: string
    title: string
    description: string
    close: string
  }
  signOut: {
    label: string
    pending: string
    confirmQuestion: string
    confirm: string
    cancel: string
  }
  userButton: {
    /** `{name}`: the user's name or email. */
    menuLabel: string
    signOut: string
  }
}

/** A deep partial of {@link Messages}, for overrides. */
export type MessagesOverride = {
  [K in keyof Messages]?: Messages[K] extends string ? string : Partial<Messages[K]>
}

/** English, the default. */
export const en: Messages = {
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
  },
  errors: {
    CredentialsSignin: "Those details did not match. Check them and try again.",
    OAuthSignin: "We could not start signing in with that provider. Please try again.",
    OAuthCallback: "Signing in with that provider did not complete. Please try again.",
    OAuthCreateAccount: "We could not create your account with that provider. Try another way to sign in.",
    EmailCreateAccount: "We could not create your account with that email. Try another way to sign in.",
    Callback: "Signing in did not complete. Please try again.",
    OAuthAccountNotLinked: "To confirm your identity, sign in the same way you did before.",
    EmailSignin: "We could not send the sign-in email. Check the address and try again.",
    SessionRequired: "Please sign in to see this page.",
    AccessDenied: "You do not have permission to sign in.",
    Verification: "This sign-in link is no longer valid. It may have been used already or expired.",
    Configuration: "Signing in is not possible right now. Please try again later.",
    default: "Something went wrong while signing in. Please try again.",
  },
  loginDialog: {
    trigger: "Sign in",
    title: "Sign in",
    description: "Sign in to your account to continue.",
    close: "Close",
  },
  signOut: {
    label: "Sign out",
    pending: "Signing out…",
    confirmQuestion: "Sign out of your account?",
    confirm: "Sign out",
    cancel: "Cancel",
  },
  userButton: {
    menuLabel: "Account menu for {name}",
    signOut: "Sign out",
  },
}

/** German. */
export const de: Messages = {
  loginForm: {
    title: "Anmelden",
    emailLabel: "E-Mail",
    usernameLabel: "Benutzername",
    passwordLabel: "Passwort",
    showPassword: "Passwort anzeigen",
    hidePassword: "Passwort verbergen",
    submit: "Anmelden",
    submitting: "Anmeldung läuft…",
    divider: "oder",
    continueWith: "Weiter mit {provider}",
    loadingProviders: "Anmeldeoptionen werden geladen…",
    emailLinkLabel: "E-Mail",
    emailLinkSubmit: "Anmeldelink per E-Mail senden",
    checkInboxTitle: "Sehen Sie in Ihr Postfach",
    checkInboxBody: "Wir haben einen Anmeldelink an {email} gesendet. Es kann eine Minute dauern, bis er ankommt.",
    useAnotherEmail: "Andere E-Mail verwenden",
    noProviders: "Es sind keine Anmeldeoptionen eingerichtet.",
  },
  errors: {
    CredentialsSignin: "Diese Angaben passen nicht. Bitte prüfen Sie sie und versuchen Sie es erneut.",
    OAuthSignin: "Die Anmeldung bei diesem Anbieter konnte nicht gestartet werden. Bitte versuchen Sie es erneut.",
    OAuthCallback: "Die Anmeldung bei diesem Anbieter wurde nicht abgeschlossen. Bitte versuchen Sie es erneut.",
    OAuthCreateAccount: "Ihr Konto konnte mit diesem Anbieter nicht angelegt werden. Wählen Sie eine andere Anmeldeart.",
    EmailCreateAccount: "Ihr Konto konnte mit dieser E-Mail nicht angelegt werden. Wählen Sie eine andere Anmeldeart.",
    Callback: "Die Anmeldung wurde nicht abgeschlossen. Bitte versuchen Sie es erneut.",
    OAuthAccountNotLinked: "Bitte melden Sie sich zur Bestätigung so an wie beim letzten Mal.",
    EmailSignin: "Die Anmelde-E-Mail konnte nicht gesendet werden. Prüfen Sie die Adresse und versuchen Sie es erneut.",
    SessionRequired: "Bitte melden Sie sich an, um diese Seite zu sehen.",
    AccessDenied: "Sie haben keine Berechtigung, sich anzumelden.",
    Verification: "Dieser Anmeldelink ist nicht mehr gültig. Er wurde bereits verwendet oder ist abgelaufen.",
    Configuration: "Eine Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es später erneut.",
    default: "Bei der Anmeldung ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.",
  },
  loginDialog: {
    trigger: "Anmelden",
    title: "Anmelden",
    description: "Melden Sie sich bei Ihrem Konto an, um fortzufahren.",
    close: "Schließen",
  },
  signOut: {
    label: "Abmelden",
    pending: "Abmeldung läuft…",
    confirmQuestion: "Von Ihrem Konto abmelden?",
    confirm: "Abmelden",
    cancel: "Abbrechen",
  },
  userButton: {
    menuLabel: "Kontomenü für {name}",
    signOut: "Abmelden",
  },
}

/**
 * English with the provider's and the component's replacements on top. Only components that
 * show text call it, so the strings stay out of bundles that import just the gates.
 */
export function resolveMessages(...overrides: Array<MessagesOverride | undefined>): Messages {
  return mergeMessages(en, ...overrides)
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

/** The message for an error code; unknown codes get the default text. */
export function errorMessage(messages: Messages, code: string): string {
  return (messages.errors as Record<string, string>)[code] ?? messages.errors.default
}
