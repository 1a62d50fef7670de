/**
 * The strings of `AccountSettings` (its profile, email and delete-account cards, the password
 * card's note and the re-authentication prompt), in `Messages.accountSettings`. The other cards
 * keep their own (`accounts`, `mfa`, `accountCards`).
 */
export interface AccountSettingsMessages {
  /** While the account's settings load (a status region). */
  loading: string
  /** They could not be loaded (network, 500). */
  loadError: string
  profileTitle: string
  /** The picture's field. */
  imageLabel: string
  /** Under it. */
  imageHint: string
  saveProfile: string
  profileSaved: string
  emailTitle: string
  /** `{email}`: the address now. */
  currentEmail: string
  newEmailLabel: string
  changeEmail: string
  /** `{email}`: the new address, which got the link. */
  emailSent: string
  /** The new address is the one the user signs in with already (`unchanged`). */
  sameEmail: string
  /** The password card of an account that has none (made through a provider). */
  noPassword: string
  /** The link to the forgot-password page under it. */
  setPassword: string
  deleteTitle: string
  /** What deleting does. */
  deleteBody: string
  /** The phrase to type, in the language's words (compared without case). */
  deletePhrase: string
  /** `{phrase}`: the field's label. */
  deleteLabel: string
  /** The typed text differs from the phrase. */
  deleteMismatch: string
  deleteSubmit: string
  /** The re-authentication prompt's heading. */
  reauthTitle: string
  /** Its sentence, asking for the password. */
  reauthPassword: string
  /** Asking for a code from the authenticator app or a recovery code. */
  reauthCode: string
  /** For an account with neither (made through a provider): sign in again. */
  reauthSignIn: string
  /** Switches to the code. */
  useCode: string
  /** Switches back to the password. */
  usePassword: string
  reauthSubmit: string
  cancel: string
  /** The passkeys card's heading. */
  passkeysTitle: string
  /** What a passkey is, under it. */
  passkeysIntro: string
  /** In a browser without WebAuthn, instead. */
  passkeysUnsupported: string
  /** While the list loads (a status region). */
  passkeysLoading: string
  /** The account has none. */
  passkeysEmpty: string
  addPasskey: string
  passkeyAdded: string
  /** The browser's prompt was closed or timed out. */
  passkeyCancelled: string
  /** The authenticator holds one of this account's passkeys already. */
  passkeyExists: string
  /** The browser or the server could not use the passkey. */
  passkeyFailed: string
  /** A synced passkey's badge (its provider backs it up). */
  passkeySynced: string
  /** `{time}`: when it was added, relative ("2 days ago"). */
  passkeyCreated: string
  /** `{time}`: when it last signed in. */
  passkeyLastUsed: string
  passkeyNeverUsed: string
  passkeyRename: string
  /** `{name}`: the rename button's accessible name. */
  passkeyRenameLabel: string
  /** The rename form's field. */
  passkeyNameLabel: string
  passkeySave: string
  /** `{name}`: the new name. */
  passkeyRenamed: string
  passkeyRemove: string
  /** `{name}`: the remove button's accessible name. */
  passkeyRemoveLabel: string
  /** `{name}`. */
  passkeyRemoved: string
  /** Removing the account's last way to sign in (409 `last_sign_in_method`). */
  passkeyLastMethod: string
  /** The re-authentication prompt's button, for an account with passkeys. */
  usePasskey: string
  /** `LoginFormPasskey`'s button, where passkeys are on (`config.accounts.passkeys`). */
  passkeySignIn: string
  /** Under that button when the browser's prompt was closed or timed out. */
  passkeySignInCancelled: string
}

/** English. */
export const enAccountSettings: AccountSettingsMessages = {
  loading: "Loading your account…",
  loadError: "We could not load your account.",
  profileTitle: "Profile",
  imageLabel: "Picture URL",
  imageHint: "An https:// address of an image. Leave it empty for none.",
  saveProfile: "Save profile",
  profileSaved: "Your profile is saved.",
  emailTitle: "Email address",
  currentEmail: "You sign in with {email}.",
  newEmailLabel: "New email address",
  changeEmail: "Change email",
  emailSent: "We sent a link to {email}. Your address changes once you open it and confirm.",
  sameEmail: "This is the address you sign in with already.",
  noPassword: "Your account has no password: you sign in through a provider. To set one, ask for a reset link.",
  setPassword: "Set a password",
  deleteTitle: "Delete account",
  deleteBody: "This deletes your account with its sign-in methods, sessions and settings, and signs you out everywhere. It cannot be undone.",
  deletePhrase: "delete my account",
  deleteLabel: "To confirm, type “{phrase}”",
  deleteMismatch: "Type the phrase exactly as shown.",
  deleteSubmit: "Delete my account",
  reauthTitle: "Confirm it's you",
  reauthPassword: "For your security, enter your password to continue.",
  reauthCode: "For your security, enter a code from your authenticator app, or a recovery code, to continue.",
  reauthSignIn: "For your security, sign in again to continue.",
  useCode: "Use a code instead",
  usePassword: "Use your password instead",
  reauthSubmit: "Continue",
  cancel: "Cancel",
  passkeysTitle: "Passkeys",
  passkeysIntro: "Sign in with your fingerprint, face or screen lock instead of a password.",
  passkeysUnsupported: "This browser does not support passkeys. You can still rename or remove yours here.",
  passkeysLoading: "Loading your passkeys…",
  passkeysEmpty: "You have no passkeys yet.",
  addPasskey: "Add a passkey",
  passkeyAdded: "Your passkey is added.",
  passkeyCancelled: "Nothing changed: the passkey prompt was closed or timed out.",
  passkeyExists: "This device already has a passkey for your account.",
  passkeyFailed: "The passkey could not be used. Try again.",
  passkeySynced: "Synced",
  passkeyCreated: "Added {time}",
  passkeyLastUsed: "Last used {time}",
  passkeyNeverUsed: "Never used",
  passkeyRename: "Rename",
  passkeyRenameLabel: "Rename {name}",
  passkeyNameLabel: "Passkey name",
  passkeySave: "Save",
  passkeyRenamed: "The passkey is now called {name}.",
  passkeyRemove: "Remove",
  passkeyRemoveLabel: "Remove {name}",
  passkeyRemoved: "{name} is removed.",
  passkeyLastMethod: "This passkey is your only way to sign in, so it stays. Set a password or add another passkey first.",
  usePasskey: "Use a passkey",
  passkeySignIn: "Sign in with a passkey",
  passkeySignInCancelled: "The passkey prompt was closed or timed out. Try again, or sign in another way.",
}
