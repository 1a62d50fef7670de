/** `MfaSetup`'s strings, in `Messages.mfa`. */
export interface MfaMessages {
  title: string
  /** Two-factor is off: what it is. */
  offBody: string
  start: string
  /** Above the QR code. */
  scan: string
  /** The QR code's text alternative. */
  qrAlt: string
  keyLabel: string
  copy: string
  copied: string
  codeLabel: string
  enable: string
  codesTitle: string
  codesBody: string
  download: string
  /** The confirmation before closing the recovery codes. */
  saved: string
  done: string
  on: string
  disableBody: string
  disable: string
  off: string
  /** `mfa_enabled`: set up elsewhere meanwhile. */
  alreadyOn: string
  /** `mfa_setup_required`: the setup expired or was replaced. */
  restart: string
}

/** English. */
export const enMfa: MfaMessages = {
  title: "Two-factor authentication",
  offBody: "Add a second step to signing in: a 6-digit code from an authenticator app on your phone.",
  start: "Set up two-factor authentication",
  scan: "Scan this QR code with your authenticator app, then enter the code it shows.",
  qrAlt: "QR code for your authenticator app. If you cannot scan it, enter the setup key instead.",
  keyLabel: "Setup key",
  copy: "Copy",
  copied: "Copied",
  codeLabel: "6-digit code",
  enable: "Turn on",
  codesTitle: "Save your recovery codes",
  codesBody: "Each code signs you in once if you lose your phone. Keep them safe: they are not shown again.",
  download: "Download",
  saved: "I have saved my recovery codes",
  done: "Done",
  on: "Two-factor authentication is on.",
  disableBody: "To turn it off, enter your password.",
  disable: "Turn off two-factor authentication",
  off: "Two-factor authentication is off.",
  alreadyOn: "Two-factor authentication is already on.",
  restart: "The setup has expired. Start again.",
}
