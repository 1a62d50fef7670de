/**
 * The stable codes of {@link AuthKitError}. All but `invalid_config`,
 * `store_unavailable` and `testing_in_production` are also the `error` field of the JSON bodies that the server
 * helpers and the account endpoints send:
 *
 * - `unauthenticated` (401), `forbidden` (403), `method_not_allowed` (405), `internal_error` (500)
 * - `invalid_input` (400, with `fields`), `invalid_token` (400, with an optional `reason`),
 *   `rate_limited` (429, with `Retry-After`), `not_found` (404): the account endpoints
 * - `mfa_enabled`, `mfa_not_enabled`, `mfa_setup_required` (409): the two-factor endpoints
 * - `last_sign_in_method` (409): `unlink` of the user's last way to sign in
 * - `reauthentication_required` (403): a sensitive account action without a recent authentication
 * - `passkey_invalid` (400): a passkey response that did not verify (a wrong origin or relying
 *   party, a challenge unknown, used or expired, a credential unknown or not the user's, a bad
 *   signature, a signature counter that went backwards)
 * - `store_unavailable`: thrown by the account stores when the database fails (the endpoints
 *   answer it as `internal_error`, `authorize` as `AccountsUnavailable`; the cause is kept)
 */
export type AuthKitErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "method_not_allowed"
  | "internal_error"
  | "invalid_input"
  | "invalid_token"
  | "rate_limited"
  | "not_found"
  | "mfa_enabled"
  | "mfa_not_enabled"
  | "mfa_setup_required"
  | "last_sign_in_method"
  | "reauthentication_required"
  | "passkey_invalid"
  | "invalid_config"
  | "store_unavailable"
  | "testing_in_production"

/**
 * The one error type of the kit. Branch on `code`, which never changes between versions; the
 * message is for people and may.
 *
 * @example
 * ```ts
 * try { … } catch (error) {
 *   if (error instanceof AuthKitError && error.code === "invalid_config") …
 * }
 * ```
 */
export class AuthKitError extends Error {
  override readonly name = "AuthKitError"
  /** A stable, machine-readable code. */
  readonly code: AuthKitErrorCode

  constructor(code: AuthKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message.startsWith("[next-auth-kit]") ? message : `[next-auth-kit] ${message}`, options)
    this.code = code
  }
}

/** Whether a value is an {@link AuthKitError}, optionally with a given code. */
export function isAuthKitError(error: unknown, code?: AuthKitErrorCode): error is AuthKitError {
  return error instanceof AuthKitError && (code === undefined || error.code === code)
}
