/**
 * `next-auth-kit/locales/en/server`: English, the server's built-in language (also exported
 * from `next-auth-kit/server` as `defaultServerMessages`). Import it to write a language of
 * your own with the same keys, or to change some English strings (pass the result in
 * `locales`: a locale `en` replaces the built-in one).
 *
 * Terms (the components' English uses the same): sign in, sign out, sign up, password, email
 * address, account, link, two-factor authentication, authenticator app, recovery code, session.
 * Tone: plain and short, "you", no exclamation marks.
 *
 * @example
 * ```ts
 * import { en } from "next-auth-kit/locales/en/server"
 * const english: ServerMessages = { ...en, emails: { ...en.emails, signature: "The {appName} team" } }
 * createAccounts({ ...authConfig, store, sendEmail, locales: [english] })
 * ```
 * @packageDocumentation
 */
import { API_ERROR_MESSAGES } from "../../core/api-errors"
import type { ServerMessages } from "../i18n/messages"

/**
 * The English error messages and emails, built into the kit.
 *
 * @example
 * ```ts
 * import { en } from "next-auth-kit/locales/en/server"
 * en.errors.unauthenticated // "Sign in to continue."
 * ```
 */
export const en: ServerMessages = {
  locale: "en",
  errors: { ...API_ERROR_MESSAGES, rate_limited: "Too many attempts. Try again in {time}." },
  emails: {
    greeting: "Hello {name},",
    greetingAnonymous: "Hello,",
    linkFallback: "If the button does not work, copy this link into your browser:",
    signature: "— {appName}",
    "verify-email": {
      subject: "Confirm your email address for {appName}",
      intro: ["Thanks for signing up for {appName}. Please confirm that this is your email address."],
      action: "Confirm my email address",
      outro: ["This link works once and expires in {expiresIn}.", "If you did not create an account, you can ignore this email."],
    },
    "reset-password": {
      subject: "Reset your {appName} password",
      intro: ["Someone (hopefully you) asked to reset the password of your account."],
      action: "Choose a new password",
      outro: [
        "This link works once and expires in {expiresIn}.",
        "If you did not ask for this, you can ignore this email: your password stays as it is.",
      ],
    },
    "signup-attempt": {
      subject: "Someone tried to sign up for {appName} with your address",
      intro: [
        "Someone just tried to create an account with your email address. You already have one, so nothing was changed.",
        "If it was you, sign in instead. If you forgot your password, you can reset it from the sign-in page.",
      ],
      action: "Sign in",
      outro: ["If it was not you, you can ignore this email."],
    },
    "password-changed": {
      subject: "Your {appName} password was changed",
      intro: ["The password of your account was just changed, and every other session of your account was signed out."],
      action: "Reset my password",
      outro: ["If you made this change, there is nothing more to do. If you did not, reset your password now."],
    },
    "mfa-enabled": {
      subject: "Two-factor authentication is on for your {appName} account",
      intro: [
        "Two-factor authentication was just turned on for your account. From now on, signing in asks for a code from your authenticator app (or one of your recovery codes) after your password.",
      ],
      action: "Reset my password",
      outro: [
        "If you made this change, keep your recovery codes somewhere safe. If you did not, someone else has access to your account: reset your password now.",
      ],
    },
    "mfa-disabled": {
      subject: "Two-factor authentication is off for your {appName} account",
      intro: ["Two-factor authentication was just turned off for your account: signing in now asks for your password only."],
      action: "Reset my password",
      outro: [
        "If you made this change, there is nothing more to do. If you did not, reset your password now and turn two-factor authentication on again.",
      ],
    },
    "new-sign-in": {
      subject: "New sign-in to your {appName} account",
      intro: [
        "Your account was just signed in to from a browser it had not been used with before.",
        "When: {time}",
        "Browser: {browser} on {os}",
        "IP address: {ip}",
      ],
      action: "Review my sessions",
      outro: [
        "If this was you, there is nothing more to do. If it was not, sign that session out from your account page and change your password.",
      ],
    },
    "account-deleted": {
      subject: "Your {appName} account was deleted",
      intro: ["Your account was just deleted, with its sign-in methods, sessions and two-factor settings, and every session of it was signed out."],
      action: "Go to the sign-in page",
      outro: ["If you deleted it, there is nothing more to do. If you did not, someone else had access to your account: contact the app's support."],
    },
    "change-email": {
      subject: "Confirm your new email address for {appName}",
      intro: ["Someone (hopefully you) asked to make {email} the email address of their {appName} account. Confirm it to finish the change."],
      action: "Confirm my new email address",
      outro: ["This link works once and expires in {expiresIn}.", "If you did not ask for this, you can ignore this email: nothing changes."],
    },
    "email-change-requested": {
      subject: "A change of your {appName} email address was requested",
      intro: ["Someone asked to change the email address of your account to {email}. The change happens only once the link sent to that address is confirmed."],
      action: "Reset my password",
      outro: ["If it was you, there is nothing more to do. If it was not, someone else has access to your account: reset your password now, which also cancels the change."],
    },
    "email-change-attempt": {
      subject: "Someone tried to use your address for another {appName} account",
      intro: ["Someone just tried to change the email address of another account to yours. Your address stays with your account, so nothing was changed."],
      action: "Sign in",
      outro: ["If it was you, sign in to your own account instead. If it was not, you can ignore this email."],
    },
    "email-changed": {
      subject: "Your {appName} email address was changed",
      intro: ["The email address of your account was just changed to {email}, and every other session of your account was signed out. Emails from us now go to the new address."],
      action: "Go to the sign-in page",
      outro: ["If you made this change, there is nothing more to do. If you did not, someone else had access to your account: contact the app's support."],
    },
    "passkey-added": {
      subject: "A passkey was added to your {appName} account",
      intro: ["A passkey was just added to your account: it can now sign in to it, and every other session of your account was signed out."],
      action: "Review my passkeys",
      outro: ["If you added it, there is nothing more to do. If you did not, someone else has access to your account: remove the passkey from your account page and change your password."],
    },
    "passkey-removed": {
      subject: "A passkey was removed from your {appName} account",
      intro: ["A passkey was just removed from your account: it can no longer sign in to it, and every other session of your account was signed out."],
      action: "Review my passkeys",
      outro: ["If you removed it, there is nothing more to do. If you did not, someone else has access to your account: review your passkeys and change your password."],
    },
  },
}
