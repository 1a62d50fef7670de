/**
 * Sign-in: `authorize` for next-auth's Credentials provider, with a password (and a second
 * factor when two-factor is on), with a passkey's assertion (which stands for both factors), or
 * with the single-use grant a confirmed sign-up hands its browser. Every guess is counted before
 * it is checked.
 */
import { normaliseEmail } from "../../account-rules"
import { type EngineDeps, limit } from "../engine"
import { passwordOf, verifyPassword } from "../passwords"
import { hashToken, isTokenShaped } from "../tokens"
import type { SignInMethod } from "../store"
import { verifyPasskeyAssertion } from "./passkeys"
import type { SignInDetails } from "./sessions"
import { consumeSecondFactor, MAX_CODE } from "./two-factor"

/**
 * The error codes `authorize` throws. next-auth passes a thrown error's message on as the
 * `error` of the sign-in answer (`signIn(…, { redirect: false })` → `{ error: "MfaRequired" }`,
 * or `?error=MfaRequired` on the error page); wrong credentials — and an unknown or unconfirmed
 * address, so that nothing tells them apart — stay next-auth's own `CredentialsSignin`.
 *
 * - `MfaRequired`: the password was right and two-factor is on: sign in again with `code`
 * - `MfaInvalid`: the password was right, the `code` was not (wrong, already used, or a
 *   recovery code used before)
 * - `RateLimited`: too many attempts for this address or IP, or too many wrong codes
 * - `PasskeyInvalid`: the `passkey` assertion did not verify (a wrong origin or relying party,
 *   a challenge unknown, used or expired, an unknown credential, a bad signature, a signature
 *   counter that went backwards), or passkeys are off
 * - `AccountsUnavailable`: the store failed, or a two-factor secret could not be decrypted
 *   (details go to `onError`, never to the client)
 * - `EmailNotVerified`: no longer thrown (0.2 threw it for an unconfirmed address); kept in the
 *   type for clients that still handle it
 *
 * @example
 * ```ts
 * const result = await signIn("credentials", { email, password, redirect: false })
 * if (result?.error === ("MfaRequired" satisfies AuthorizeErrorCode)) askForCode() // then signIn(…, { email, password, code })
 * ```
 */
export type AuthorizeErrorCode = "EmailNotVerified" | "MfaRequired" | "MfaInvalid" | "RateLimited" | "AccountsUnavailable" | "PasskeyInvalid"

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
  /** Stored in the token as `cv`, to end the session when the credentials change. */
  credentialVersion: number
  /**
   * How and from where this sign-in happened, for the sessions list: the kit's jwt callback
   * records the session from it and puts the session's id in the token (`sid`).
   */
  signedIn?: SignInDetails
}

/** What the host knows of the request that signs in. */
export interface SignInRequest {
  /** The client IP, or `undefined` when unknown (the per-IP limit is then skipped). */
  ip?: string
  userAgent?: string
}

/** An error whose message is one of the {@link AuthorizeErrorCode}s. */
export class AuthorizeError extends Error {
  constructor(readonly code: AuthorizeErrorCode) {
    super(code)
    this.name = "AuthorizeError"
  }
}

/**
 * Signs in with the credentials next-auth hands over: `{ email, password, code? }`,
 * `{ passkey }` (the assertion's JSON) or `{ grant }`. Answers the user, `null` for wrong
 * credentials, or throws {@link AuthorizeError}.
 */
export async function signIn(deps: EngineDeps, credentials: Partial<Record<string, unknown>> | undefined, request: SignInRequest): Promise<AuthorizedUser | null> {
  try {
    if (typeof credentials?.grant === "string") return await signInWithGrant(deps, credentials.grant, request)
    if (typeof credentials?.passkey === "string" && credentials.passkey !== "") return await signInWithPasskey(deps, credentials.passkey, request)
    return await signInWithPassword(deps, credentials, request)
  } catch (error) {
    if (error instanceof AuthorizeError) throw error
    // next-auth would put this message in the URL.
    deps.report(error, "authorize")
    throw new AuthorizeError("AccountsUnavailable")
  }
}

