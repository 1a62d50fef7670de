/**
 * The field rules of the account endpoints, in one place for the server (`createAccounts`), the
 * mocks and the client forms. Browser- and edge-safe: no `node:*`.
 */
import type { FieldErrorCode } from "./api-errors"

/** The longest address SMTP carries (RFC 5321's 256-octet path, less the angle brackets). */
export const MAX_EMAIL_LENGTH = 254
/** The longest display name kept. */
export const MAX_NAME_LENGTH = 100

// One @, no whitespace or characters that need quoting, a dot in the domain, no empty labels.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]._-][^\s@"(),:;<>[\\\]]*\.[^\s@"(),:;<>[\\\].]{2,}$/

/** The normalised form of an address: trimmed and lower-cased, as the store keeps it. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase()

// C0 controls, DEL and C1 controls: no mailbox has them, and a NUL byte is refused by
// PostgreSQL's text type (a 500 there, a silently different address elsewhere).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** Why an address is refused, or `null`. The length is checked before anything else is done. */
export function checkEmail(value: unknown): FieldErrorCode | null {
  if (typeof value !== "string" || value.trim() === "") return "required"
  if (value.length > MAX_EMAIL_LENGTH * 2) return "too_long"
  const email = normaliseEmail(value)
  if (email.length > MAX_EMAIL_LENGTH) return "too_long"
  if (CONTROL.test(email) || !EMAIL.test(email) || email.includes("..")) return "invalid_email"
  return null
}

/** A non-empty string, or `undefined`. */
export const presentString = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined

/**
 * The display name as kept: trimmed, control characters (a line break in a name would
 * forge lines in a plain-text email) replaced with spaces, `null` when empty.
 */
export function cleanName(value: unknown): string | null {
  if (typeof value !== "string") return null
  // eslint-disable-next-line no-control-regex
  const name = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim()
  return name === "" ? null : name
}

/** Whether a body is a plain JSON object. */
export const isObject = (body: unknown): body is Record<string, unknown> =>
  typeof body === "object" && body !== null && !Array.isArray(body)

/**
 * The most UTF-16 code units of a password that is ever normalised: NFKC of a long input costs
 * time (a 10 MB string of U+FDFA takes seconds), so anything longer is refused before it. Four
 * units per character of the longest allowed password (1024) leaves room for every script.
 */
export const MAX_PASSWORD_INPUT = 4096

/**
 * NFKC, as the server normalises passwords before checking and hashing them. Callers check the
 * length first ({@link MAX_PASSWORD_INPUT}).
 */
export const normalisePassword = (password: string) => password.normalize("NFKC")

/**
 * The endpoints of `createAccounts`, under `accounts.accountPath`. The two-factor ones
 * (`mfa/setup`, `mfa/enable`, `mfa/disable`) hold a slash: mount the handlers on a catch-all
 * route, `[...action]`. They answer 404 unless `createAccounts` has the `mfa` option. The
 * sessions list (`sessions`, a GET; `sessions/revoke`, `sessions/revoke-others`) answers 404 on
 * a store without sessions; the linked accounts (`linked-accounts`, a GET; `unlink`) on a store
 * without linked accounts. `reauthenticate` marks the session fresh for the sensitive ones
 * (`change-password`, `mfa/*`, `unlink`, `sessions/revoke-others`), which answer 403
 * `reauthentication_required` without a sign-in or re-authentication in the last 10 minutes.
 * `profile` changes the name and picture; `change-email` (sensitive) sends a link to a new
 * address, which `verify-email` confirms; `delete-account` (sensitive too) removes the account.
 * The passkeys (`passkeys`, a GET; `passkeys/register-options`, `passkeys/register`,
 * `passkeys/rename`, `passkeys/remove`, and signed out `passkeys/sign-in-options`) answer 404
 * unless the kit has the `passkeys` option.
 *
 * @example
 * ```ts
 * // app/api/account/[...action]/route.ts
 * export function generateStaticParams() { return ACCOUNT_ACTIONS.map((action) => ({ action: action.split("/") })) }
 * ```
 */
export const ACCOUNT_ACTIONS = [
  "signup",
  "verify-email",
  "resend-verification",
  "forgot-password",
  "reset-password",
  "change-password",
  "mfa/setup",
  "mfa/enable",
  "mfa/disable",
  "sessions",
  "sessions/revoke",
  "sessions/revoke-others",
  "linked-accounts",
  "unlink",
  "reauthenticate",
  "profile",
  "change-email",
  "delete-account",
  "settings",
  "passkeys",
  "passkeys/register-options",
  "passkeys/register",
  "passkeys/rename",
  "passkeys/remove",
  "passkeys/sign-in-options",
] as const

/** An endpoint of `createAccounts`. */
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number]

/**
 * The form of a password compared with the common-password list: lower-cased, without white
 * space and invisible format characters, so "Password 1", " password1" or "pass\u200bword1"
 * are the "password1" they look like.
 */
export const commonPasswordForm = (password: string) => password.toLowerCase().replace(/[\s\p{Cf}]+/gu, "")
