import type { NextAuthOptions } from "next-auth"
import { checkPath } from "../../core/login-url"
import { type AccountsAuthorize, createAuthorize } from "./authorize"
import { type AccountsOptions, resolveAccounts } from "./context"
import { type AccountsHandle, createHandle } from "./core"
import { type AccountsApiHandler, type AccountsRouteHandlers, createApiHandler, createRouteHandlers } from "./http"
import { strategyOf, withCredentialCheck } from "./sessions"

/** What {@link createAccounts} returns. */
export interface Accounts {
  /**
   * `authorize` for next-auth's CredentialsProvider: the user (`{ id, email, name, roles,
   * credentialVersion }`) for a right password on a verified address, `null` for wrong
   * credentials (next-auth's `CredentialsSignin`). Throws `EmailNotVerified` when the password was
   * right but the address is not verified, `RateLimited` past the sign-in limits. An unknown
   * address costs a hash verification too, so timing tells nothing.
   *
   * With `mfa` and two-factor on for the user, a right password also needs the credential
   * `code`: a 6-digit TOTP code (each works once) or a recovery code (single use). Without it
   * `MfaRequired` is thrown, for a wrong one `MfaInvalid` (counted against `rateLimits.mfa`;
   * past it `RateLimited`). A wrong password stays `CredentialsSignin`, code or not.
   *
   * @example
   * ```ts
   * CredentialsProvider({ credentials: { email: {}, password: {}, code: {} }, authorize: accounts.authorize })
   * ```
   */
  authorize: AccountsAuthorize
  /**
   * The endpoints for the Pages Router, on a catch-all route (the two-factor endpoints are
   * `mfa/setup`, … with a slash; `[action].ts` serves all the others).
   *
   * @example
   * ```ts
   * // pages/api/account/[...action].ts
   * export default accounts.apiHandler
   * ```
   */
  apiHandler: AccountsApiHandler
  /**
   * The endpoints for the App Router, on a catch-all route (see `apiHandler`).
   *
   * @example
   * ```ts
   * // app/api/account/[...action]/route.ts
   * export const { POST } = accounts.routeHandlers
   * ```
   */
  routeHandlers: AccountsRouteHandlers
  /**
   * Adds to your authOptions what accounts need, and binds them for the signed-in endpoints
   * (`change-password`, `mfa/*`) and, without `secret`, for the key of two-factor secrets:
   *
   * - jwt strategy: the user's credential version goes into the token at sign-in (`token.cv`)
   *   and is compared with the store's on every session read; when the password changed since
   *   (reset or change), the session ends: the token becomes `{ sessionEnded: true }` and the
   *   session reads as signed out everywhere (`getServerSession`, `/api/auth/session`,
   *   `useSession`). The store is asked at most once per user per `sessionCheck.cacheMs`
   *   (5 s) per instance: another instance may still accept an ended session for that long.
   * - database strategy: nothing is added; sessions end through `revokeSessions`.
   *
   * Your own `jwt` and `session` callbacks run after the kit's (not for an ended session).
   * Wrap in any order with `withRoleClaims`.
   *
   * @example
   * ```ts
   * export const authOptions = accounts.withAccounts(withRoleClaims({
   *   providers: [CredentialsProvider({ credentials: { email: {}, password: {} }, authorize: accounts.authorize })],
   *   pages: { signIn: "/login" },
   * }))
   * ```
   */
  withAccounts: (authOptions: NextAuthOptions) => NextAuthOptions
  /**
   * The framework-free core: one action (`"signup"`, …), one request, one answer
   * `{ status, body, headers }`. For adapters of your own and tests; never throws.
   *
   * @example
   * ```ts
   * const { status, body } = await accounts.handle("forgot-password", {
   *   method: "POST", body: { email }, ip, request: { headers: {}, cookies: {} },
   * })
   * ```
   */
  handle: AccountsHandle
  /**
   * Resolves when the work done after answers (emails, tokens) has finished: for tests, and
   * for a graceful shutdown.
   *
   * @example
   * ```ts
   * await accounts.whenIdle()
   * expect(outbox).toHaveLength(1)
   * ```
   */
  whenIdle: () => Promise<void>
}