const authorized = (user: AuthorizedUser, method: SignInMethod, { ip, userAgent }: SignInRequest): AuthorizedUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  roles: [...user.roles],
  credentialVersion: user.credentialVersion,
  signedIn: { method, ...(ip === undefined ? {} : { ip }), ...(userAgent === undefined ? {} : { userAgent }) },
})

async function signInWithGrant(deps: EngineDeps, grant: string, request: SignInRequest): Promise<AuthorizedUser | null> {
  const { ip } = request
  const now = new Date()
  const { wait } = await limit(deps, "signin", { perIp: deps.limits.signIn.perIp }, { ip }, now)
  if (wait) throw new AuthorizeError("RateLimited")
  if (!isTokenShaped(grant)) return null
  const used = await deps.store.consumeToken("signin-grant", await hashToken(grant), now)
  if (!used.ok) return null
  const user = await deps.store.findUserById(used.userId)
  return user ? authorized(user, "grant", request) : null
}

/**
 * A passkey's assertion, to a challenge of `passkeys/sign-in-options`: the user its credential
 * belongs to, without a second factor (the authenticator verified the user, and the key is
 * something they have). Counted against the per-IP sign-in limit.
 */
async function signInWithPasskey(deps: EngineDeps, assertion: string, request: SignInRequest): Promise<AuthorizedUser | null> {
  const now = new Date()
  const { wait } = await limit(deps, "signin", { perIp: deps.limits.signIn.perIp }, { ip: request.ip }, now)
  if (wait) throw new AuthorizeError("RateLimited")
  const passkey = await verifyPasskeyAssertion(deps, assertion, now)
  const user = passkey && (await deps.store.findUserById(passkey.userId))
  if (!user) throw new AuthorizeError("PasskeyInvalid")
  return authorized(user, "passkey", request)
}

async function signInWithPassword(
  deps: EngineDeps,
  credentials: Partial<Record<string, unknown>> | undefined,
  request: SignInRequest,
): Promise<AuthorizedUser | null> {
  const { ip } = request
  const email = typeof credentials?.email === "string" && credentials.email.length <= 512 ? normaliseEmail(credentials.email) : ""
  const password = typeof credentials?.password === "string" ? passwordOf(credentials.password) : null
  if (!email || !password || password.length > 1024) return null
  const now = new Date()
  // Counted before the password is checked: of any burst, at most the limit is evaluated. A
  // right password gives its per-address count back.
  const attempt = await limit(deps, "signin", deps.limits.signIn, { address: email, ip }, now, { refundAddress: true })
  if (attempt.wait) throw new AuthorizeError("RateLimited")
  const user = await deps.store.findUserByEmail(email)
  // An unknown address, one that 0.2 created and was never confirmed, or a user without a
  // password (OAuth, email link) answers as a wrong password after the same work: nothing tells
  // them apart.
  if (!user || !user.emailVerified || user.passwordHash === null) {
    await verifyPassword(deps.hasher, null, password)
    return null
  }
  if (!(await verifyPassword(deps.hasher, user.passwordHash, password))) return null
  const passwordHash = user.passwordHash
  await attempt.succeeded()

  let method: SignInMethod = "password"
  if (deps.mfa) {
    // A pending setup (no code confirmed yet) does not count: sign-in works as before.
    const state = await deps.store.getMfa!(user.id)
    if (state?.enabledAt) {
      method = "code"
      const code = typeof credentials?.code === "string" ? credentials.code.trim() : ""
      if (!code) throw new AuthorizeError("MfaRequired")
      const second = await limit(deps, "mfa", deps.limits.mfa, { address: user.id, ip }, now, { refundAddress: true })
      if (second.wait) throw new AuthorizeError("RateLimited")
      if (code.length > MAX_CODE || !(await consumeSecondFactor(deps, user.id, state, code, now))) throw new AuthorizeError("MfaInvalid")
      await second.succeeded()
    }
  }
  if (deps.hasher.needsRehash?.(passwordHash)) {
    deps.background("authorize", async () => deps.store.updateUser(user.id, { passwordHash: await deps.hasher.hash(password) }))
  }
  return authorized(user, method, request)
}
