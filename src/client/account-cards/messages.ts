/**
 * The strings of `SessionsCard` and `LinkedAccountsCard`, in `Messages.accountCards`. They also
 * use `accounts.generic` (a failure), `accounts.sessionEnded` (after a 401) and
 * `loginForm.submit` (the "Sign in" link).
 */
export interface AccountCardsMessages {
  /** `SessionsCard`'s heading. */
  sessionsTitle: string
  /** While the list loads (a status region). */
  sessionsLoading: string
  /** A list with no session in it. */
  sessionsEmpty: string
  /** The current session's badge; it has no "Sign out" button. */
  thisDevice: string
  /** `{browser}` on `{os}`: the session's name, in its row and in its button's name. */
  device: string
  /** When the User-Agent named no browser. */
  unknownBrowser: string
  /** When it named no operating system. */
  unknownOs: string
  desktop: string
  mobile: string
  tablet: string
  tv: string
  bot: string
  /** `{method}`: a provider's name or one of the methods below. */
  signedInWith: string
  methodPassword: string
  /** A password and a code from the authenticator app. */
  methodCode: string
  /** The link that confirmed the address (a sign-up). */
  methodGrant: string
  /** An email sign-in link. */
  methodEmail: string
  methodPasskey: string
  /** `{ip}`: the address the session signed in from. */
  ip: string
  /** `{time}`: when the session signed in, relative ("2 days ago"). */
  created: string
  /** `{time}`: its last activity, relative. */
  lastActive: string
  /** The button of a row. */
  revoke: string
  /**
   * Its accessible name. `{device}`: the session's name ("Chrome 126 on macOS"). It must contain
   * `revoke` as it is (WCAG 2.5.3, label in name: a voice user says what they see).
   */
  revokeLabel: string
  revokeOthers: string
  /** `{device}`: the session that was signed out. */
  revoked: string
  revokedOthers: string
  /** `LinkedAccountsCard`'s heading. */
  linkedTitle: string
  linkedLoading: string
  /** No provider linked and none to link. */
  linkedEmpty: string
  /** `{time}`: the date it was linked. */
  linkedOn: string
  /** A configured provider not linked yet. */
  notLinked: string
  link: string
  /** `{provider}`: the provider's name. */
  linkLabel: string
  unlink: string
  /** `{provider}`; contains `unlink` as it is (label in name). */
  unlinkLabel: string
  /** `{provider}`: unlinked. */
  unlinked: string
  /** `{provider}`: `last_sign_in_method`, unlinking would leave no way to sign in. */
  lastMethod: string
  /** The list could not be loaded (network, 500). */
  loadError: string
  retry: string
  /** `reauthentication_required` without `onReauthenticationRequired`. */
  reauthenticate: string
}

/** What an account form or card says to `reauthentication_required`, in English. */
export const REAUTHENTICATE = "For your security, sign in again, then try once more."

/** English. */
export const enAccountCards: AccountCardsMessages = {
  sessionsTitle: "Where you are signed in",
  sessionsLoading: "Loading your sessions…",
  sessionsEmpty: "There are no sessions to show.",
  thisDevice: "This device",
  device: "{browser} on {os}",
  unknownBrowser: "Unknown browser",
  unknownOs: "an unknown system",
  desktop: "Computer",
  mobile: "Phone",
  tablet: "Tablet",
  tv: "TV",
  bot: "Bot",
  signedInWith: "Signed in with {method}",
  methodPassword: "password",
  methodCode: "password and code",
  methodGrant: "confirmation link",
  methodEmail: "email link",
  methodPasskey: "passkey",
  ip: "IP address {ip}",
  created: "Signed in {time}",
  lastActive: "Last active {time}",
  revoke: "Sign out",
  revokeLabel: "Sign out {device}",
  revokeOthers: "Sign out everywhere else",
  revoked: "{device} is signed out.",
  revokedOthers: "You are signed out everywhere else.",
  linkedTitle: "Linked accounts",
  linkedLoading: "Loading your linked accounts…",
  linkedEmpty: "There are no accounts to link.",
  linkedOn: "Linked {time}",
  notLinked: "Not linked",
  link: "Link",
  linkLabel: "Link {provider}",
  unlink: "Unlink",
  unlinkLabel: "Unlink {provider}",
  unlinked: "{provider} is unlinked.",
  lastMethod: "{provider} is your only way to sign in, so it stays linked. Set a password or link another account first.",
  loadError: "We could not load this list.",
  retry: "Try again",
  reauthenticate: REAUTHENTICATE,
}
