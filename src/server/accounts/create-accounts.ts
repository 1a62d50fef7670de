import type { NextAuthOptions } from "next-auth"
import { checkPath } from "../../core/login-url"
import { type AccountsAuthorize, createAuthorize } from "./authorize"
import { type AccountsContext, type AccountsOptions, headerOf, resolveAccounts } from "./context"
import { type AccountsHandle, createHandle } from "./core"
import { type AccountsApiHandler, type AccountsRouteHandlers, createApiHandler, createRouteHandlers } from "./http"
import { requestScope } from "../request-scope"
import type { ClientIpSource } from "./client-ip"
import { signInLanguage, storeOfKitAdapter } from "./adapter"
import { type SessionRecorder, strategyOf, withCredentialCheck } from "./sessions"

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
   * With `passkeys`, the credential `passkey` (the JSON of a passkey's assertion to a challenge
   * of `passkeys/sign-in-options`) signs its user in without `email`, `password` or `code`;
   * anything that does not verify throws `PasskeyInvalid`.
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
   * export const { GET, POST } = accounts.routeHandlers
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
   *   `useSession`). With a store that keeps sessions, each sign-in is recorded for the
   *   sessions list and its id goes into the token (`token.sid`): a revoked session ends the
   *   same way, and signing out removes it. The store is asked at most once per user per
   *   `sessionCheck.cacheMs` (5 s) per instance: another instance may still accept an ended
   *   session for that long.
   * - database strategy: nothing is added; sessions end through `revokeSessions`, or, with the
   *   kit's adapter (`createAuthKit`'s `accounts.adapter`), by the kit itself: a credential
   *   change removes the user's other session rows, and next-auth reads a removed row as no
   *   session at the browser's next request.
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

/** The endpoints and `authorize` over a resolved context, as the kit instance hands them out. */
export type AccountEndpoints = Omit<Accounts, "withAccounts">

/** Builds the endpoints over a context (the kit instance and the 0.2 wrapper share it). */
export function accountEndpoints(context: AccountsContext): AccountEndpoints {
  const handle = createHandle(context)
  return {
    authorize: createAuthorize(context),
    apiHandler: createApiHandler(context, handle),
    routeHandlers: createRouteHandlers(context, handle),
    handle,
    whenIdle: context.whenIdle,
  }
}

/**
 * What the kit adds to authOptions for accounts: the credential check of jwt sessions (a
 * session issued before a credential change ends), and a warning where database sessions cannot
 * end without `revokeSessions`.
 */
export function withAccountSessions(authOptions: NextAuthOptions, context: AccountsContext, loginPathGiven: boolean): NextAuthOptions {
  // The "someone tried to sign up" email may link to it.
  if (authOptions.pages?.signIn !== undefined && !loginPathGiven) checkPath("authOptions.pages.signIn", authOptions.pages.signIn)
  // The kit's own adapter keeps database sessions in its store, and ends them itself.
  if (strategyOf(authOptions) === "database" && !context.revokeSessions && !storeOfKitAdapter(authOptions.adapter)) {
    console.warn(
      "[next-auth-kit] accounts: with database sessions, other sessions cannot end after a credential change unless you pass `revokeSessions(userId, { except })`.",
    )
  }
  return strategyOf(authOptions) === "jwt"
    ? withCredentialCheck(authOptions, context.versions, sessionRecorder(authOptions, context), async (userId) => {
        const user = await context.store.findUserById(userId)
        return user && { name: user.name, image: user.image ?? null, email: user.email }
      })
    : authOptions
}

const THIRTY_DAYS = 30 * 24 * 60 * 60

/**
 * Records jwt sessions in the store, when it keeps them: a session lives as long as next-auth's
 * cookie (`session.maxAge`) after its last activity. A failure to record a sign-in's session is
 * reported and the sign-in goes on without a session id (its session then ends only with a
 * credential change or `sessions/revoke-others`).
 */
function sessionRecorder(authOptions: NextAuthOptions, context: AccountsContext): SessionRecorder | undefined {
  const { engine } = context
  if (!engine.recordsSessions) return undefined
  const lifetimeMs = (authOptions.session?.maxAge ?? THIRTY_DAYS) * 1000
  return {
    detailsOf(account) {
      const type = account?.type
      if (type !== "oauth" && type !== "oidc" && type !== "email") return undefined
      const scope = requestScope.getStore()
      const headers = scope?.headers ?? {}
      const ip = scope ? context.clientIp({ headers: headers as ClientIpSource["headers"], socketAddress: scope.socketAddress }) : undefined
      const userAgent = headerOf(headers, "user-agent")
      // The provider's id ("github", "email"): the sessions list can name it.
      const method = typeof account?.provider === "string" && account.provider !== "" ? account.provider : type
      return { method, ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) }
    },
    start: (userId, details) =>
      // The "new sign-in" email speaks the language of the request that signs in.
      engine.startSession(userId, details, lifetimeMs, signInLanguage(context)).catch((error: unknown) => {
        context.report(error, "sign-in session")
        return null
      }),
    touch: (sessionId) => engine.deps.background("session activity", () => engine.touchSession(sessionId, lifetimeMs)),
    end: (userId, sessionId) =>
      engine.endSession(userId, sessionId).then(
        () => undefined,
        (error: unknown) => context.report(error, "sign-out session"),
      ),
  }
}

/**
 * The account lifecycle for next-auth's Credentials provider, on its own (0.2).
 *
 * @deprecated Build the one kit instance instead, `createAuthKit({ authOptions, accounts: {
 * store, sendEmail } })`, and take `kit.accounts` and `kit.authOptions` from it: nothing is then
 * wired after construction. This wrapper keeps 0.2 code working: `withAccounts(authOptions)`
 * binds the options the signed-in endpoints read the session with, and those endpoints answer
 * 500 (`invalid_config`) until it has run.
 *
 * @example
 * ```ts
 * export const accounts = createAccounts({ ...authConfig, store, sendEmail })
 * export const authOptions = accounts.withAccounts(withRoleClaims({
 *   providers: [CredentialsProvider({ credentials: { email: {}, password: {}, code: {} }, authorize: accounts.authorize })],
 * }))
 * ```
 * @throws AuthKitError `invalid_config` for a missing store or mailer, a bad path, base URL,
 * password rule, rate limit, hasher, `mfa.issuer`, `secret`, `trustProxy`, `locales` or `locale`.
 */
export function createAccounts(options: AccountsOptions): Accounts {
  let bound: NextAuthOptions | undefined
  const context = resolveAccounts(options, () => bound)
  return {
    ...accountEndpoints(context),
    withAccounts(authOptions) {
      bound = withAccountSessions(authOptions, context, options.loginPath !== undefined)
      return bound
    },
  }
}
