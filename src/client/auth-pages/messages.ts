/**
 * The strings of `AuthErrorPage` and `VerifyRequestPage`, in `Messages.authPages`. The error
 * sentences are `messages.errors`' (the same as `LoginForm`'s), the links `loginForm.submit`,
 * `loginForm.useAnotherEmail` and `accounts.requestLink`, and the "check your inbox" heading
 * `loginForm.checkInboxTitle`.
 */
export interface AuthPagesMessages {
  /** `AuthErrorPage`'s heading. */
  error: string
  /** Its heading for `Verification`: an email link that was used already or expired. */
  expired: string
  /** `VerifyRequestPage`: a link is on its way (the page does not know the address). */
  sent: string
  /** Under it: where else to look. */
  spam: string
}

/** English. */
export const enAuthPages: AuthPagesMessages = {
  error: "Signing in did not work",
  expired: "This link has expired",
  sent: "We sent you a sign-in link. It may take a minute to arrive.",
  spam: "Not there? Check your spam folder.",
}