/**
 * The account lifecycle for next-auth's Credentials provider: sign-up, email verification,
 * resending it, forgotten and reset passwords, changing the password, two-factor
 * authentication (with `mfa`), and `authorize`.
 *
 * Endpoints (all `POST` with a JSON body, `Content-Type: application/json`, under
 * `accounts.accountPath` of the shared config, default `/api/account`):
 * `signup` `{ email, password, name? }` → 202, `verify-email` `{ token }` → 200,
 * `resend-verification` `{ email }` → 202, `forgot-password` `{ email }` → 202,
 * `reset-password` `{ token, password }` → 200, `change-password`
 * `{ currentPassword, newPassword }` (signed in) → 200; each answers `{ ok: true }`. Errors:
 * `{ error, message, fields?, reason? }` with `invalid_input` (400), `invalid_token` (400),
 * `unauthenticated` (401), `forbidden` (403: signed in without a password account),
 * `not_found` (404), `method_not_allowed` (405), `rate_limited` (429, `Retry-After`),
 * `internal_error` (500). Every answer is `Cache-Control: no-store`.
 *
 * Two-factor endpoints (with `mfa`; signed in; 404 `not_found` without it):
 * - `mfa/setup` `{}` → 200 `{ secret, otpauthUrl, qrSvg }`: a new pending secret (replacing an
 *   earlier pending one), its `otpauth://` URI and that URI as an SVG QR code; 409
 *   `mfa_enabled` when two-factor is already on.
 * - `mfa/enable` `{ code }` → 200 `{ recoveryCodes }` (ten, shown once; older ones void): the
 *   first TOTP code of the pending secret turns two-factor on and emails `mfa-enabled`. A
 *   missing or wrong code is `invalid_input` with `fields.code` `required` or `invalid_code`;
 *   409 `mfa_setup_required` without a pending setup, `mfa_enabled` when already on.
 * - `mfa/disable` `{ password }` or `{ code }` (TOTP or recovery code; `password` wins when
 *   both are given) → 200 `{ ok: true }`: turns two-factor off, voids the recovery codes and
 *   emails `mfa-disabled`. Wrong: `invalid_input` with `fields.password: "mismatch"` or
 *   `fields.code: "invalid_code"`; neither given: both fields `required`; 409
 *   `mfa_not_enabled` when two-factor is off.
 *
 * Each counts against `rateLimits.mfa` (wrong codes and passwords per user, every request per
 * IP). The endpoints contain a slash: mount them on a catch-all route, `[...action]`.
 *
 * Languages: with `locales` (`next-auth-kit/locales/<tag>/server`), each error's `message` and
 * each email speak the language of the request (the app's `locale(request)`, else the best
 * match of `Accept-Language`, else English), with `Content-Language` on the answer and
 * `locale` on the email; an email sent after the answer takes the language of the request that
 * caused it.
 *
 * No endpoint tells whether an address has an account: `signup` for a taken address,
 * `forgot-password` and `resend-verification` for an unknown one answer the same, after the
 * same work (the password is hashed either way; lookups and emails happen after the answer).
 *
 * @example
 * ```ts
 * // lib/auth.ts
 * import { createAccounts, withRoleClaims } from "next-auth-kit/server"
 * export const accounts = createAccounts({ ...authConfig, store, sendEmail, mfa: { issuer: "Acme" }, locales: [de, fr] })
 * export const authOptions = accounts.withAccounts(withRoleClaims({
 *   providers: [CredentialsProvider({ credentials: { email: {}, password: {}, code: {} }, authorize: accounts.authorize })],
 *   pages: { signIn: "/login" },
 * }))
 * // pages/api/account/[...action].ts       export default accounts.apiHandler
 * // app/api/account/[...action]/route.ts   export const { POST } = accounts.routeHandlers
 * ```
 * @throws AuthKitError `invalid_config` for a missing store or mailer, a bad path (the shared
 * config's, checked as `createAuthKit` checks them), base URL, password rule, rate limit,
 * hasher, `mfa.issuer`, `secret`, `locales` or `locale`.
 */
export function createAccounts(options: AccountsOptions): Accounts {
  const context = resolveAccounts(options)
  const handle = createHandle(context)
  return {
    authorize: createAuthorize(context),
    apiHandler: createApiHandler(context, handle),
    routeHandlers: createRouteHandlers(context, handle),
    withAccounts(authOptions) {
      // The "someone tried to sign up" email may link to it.
      if (authOptions.pages?.signIn !== undefined && options.loginPath === undefined) checkPath("authOptions.pages.signIn", authOptions.pages.signIn)
      if (strategyOf(authOptions) === "database" && !context.revokeSessions) {
        console.warn(
          "[next-auth-kit] accounts: with database sessions, other sessions cannot end after a password reset or change unless you pass `revokeSessions(userId, { except })` to createAccounts.",
        )
      }
      const wrapped = strategyOf(authOptions) === "jwt" ? withCredentialCheck(authOptions, context.versions) : authOptions
      context.authOptions = wrapped
      return wrapped
    },
    handle,
    whenIdle: context.whenIdle,
  }
}
