import type { AccountsContext } from "./context"
import { consumeSecondFactor } from "./mfa"
import { normalisePassword } from "./password"
import { checkFailures, checkSignIn, recordFailure, recordSignInFailure } from "./rate-limit"
import { normaliseEmail } from "../../core/account-rules"

/**
 * The error codes `authorize` throws. next-auth passes a thrown error's message on as the
 * `error` of the sign-in answer (`signIn(…, { redirect: false })` → `{ error: "EmailNotVerified" }`,
 * or `?error=EmailNotVerified` on the error page); wrong credentials stay next-auth's own
 * `CredentialsSignin`.
 *
 * - `EmailNotVerified`: the password was right, the address is not verified yet
 * - `MfaRequired`: the password was right and two-factor is on: sign in again with `code`
 * - `MfaInvalid`: the password was right, the `code` was not (wrong, already used, or a
 *   recovery code used before)
 * - `RateLimited`: too many attempts for this address or IP, or too many wrong codes
 * - `AccountsUnavailable`: the store failed, or a two-factor secret could not be decrypted
 *   (details go to `onError`, never to the client)
 *
 * Both two-factor codes come only after a right password: a wrong password with or without a
 * code is next-auth's `CredentialsSignin`, so nothing tells whether an account has two-factor on.
 *
 * @example
 * ```ts
 * const result = await signIn("credentials", { email, password, redirect: false })
 * if (result?.error === ("EmailNotVerified" satisfies AuthorizeErrorCode)) showResendLink()
 * if (result?.error === ("MfaRequired" satisfies AuthorizeErrorCode)) askForCode() // then signIn(…, { email, password, code })
 * ```
 */
export type AuthorizeErrorCode = "EmailNotVerified" | "MfaRequired" | "MfaInvalid" | "RateLimited" | "AccountsUnavailable"

/**
 * The user `authorize` signs in; next-auth stores `id` as the token's `sub`.
 *
 * @example
 * ```ts
 * const user: AuthorizedUser = { id: "u1", email: "ada@example.com", name: "Ada", roles: ["user"], credentialVersion: 0 }
 * ```
 */
export interface AuthorizedUser {
  id: string
  email: string
  name: string | null
  roles: string[]
  /** Stored in the token as `cv` by `withAccounts`, to end the session when the password changes. */
  credentialVersion: number
}

/**
 * `authorize` for next-auth's CredentialsProvider; see `Accounts.authorize`.
 *
 * @example
 * ```ts
 * const authorize: AccountsAuthorize = accounts.authorize
 * CredentialsProvider({ credentials: { email: {}, password: {}, code: {} }, authorize })
 * ```
 */
export type AccountsAuthorize = (
  credentials: Partial<Record<string, unknown>> | undefined,
  req?: { headers?: Record<string, string | string[] | undefined> },
) => Promise<AuthorizedUser | null>

// The whole sign-in, password hash included, stays bounded for absurd inputs.
const MAX_PASSWORD = 1024
// A TOTP code or a recovery code, with room for spaces and dashes.
const MAX_CODE = 64

class AuthorizeError extends Error {
  constructor(code: AuthorizeErrorCode) {
    super(code)
    this.name = "AuthorizeError"
  }
}

/** Builds `authorize`. */
export function createAuthorize(context: AccountsContext): AccountsAuthorize {
  const { store, hasher } = context
  return async (credentials, req) => {
    const email = typeof credentials?.email === "string" ? normaliseEmail(credentials.email) : ""
    const password = typeof credentials?.password === "string" ? normalisePassword(credentials.password) : ""
    if (!email || !password || password.length > MAX_PASSWORD) return null
    try {
      const ip = context.clientIp({ headers: req?.headers ?? {} })
      const now = new Date()
      const wait = await checkSignIn(store, context.limits.signIn, { address: email, ip }, now)
      if (wait) throw new AuthorizeError("RateLimited")
      const user = await store.findUserByEmail(email)
      if (!user) {
        // The same work as for a real account: how long a wrong answer takes says nothing.
        await hasher.verify(await context.dummyHash(), password)
        await recordSignInFailure(store, context.limits.signIn, email, now)
        return null
      }
      if (!(await hasher.verify(user.passwordHash, password))) {
        await recordSignInFailure(store, context.limits.signIn, email, now)
        return null
      }
      // Only after the password was right: otherwise this would tell who has an account.
      if (!user.emailVerified) throw new AuthorizeError("EmailNotVerified")
      if (context.mfa) {
        // A pending setup (no code confirmed yet) does not count: sign-in works as before.
        const state = await store.getMfa(user.id)
        if (state?.enabledAt) {
          const code = typeof credentials?.code === "string" ? credentials.code.trim() : ""
          if (!code) throw new AuthorizeError("MfaRequired")
          if (await checkFailures(store, "mfa", context.limits.mfa, { address: user.id, ip }, now)) throw new AuthorizeError("RateLimited")
          if (code.length > MAX_CODE || !(await consumeSecondFactor(store, context.mfaKey, user.id, state, code, now))) {
            await recordFailure(store, "mfa", context.limits.mfa, user.id, now)
            throw new AuthorizeError("MfaInvalid")
          }
        }
      }
      if (hasher.needsRehash?.(user.passwordHash)) {
        context.background("authorize", async () => {
          await store.updateUser(user.id, { passwordHash: await hasher.hash(password) })
        })
      }
      return { id: user.id, email: user.email, name: user.name, roles: [...user.roles], credentialVersion: user.credentialVersion }
    } catch (error) {
      if (error instanceof AuthorizeError) throw error
      // next-auth would put this message in the URL.
      context.report(error, "authorize")
      throw new AuthorizeError("AccountsUnavailable")
    }
  }
}
