import type { AccessPolicy, Role, RolesOf, Session } from "../shared"

/**
 * An {@link AccessPolicy} whose `allow` may be async: on the server it can look things up.
 *
 * @example
 * ```ts
 * requireSession({ roles: ["editor"], allow: async (session) => isOwner(session, postId) })
 * ```
 */
export interface ServerAccessPolicy {
  /** Roles the session must hold; none means any signed-in user. */
  roles?: readonly Role[]
  /**
   * Whether one of `roles` is enough or all are needed.
   * @default "any"
   */
  match?: AccessPolicy["match"]
  /** An extra check that must also resolve to `true`. */
  allow?: (session: Session) => boolean | Promise<boolean>
}

/** What a signed-in user who fails a policy gets. */
export type ForbiddenBehaviour = "not-found" | { redirect: string }

/**
 * Options of {@link createAuthKit}.
 *
 * @example
 * ```ts
 * createAuthKit(authOptions, { loginPath: "/login", forbidden: { redirect: "/403" } })
 * ```
 */
export interface AuthKitOptions {
  /**
   * Where signed-out visitors are sent, with `?callbackUrl=` to come back.
   * @default authOptions.pages?.signIn ?? "/api/auth/signin"
   */
  loginPath?: string
  /**
   * What a signed-in user who fails a policy gets: a 404 (`"not-found"`, which does not even
   * tell them the page exists) or a redirect. Never the login page: that is a redirect loop.
   * @default "not-found"
   */
  forbidden?: ForbiddenBehaviour
  /** How to read roles from a session. @default getRoles */
  getRoles?: RolesOf
  /**
   * The app's Next.js `basePath` (`"/docs"`), so `callbackUrl`s bring users back under it.
   * Next.js adds it to `loginPath` itself.
   * @default ""
   */
  basePath?: string
  /**
   * Called with what an API handler threw, before the kit answers 500.
   * @default logs with console.error
   */
  onError?: (error: unknown, where: { route: string }) => void
  /**
   * Read jwt sessions through the kit's fast path: the key derived once, the payloads of the
   * last 1000 cookies remembered (expiry still checked on every read), the cookie re-issued
   * only when older than `session.updateAge` (or when your `jwt` callback changed the token)
   * instead of on every read. Same session, same callbacks; `false` uses next-auth's
   * `getServerSession` for every read.
   * @default true
   */
  fastSession?: boolean
}
