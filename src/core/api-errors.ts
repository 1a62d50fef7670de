import type { AuthKitErrorCode } from "./errors"

/**
 * The error codes that API answers carry in their `error` field: the {@link AuthKitErrorCode}s
 * that requests can meet, and the two-factor states of the `mfa/*` account endpoints:
 *
 * - `mfa_enabled` (409): `mfa/setup` or `mfa/enable` while two-factor is already on
 * - `mfa_not_enabled` (409): `mfa/disable` while two-factor is off
 * - `mfa_setup_required` (409): `mfa/enable` without a pending `mfa/setup`
 * - `last_sign_in_method` (409): `unlink` would leave the user no way to sign in (no password,
 *   no passkey, no other linked account)
 * - `reauthentication_required` (403): a sensitive action (a new password or address, two-factor,
 *   unlinking, ending the other sessions, deleting the account) without a recent sign-in or
 *   `reauthenticate`
 * - `passkey_invalid` (400): `passkeys/register` or `reauthenticate` with a passkey response that
 *   did not verify (wrong origin or relying party, a challenge unknown, used or expired, a
 *   credential unknown or not the user's, a bad signature, a counter that went backwards)
 *
 * @example
 * ```ts
 * if (body.error === ("mfa_setup_required" satisfies ApiErrorCode)) restartSetup()
 * ```
 */
export type ApiErrorCode = Exclude<AuthKitErrorCode, "invalid_config" | "store_unavailable" | "testing_in_production">

/**
 * Why one field of an account request was refused, in `fields` of an `invalid_input` answer.
 *
 * @example
 * ```ts
 * // { error: "invalid_input", message: "…", fields: { password: "too_short" } }
 * const code: FieldErrorCode | undefined = body.fields?.password
 * ```
 */
export type FieldErrorCode =
  | "required"
  | "invalid_email"
  | "too_short"
  | "too_long"
  | "too_common"
  | "mismatch"
  /** A two-factor code (TOTP or recovery code) that is wrong, already used or expired. */
  | "invalid_code"
  /** A value of the wrong kind: a picture that is not an `https:` URL, a name that is not text. */
  | "invalid"
  /** The value is the one the account has already (`change-email` to the current address). */
  | "unchanged"

/**
 * Why a token was refused, in `reason` of an `invalid_token` answer.
 *
 * @example
 * ```ts
 * if (body.error === "invalid_token" && body.reason === ("expired" satisfies InvalidTokenReason)) askForANewLink()
 * ```
 */
export type InvalidTokenReason = "unknown" | "used" | "expired"

/**
 * The JSON body of every API error the kit sends.
 *
 * @example
 * ```ts
 * const body = (await response.json()) as ApiErrorBody
 * if (body.error === "rate_limited") wait(Number(response.headers.get("Retry-After")))
 * ```
 */
export interface ApiErrorBody {
  /** Machine-readable: branch on it. */
  error: ApiErrorCode
  /**
   * A human sentence in the request's language (`Content-Language`): English unless the app gave
   * `locales` to `createAuthKit` / `createAccounts`. Clients show their own, localised, text for
   * `error`; this one is for logs, scripts and clients without their own strings.
   */
  message: string
  /** `invalid_input`: the refused fields, each with why. */
  fields?: Partial<Record<string, FieldErrorCode>>
  /** `invalid_token`: why the token was refused. */
  reason?: InvalidTokenReason
}

/** What an error answer may add to `{ error, message }`. */
export interface ApiErrorDetails {
  fields?: ApiErrorBody["fields"]
  reason?: InvalidTokenReason
}

const STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  invalid_token: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  mfa_enabled: 409,
  mfa_not_enabled: 409,
  mfa_setup_required: 409,
  last_sign_in_method: 409,
  reauthentication_required: 403,
  passkey_invalid: 400,
  rate_limited: 429,
  internal_error: 500,
}

/**
 * The English `message` of each error code, for the runtimes that do not localise (the
 * middleware, the MSW handlers). The server's English locale (`defaultServerMessages`) starts
 * from these and says in `rate_limited` how long to wait.
 */
export const API_ERROR_MESSAGES: Readonly<Record<ApiErrorCode, string>> = {
  method_not_allowed: "This method is not allowed on this route.",
  unauthenticated: "Sign in to continue.",
  forbidden: "You do not have access to this resource.",
  internal_error: "Something went wrong. Please try again later.",
  invalid_input: "Some fields are missing or invalid.",
  invalid_token: "This link is invalid or has expired. Ask for a new one.",
  rate_limited: "Too many attempts. Please wait a while and try again.",
  not_found: "There is nothing here.",
  mfa_enabled: "Two-factor authentication is already on.",
  mfa_not_enabled: "Two-factor authentication is not on.",
  mfa_setup_required: "Start the two-factor setup first.",
  last_sign_in_method: "This is your only way to sign in: add a password or link another account first.",
  reauthentication_required: "Confirm it is you first: enter your password or code again.",
  passkey_invalid: "The passkey could not be verified. Try again, or use another way to sign in.",
}

/**
 * The status and JSON body of an API error: machine-readable `error`, a human `message` (the
 * English one unless a localised `message` is given), and for the account endpoints `fields`
 * (`invalid_input`) or `reason` (`invalid_token`).
 */
export function apiError(
  code: ApiErrorCode,
  details: ApiErrorDetails = {},
  message: string = API_ERROR_MESSAGES[code],
): {
  status: number
  body: ApiErrorBody
} {
  const body: ApiErrorBody = { error: code, message }
  if (details.fields && Object.keys(details.fields).length > 0) body.fields = details.fields
  if (details.reason) body.reason = details.reason
  return { status: STATUS[code], body }
}

/**
 * The one JSON error writer of the Fetch runtimes (route handlers, middleware): `apiError` as a
 * `Response`, with `Cache-Control: no-store` so that no cache keeps a 401 for the next user.
 * A localised `message` comes with its `Content-Language` in `headers`.
 */
export function errorResponse(code: ApiErrorCode, headers?: HeadersInit, details?: ApiErrorDetails, message?: string): Response {
  const { status, body } = apiError(code, details, message)
  const init = new Headers(headers)
  init.set("Cache-Control", "no-store")
  return Response.json(body, { status, headers: init })
}

/**
 * Upper-cased methods, or `undefined` for "any method". `HEAD` is allowed wherever `GET` is,
 * as HTTP requires of a server that answers `GET`.
 */
export function normaliseMethods(methods: readonly string[] | undefined): string[] | undefined {
  if (!methods || methods.length === 0) return undefined
  const upper = [...new Set(methods.map((m) => m.toUpperCase()))]
  if (upper.includes("GET") && !upper.includes("HEAD")) upper.push("HEAD")
  return upper
}

/**
 * The request header through which `authMiddleware` tells `auth()` the path being rendered
 * (without the basePath), since a Server Component has no URL of its own.
 */
export const PATH_HEADER = "x-next-auth-kit-path"
